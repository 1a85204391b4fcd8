import {bundledCatalog} from '../../core/catalog/index.js';
import type {Messages} from '../../core/i18n/index.js';
import {
	describeWarning,
	explainStatement,
	MANAGED_POLICY_PATH,
	managedPolicyNames,
	planPolicy,
	policySizeLimit,
	type BearerTokenType,
	type MatrixRow,
	type PolicyPlan,
} from '../../core/policy/index.js';
import {renderCloudFormation} from '../../core/policy/formats/cloudformation.js';
import {renderTerraform} from '../../core/policy/formats/terraform.js';
import {Problem} from '../../core/problem.js';
import {configuredRegion} from '../aws-target.js';
import {loadMessages} from '../messages.js';
import type {CommandScope} from '../command-scope.js';
import {ExitCode} from '../exit-codes.js';
import type {GlobalOptions} from '../global-options.js';
import type {CliIo} from '../io.js';
import {optionValues} from '../option-values.js';

export interface PolicyOptions {
	readonly models: readonly string[];
	readonly account?: string;
	readonly auth: 'api-key' | 'access-key' | 'both';
	readonly guardrail: boolean;
	readonly streaming: boolean;
	readonly expires?: string;
	readonly format: 'json' | 'text' | 'terraform' | 'cloudformation';
	readonly policyType: 'auto' | 'inline' | 'managed';
	readonly destinations: 'any-region' | 'exact';
	readonly userName?: string;
}

/** The inline policy's name, as create applies it (flows/create/review.ts), so IaC and the wizard agree. */
const POLICY_NAME = 'bedrock-key-wizard';
export const POLICY_OUTPUT_SCHEMA_VERSION = 1;

/** A short-term key is signed with the user's own access key, so it is only possible when one exists. */
const tokenTypesFor = (auth: PolicyOptions['auth']): readonly BearerTokenType[] =>
	auth === 'api-key' ? ['LONG_TERM'] : auth === 'both' ? ['LONG_TERM', 'SHORT_TERM'] : [];

/** Commander's options for policy (cli/program.ts), read with their types; the choices are those declared there. */
function policyOptions(raw: Readonly<Record<string, unknown>>): PolicyOptions {
	const read = optionValues(raw);
	return {
		models: read.list('models') ?? [],
		account: read.text('account'),
		auth: read.choice('auth', ['api-key', 'access-key', 'both']),
		guardrail: read.flag('guardrail'),
		streaming: read.flag('streaming'),
		expires: read.text('expires'),
		format: read.choice('format', ['json', 'text', 'terraform', 'cloudformation']),
		policyType: read.choice('policyType', ['auto', 'inline', 'managed']),
		destinations: read.choice('destinations', ['any-region', 'exact']),
		userName: read.text('userName'),
	};
}

export async function policyCommand(raw: Readonly<Record<string, unknown>>, global: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const options = policyOptions(raw);
	const messages = await loadMessages(global.lang);
	const region = configuredRegion(global, io.env);
	if (!region) throw new Problem('usage', ...messages.problems.flags.policyNoRegion());
	const catalog = bundledCatalog();
	if (!catalog.regions.includes(region)) {
		throw new Problem('usage', ...messages.problems.flags.policyRegion(region, catalog.regions));
	}
	if (options.account !== undefined && !/^\d{12}$/.test(options.account)) {
		throw new Problem('usage', ...messages.problems.flags.account(options.account));
	}
	const plan = planPolicy(
		{
			catalog,
			region,
			...(options.account ? {accountId: options.account} : {}),
			modelIds: options.models,
			apiKeyTypes: tokenTypesFor(options.auth),
			streaming: options.streaming,
			guardrail: options.guardrail,
			...(options.expires ? {expiresAt: options.expires} : {}),
			policyType: options.policyType,
			destinations: options.destinations,
		},
		messages,
	);
	const {placement} = plan;
	const warnings = [
		...plan.warnings.map((warning) => describeWarning(warning, messages)),
		...(plan.compiled.compacted ? [messages.policy.warning.compacted()] : []),
		// Chosen for the person (auto) or split: say so, since it changes what is made in IAM.
		...(placement.kind === 'managed' && (options.policyType === 'auto' || placement.parts.length > 1)
			? [messages.policy.managedWarning(placement.parts.length, placement.compiled.size)]
			: []),
	];

	// The text table (string-width's tables) only for --format text: the other formats print none.
	const table = options.format === 'text' ? (await import('../text-table.js')).formatTable : undefined;
	const formatted = render(options, plan, region, warnings, messages, table);
	// Nothing is made, so nothing to undo; a stop that came while compiling still means no output, exit 130.
	scope.throwIfStopped();
	if (global.json) {
		// --json wraps whatever --format made in one versioned document (schemas/policy.v1.json).
		io.stdout.write(`${JSON.stringify(policyDocument(options, plan, region, warnings, messages, formatted), null, 2)}\n`);
		for (const warning of warnings) io.stderr.write(`! ${warning}\n`);
		return ExitCode.ok;
	}
	io.stdout.write(formatted);
	// Text carries its warnings inline; the other formats are files to save, so warnings go to stderr.
	if (options.format !== 'text') for (const warning of warnings) io.stderr.write(`! ${warning}\n`);
	return ExitCode.ok;
}

