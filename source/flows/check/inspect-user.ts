/**
 * What the key's user is granted, read with the admin's credentials: its inline policies, the customer
 * managed policies attached (their default versions, read like inline ones), the AWS managed policies attached (AmazonBedrockLimitedAccess/FullAccess flagged: they allow every model), whether a
 * guardrail Deny protects it, and its keys with age and expiry.
 */
import {broadBedrockPolicy, MANAGED_TAG} from '../create/review.js';
import type {AccessKeySummary, ApiKeySummary, AttachedPolicy, IamPort} from '../ports.js';

/** AWS managed policies live in the `aws` account; anything else attached is the customer's own. */
const awsManagedPolicyArn = /^arn:aws[a-z-]*:iam::aws:policy\//;

export interface UserInspection {
	readonly userName: string;
	readonly arn: string;
	readonly createdAt?: string;
	readonly ageDays?: number;
	readonly managedByTool: boolean;
	readonly inline: ReadonlyArray<{readonly name: string; readonly document: string}>;
	readonly attached: readonly AttachedPolicy[];
	/** The attached customer managed policies, each with its default version's document (read like an inline policy). */
	readonly customerManaged: ReadonlyArray<AttachedPolicy & {readonly document: string}>;
	readonly broad: readonly AttachedPolicy[];
	readonly guardrail: boolean;
	readonly apiKeys: ReadonlyArray<ApiKeySummary & {readonly ageDays?: number}>;
	readonly accessKeys: readonly AccessKeySummary[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const ageInDays = (iso: string | undefined, now: Date): number | undefined =>
	iso ? Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS)) : undefined;

export async function inspectUser(iam: IamPort, userName: string, now: Date): Promise<UserInspection | undefined> {
	const user = await iam.findUser(userName);
	if (!user) return undefined;
	const [inlineNames, attached, apiKeys, accessKeys] = await Promise.all([
		iam.listInlinePolicies(userName),
		iam.listAttachedPolicies(userName),
		iam.listApiKeys(userName),
		iam.listAccessKeys(userName),
	]);
	const inline = await Promise.all(inlineNames.map(async (name) => ({name, document: (await iam.getUserPolicy(userName, name)) ?? '{}'})));
	const customerManaged = (
		await Promise.all(
			attached
				.filter((policy) => !awsManagedPolicyArn.test(policy.arn))
				.map(async (policy) => {
					const found = await iam.getManagedPolicy(policy.arn);
					return found ? [{...policy, document: found.document}] : [];
				}),
		)
	).flat();
	const ageDays = ageInDays(user.createdAt, now);
	return {
		userName,
		arn: user.arn,
		...(user.createdAt ? {createdAt: user.createdAt} : {}),
		...(ageDays !== undefined ? {ageDays} : {}),
		managedByTool: user.tags[MANAGED_TAG] === 'true',
		inline,
		attached,
		customerManaged,
		broad: attached.filter((policy) => broadBedrockPolicy.test(policy.arn)),
		guardrail: [...inline, ...customerManaged].some((policy) => hasGuardrail(policy.document)),
		apiKeys: apiKeys.map((key) => {
			const days = ageInDays(key.createdAt, now);
			return {...key, ...(days !== undefined ? {ageDays: days} : {})};
		}),
		accessKeys,
	};
}

/** A Deny of InvokeModel on everything but the allowed ARNs (NotResource), as the compiler writes it. */
export function hasGuardrail(document: string): boolean {
	let parsed: {Statement?: unknown};
	try {
		parsed = JSON.parse(document) as {Statement?: unknown};
	} catch {
		return false;
	}
	const statements = (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]) as Array<Record<string, unknown> | undefined>;
	return statements.some((statement) => {
		if (statement?.['Effect'] !== 'Deny' || statement['NotResource'] === undefined) return false;
		const actions = ([] as unknown[]).concat(statement['Action'] ?? []);
		return actions.some((action) => typeof action === 'string' && /^bedrock:(InvokeModel\*|InvokeModel|\*)$/.test(action));
	});
}
