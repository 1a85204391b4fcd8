/**
 * IAM Access Analyzer (REST-JSON, signing name `access-analyzer`), for what our compiler produces:
 * - ValidatePolicy (POST /policy/validation): ERROR for what IAM would reject (core/iam's parser),
 *   WARNING for what the parser warns about (e.g. CallWithBearerToken on model ARNs, which never
 *   matches), SECURITY_WARNING for Allow with NotAction/NotResource or `*` actions, SUGGESTION for
 *   empty lists and duplicates.
 * - CheckAccessNotGranted (POST /policy/check-access-not-granted): PASS/FAIL by core/iam's evaluator.
 *   A resource given with wildcards (or no resource) stands for every resource it matches; we cannot
 *   enumerate those, so we approximate conservatively: FAIL as soon as an Allow statement's Action
 *   matches and its Resource pattern overlaps the requested pattern (conditions and Deny statements
 *   ignored). A PASS is therefore a proof; a FAIL may be a false alarm when a Deny or a condition
 *   would have blocked the access.
 */
import {evaluatePolicies, parsePolicyDocument} from '../core/iam/index.js';
import type {PolicyDocument, PolicyStatement} from '../core/iam/policy-document.js';
import {actionMatches, listOf} from '../core/iam/statement-match.js';
import {wildcardOverlapCost, wildcardPatternsOverlap} from '../core/iam/wildcard.js';
import {AwsServiceError, type HandlerContext, type SandboxHttpRequest, type SandboxResponse, type ServiceRouter} from './contracts.js';
import {jsonResponse, readJsonObject} from './protocols/rest-json.js';

interface Finding {
	findingType: 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';
	issueCode: string;
	findingDetails: string;
	learnMoreLink: string;
	locations: Array<{path: Array<{value: string} | {index: number}>; span: {start: Position; end: Position}}>;
}
interface Position {
	line: number;
	column: number;
	offset: number;
}

const learnMore = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

function requirePermission(context: HandlerContext, action: string): void {
	const decision = context.authorize(action, '*');
	if (!decision.allowed) throw new AwsServiceError('AccessDeniedException', decision.message ?? `not authorized to perform: ${action}`, 403);
}

/**
 * Bounds on the checks' input, applied before any work (docs/security.md, 'State, limits and memory'):
 * Access Analyzer's model allows one access entry of at most 100 actions and 100 resources, each resource
 * at most 2,048 characters. It names no size for a policy document; the sandbox takes IAM's 131,072
 * characters, and bounds the pattern comparisons of one check (each a table of one pattern's length times
 * the other's) at `overlapCellLimit` cells, its own bound.
 */
const accessLimits = {entries: 1, actions: 100, resources: 100, resourceLength: 2048, documentLength: 131072};
export const overlapCellLimit = 50_000_000;

function requireDocumentLength(text: string, field: string): void {
	if (text.length > accessLimits.documentLength)
		throw new AwsServiceError('ValidationException', `Invalid parameter: ${field} is longer than ${accessLimits.documentLength} characters.`, 400);
}

function readPolicyInput(body: Record<string, unknown>): string {
	const text = body['policyDocument'];
	if (typeof text !== 'string' || text.length === 0) throw new AwsServiceError('ValidationException', 'Invalid parameter: policyDocument is required.', 400);
	requireDocumentLength(text, 'policyDocument');
	const policyType = body['policyType'];
	if (
		policyType !== undefined &&
		policyType !== 'IDENTITY_POLICY' &&
		policyType !== 'RESOURCE_POLICY' &&
		policyType !== 'SERVICE_CONTROL_POLICY' &&
		policyType !== 'RESOURCE_CONTROL_POLICY'
	) {
		throw new AwsServiceError('ValidationException', `Invalid parameter: policyType ${String(policyType)} is not supported.`, 400);
	}
	return text;
}

const statementsOf = (document: PolicyDocument): readonly PolicyStatement[] =>
	Array.isArray(document.Statement) ? (document.Statement as readonly PolicyStatement[]) : [document.Statement as PolicyStatement];