/** The documents to create in IAM, each with its name: the inline policy, or the managed policies. */
function namedDocuments(options: PolicyOptions, plan: PolicyPlan): Array<{policyName: string; policyJson: string; size: number}> {
	const {placement} = plan;
	if (placement.kind === 'inline') return [{policyName: POLICY_NAME, policyJson: plan.compiled.json, size: plan.compiled.size}];
	const names = managedPolicyNames(options.userName, placement.parts.length);
	return placement.parts.map((part, index) => ({policyName: names[index]!, policyJson: part.json, size: part.size}));
}

type TableFormat = (rows: ReadonlyArray<readonly string[]>) => string;

function render(options: PolicyOptions, plan: PolicyPlan, region: string, warnings: readonly string[], messages: Messages, table?: TableFormat): string {
	const documents = namedDocuments(options, plan);
	const common = {
		kind: plan.placement.kind,
		policies: documents,
		path: MANAGED_POLICY_PATH,
		region,
		...(options.userName ? {userName: options.userName} : {}),
	};
	switch (options.format) {
		case 'json':
			// Split across several managed policies: one JSON array of their documents, in order.
			return documents.length === 1
				? plan.compiled.json
				: `${JSON.stringify(
						plan.placement.parts.map((part) => part.document),
						null,
						2,
					)}\n`;
		case 'text':
			if (!table) throw new Error('policy: --format text without its table');
			return renderText(plan, region, warnings, messages, documents, table);
		case 'terraform':
			return renderTerraform(common);
		case 'cloudformation':
			return renderCloudFormation(common);
	}
}

function policyDocument(
	options: PolicyOptions,
	plan: PolicyPlan,
	region: string,
	warnings: readonly string[],
	messages: Messages,
	formatted: string,
): Record<string, unknown> {
	const statements = Array.isArray(plan.compiled.document.Statement) ? plan.compiled.document.Statement : [plan.compiled.document.Statement];
	const documents = namedDocuments(options, plan);
	return {
		schemaVersion: POLICY_OUTPUT_SCHEMA_VERSION,
		command: 'policy',
		region,
		format: options.format,
		policyName: documents[0]!.policyName,
		policyType: plan.placement.kind,
		destinations: options.destinations,
		policy: plan.compiled.document,
		size: plan.compiled.size,
		sizeLimit: policySizeLimit(plan.placement.kind),
		// What to create in IAM: one inline policy, or one managed policy per document (under the path).
		policies: documents.map((document, index) => ({
			name: document.policyName,
			...(plan.placement.kind === 'managed' ? {path: MANAGED_POLICY_PATH} : {}),
			size: document.size,
			document: plan.placement.parts[index]!.document,
		})),
		explanation: plan.compiled.purposes.map((purpose, index) => ({
			sid: statements[index]?.Sid ?? String(index + 1),
			text: explainStatement(purpose, messages),
		})),
		matrix: plan.matrix.map((row) => {
			const [, label, decision] = matrixCells(row, messages);
			return {request: label, decision: row.decision, pass: row.pass, shown: decision};
		}),
		warnings,
		...(options.format === 'json' ? {} : {output: formatted}),
	};
}

function renderText(
	plan: PolicyPlan,
	region: string,
	warnings: readonly string[],
	messages: Messages,
	documents: ReadonlyArray<{policyName: string; policyJson: string; size: number}>,
	formatTable: TableFormat,
): string {
	const heading = messages.policy.heading;
	const {kind} = plan.placement;
	const limit = policySizeLimit(kind);
	const out: string[] = [];
	out.push(`${heading.policy} (${region}, ${messages.policy.placement(kind, documents.length)}, ${messages.policy.size(plan.compiled.size, limit)})`);
	if (documents.length === 1) out.push(plan.compiled.json);
	else
		documents.forEach((document, index) =>
			out.push(`${messages.policy.part(document.policyName, index, documents.length)} (${messages.policy.size(document.size, limit)})`, document.policyJson),
		);
	out.push(heading.explanation);
	const statements = Array.isArray(plan.compiled.document.Statement) ? plan.compiled.document.Statement : [plan.compiled.document.Statement];
	plan.compiled.purposes.forEach((purpose, index) => {
		out.push(`  ${statements[index]?.Sid ?? index + 1}`, `    ${explainStatement(purpose, messages)}`);
	});
	out.push('', messages.policy.matrix.title, formatTable(plan.matrix.map((row) => matrixCells(row, messages))));
	if (warnings.length > 0) out.push('', heading.warnings, ...warnings.map((warning) => `  ! ${warning}`));
	return `${out.join('\n')}\n`;
}

function matrixCells(row: MatrixRow, messages: Messages): string[] {
	const m = messages.policy.matrix;
	const label =
		row.kind === 'api-key' ? m.apiKeyRow(row.tokenType) : row.kind === 'call' ? m.callRow(row.id, row.streaming) : m.directRow(row.modelId, row.region);
	const decision = row.decision === 'allowed' ? m.allowed : m.denied;
	return [row.pass ? '✓' : '✗', label, decision, row.pass ? m.asExpected : m.unexpected];
}