function spanOf(text: string): {start: Position; end: Position} {
	const lines = text.split('\n');
	return {start: {line: 1, column: 0, offset: 0}, end: {line: lines.length, column: (lines.at(-1) ?? '').length, offset: text.length}};
}

function finding(findingType: Finding['findingType'], issueCode: string, findingDetails: string, text: string, statementIndex?: number): Finding {
	const path = statementIndex === undefined ? [] : [{value: 'Statement'}, {index: statementIndex}];
	return {
		findingType,
		issueCode,
		findingDetails,
		learnMoreLink: `${learnMore}#access-analyzer-reference-policy-checks-${issueCode.toLowerCase().replace(/_/g, '-')}`,
		locations: [{path, span: spanOf(text)}],
	};
}

export function validatePolicyFindings(text: string): Finding[] {
	const parsed = parsePolicyDocument(text);
	if (!parsed.ok) {
		let isJson = true;
		try {
			JSON.parse(text);
		} catch {
			isJson = false;
		}
		return parsed.errors.map((error) => finding('ERROR', isJson ? 'POLICY_SYNTAX_ERROR' : 'JSON_SYNTAX_ERROR', error, text));
	}
	const findings: Finding[] = parsed.warnings.map((warning) => finding('WARNING', 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY', warning, text));
	statementsOf(parsed.document).forEach((statement, index) => {
		if (statement.Effect !== 'Allow') return;
		if (statement.NotResource !== undefined) {
			findings.push(
				finding(
					'SECURITY_WARNING',
					'ALLOW_WITH_NOT_RESOURCE',
					'Using Allow with NotResource could grant access to every resource not listed, including ones created later.',
					text,
					index,
				),
			);
		}
		if (statement.NotAction !== undefined) {
			findings.push(
				finding(
					'SECURITY_WARNING',
					'ALLOW_WITH_NOT_ACTION',
					'Using Allow with NotAction could grant more permissions than intended, including actions added to services later.',
					text,
					index,
				),
			);
		}
		const actions = listOf(statement.Action);
		if (actions.some((action) => action === '*' || action.endsWith(':*'))) {
			findings.push(
				finding('SECURITY_WARNING', 'FULL_SERVICE_WILDCARD', 'The statement allows every action of a service; list only the actions needed.', text, index),
			);
		}
		for (const [element, values] of [
			['Action', statement.Action],
			['Resource', statement.Resource],
		] as const) {
			if (Array.isArray(values) && values.length === 0)
				findings.push(
					finding('SUGGESTION', `EMPTY_ARRAY_${element.toUpperCase()}`, `The ${element} array is empty, so the statement has no effect.`, text, index),
				);
			const list = listOf(values);
			if (new Set(list.map((value) => value.toLowerCase())).size < list.length) {
				findings.push(finding('SUGGESTION', `REDUNDANT_${element.toUpperCase()}`, `The ${element} element lists the same value more than once.`, text, index));
			}
		}
	});
	return findings;
}

/** Do two IAM wildcard patterns (`*`, `?`) match at least one common string? (core/iam, without recursion.) */
export const patternsOverlap = wildcardPatternsOverlap;

interface Reason {
	description: string;
	statementIndex?: number;
	statementId?: string;
}

function grantReasons(document: PolicyDocument, action: string, resource: string): Reason[] {
	const wildcard = resource.includes('*') || resource.includes('?');
	if (!wildcard) {
		const result = evaluatePolicies([{name: 'policy', document}], {action, resource});
		if (result.decision !== 'allowed') return [];
		return result.matchedStatements.map((statement) => ({
			description: `One or more of the listed actions or resources in the statement with index: ${statement.statementIndex}.`,
			statementIndex: statement.statementIndex,
			...(statement.sid ? {statementId: statement.sid} : {}),
		}));
	}
	const reasons: Reason[] = [];
	statementsOf(document).forEach((statement, index) => {
		if (statement.Effect !== 'Allow') return;
		const actionCovered =
			statement.Action !== undefined ? actionMatches(listOf(statement.Action), action) : !actionMatches(listOf(statement.NotAction), action);
		const resourceOverlaps =
			statement.Resource !== undefined ? listOf(statement.Resource).some((pattern) => patternsOverlap(pattern, resource)) : statement.NotResource !== undefined;
		if (actionCovered && resourceOverlaps) {
			reasons.push({
				description: `One or more of the listed actions or resources in the statement with index: ${index}.`,
				statementIndex: index,
				...(statement.Sid ? {statementId: statement.Sid} : {}),
			});
		}
	});
	return reasons;
}

/** The pattern comparisons a check would make, counted before it makes them. */
function requireOverlapBudget(document: PolicyDocument, resources: readonly string[]): void {
	let cells = 0;
	for (const resource of resources) {
		if (!resource.includes('*') && !resource.includes('?')) continue;
		for (const statement of statementsOf(document)) {
			if (statement.Effect !== 'Allow' || statement.Resource === undefined) continue;
			for (const pattern of listOf(statement.Resource)) cells += wildcardOverlapCost(pattern, resource);
		}
	}
	if (cells > overlapCellLimit)
		throw new AwsServiceError(
			'ValidationException',
			`Invalid parameter: comparing the policy's resources with the requested ones takes ${cells} steps; this sandbox takes at most ${overlapCellLimit} per check.`,
			400,
		);
}

async function validatePolicy(context: HandlerContext): Promise<SandboxResponse> {
	requirePermission(context, 'access-analyzer:ValidatePolicy');
	const text = readPolicyInput(readJsonObject(context.request));
	return jsonResponse({findings: validatePolicyFindings(text)}, context.requestId);
}

async function checkAccessNotGranted(context: HandlerContext): Promise<SandboxResponse> {
	requirePermission(context, 'access-analyzer:CheckAccessNotGranted');
	const body = readJsonObject(context.request);
	const text = readPolicyInput(body);
	const access = body['access'];
	if (!Array.isArray(access) || access.length === 0)
		throw new AwsServiceError('ValidationException', 'Invalid parameter: access must list at least one entry.', 400);
	if (access.length > accessLimits.entries)
		throw new AwsServiceError('ValidationException', `Invalid parameter: access lists at most ${accessLimits.entries} entry.`, 400);
	const entries = (access as unknown[]).map((entry) => {
		const fields = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
		const actions = Array.isArray(fields['actions']) ? fields['actions'].filter((item): item is string => typeof item === 'string') : [];
		const resources = Array.isArray(fields['resources']) ? fields['resources'].filter((item): item is string => typeof item === 'string') : [];
		if (actions.length === 0 && resources.length === 0)
			throw new AwsServiceError('ValidationException', 'Invalid parameter: each access entry needs actions or resources.', 400);
		if (actions.length > accessLimits.actions || resources.length > accessLimits.resources)
			throw new AwsServiceError(
				'ValidationException',
				`Invalid parameter: an access entry lists at most ${accessLimits.actions} actions and ${accessLimits.resources} resources.`,
				400,
			);
		if (resources.some((resource) => resource.length > accessLimits.resourceLength))
			throw new AwsServiceError('ValidationException', `Invalid parameter: a resource is at most ${accessLimits.resourceLength} characters.`, 400);
		return {actions, resources};
	});
	const parsed = parsePolicyDocument(text);
	if (!parsed.ok) throw new AwsServiceError('InvalidParameterException', `Invalid policy document: ${parsed.errors.join(' ')}`, 400);
	requireOverlapBudget(
		parsed.document,
		entries.flatMap((entry) => entry.resources),
	);
	const reasons: Reason[] = [];
	for (const {actions, resources} of entries) {
		for (const action of actions.length > 0 ? actions : ['*']) {
			for (const resource of resources.length > 0 ? resources : ['*']) reasons.push(...grantReasons(parsed.document, action, resource));
		}
	}
	const unique = [...new Map(reasons.map((reason) => [reason.statementIndex, reason])).values()];
	return jsonResponse(
		unique.length === 0
			? {result: 'PASS', message: 'The policy document does not grant access to perform the listed actions or resources.', reasons: []}
			: {result: 'FAIL', message: 'The policy document grants access to perform one or more of the listed actions or resources.', reasons: unique},
		context.requestId,
	);
}

/**
 * CheckNoNewAccess: does the new policy allow a request the existing one does not? Each Allow statement
 * of the new policy is turned into concrete requests (each Action x each Resource, evaluated as written,
 * with a context that satisfies its simple conditions) and both policies are evaluated on them. Wildcards
 * are taken literally, so an existing policy must grant at least as wide a pattern: conservative, like
 * AWS's check, which may also FAIL where a human would see no new access. NotAction/NotResource in an
 * Allow always FAIL.
 */
export function newAccessReasons(newDocument: PolicyDocument, existingDocument: PolicyDocument): Reason[] {
	const reasons: Reason[] = [];
	statementsOf(newDocument).forEach((statement, index) => {
		if (statement.Effect !== 'Allow') return;
		const reason = {
			description: `The statement with index: ${index} grants new access.`,
			statementIndex: index,
			...(statement.Sid ? {statementId: statement.Sid} : {}),
		};
		if (statement.NotAction !== undefined || statement.NotResource !== undefined) return void reasons.push(reason);
		const context = satisfyingContext(statement);
		const grantsNew = listOf(statement.Action).some((action) =>
			listOf(statement.Resource).some((resource) => {
				const request = {action, resource, context};
				return (
					evaluatePolicies([{name: 'new', document: newDocument}], request).decision === 'allowed' &&
					evaluatePolicies([{name: 'existing', document: existingDocument}], request).decision !== 'allowed'
				);
			}),
		);
		if (grantsNew) reasons.push(reason);
	});
	return reasons;
}

/** The first value of each condition key, which satisfies the equality and pattern operators we emit. */
function satisfyingContext(statement: PolicyStatement): Record<string, string> {
	const context: Record<string, string> = {};
	for (const block of Object.values((statement.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
		for (const [key, value] of Object.entries(block ?? {})) {
			const first = ([] as unknown[]).concat(value)[0];
			if (typeof first === 'string') context[key] = first;
		}
	}
	return context;
}

async function checkNoNewAccess(context: HandlerContext): Promise<SandboxResponse> {
	requirePermission(context, 'access-analyzer:CheckNoNewAccess');
	const body = readJsonObject(context.request);
	const documents = (['newPolicyDocument', 'existingPolicyDocument'] as const).map((field) => {
		const text = body[field];
		if (typeof text !== 'string' || text.length === 0) throw new AwsServiceError('ValidationException', `Invalid parameter: ${field} is required.`, 400);
		requireDocumentLength(text, field);
		const parsed = parsePolicyDocument(text);
		if (!parsed.ok) throw new AwsServiceError('InvalidParameterException', `Invalid ${field}: ${parsed.errors.join(' ')}`, 400);
		return parsed.document;
	});
	const reasons = newAccessReasons(documents[0]!, documents[1]!);
	return jsonResponse(
		reasons.length === 0
			? {result: 'PASS', message: 'The modified permissions grant no new access compared to your existing policy.', reasons: []}
			: {result: 'FAIL', message: 'The modified permissions grant new access compared to your existing policy.', reasons},
		context.requestId,
	);
}

export function createAccessAnalyzerRouter(): ServiceRouter {
	return (request: SandboxHttpRequest) => {
		if (request.method !== 'POST') return undefined;
		if (request.rawPath === '/policy/validation') return {operation: 'ValidatePolicy', handle: validatePolicy};
		if (request.rawPath === '/policy/check-access-not-granted') return {operation: 'CheckAccessNotGranted', handle: checkAccessNotGranted};
		if (request.rawPath === '/policy/check-no-new-access') return {operation: 'CheckNoNewAccess', handle: checkNoNewAccess};
		return undefined;
	};
}
