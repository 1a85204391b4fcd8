/**
 * The workshop's customer managed policies: one for every seat (several only when the policy is split past
 * 6,144 characters, as create splits it: core/policy/placement.ts). Made once before the seats, under
 * `/bedrock-key-wizard/` and tagged with the event, or given a new default version when a re-run changes the
 * policy (the oldest versions that are not the default pruned first, to stay within IAM's 5), and deleted by
 * teardown after the seats: other versions first, then the policy (docs/aws-facts.md, 'Managed policies').
 * Every step starts from what IAM holds, so a re-run after any failure converges.
 */
import {isAwsFailure} from '../../core/aws-failure.js';
import {samePolicyDocument} from '../../core/iam/index.js';
import {customerPolicyArn} from '../../core/arn.js';
import type {Messages} from '../../core/i18n/en.js';
import {MANAGED_POLICY_PATH} from '../../core/policy/placement.js';
import {Problem} from '../../core/problem.js';
import {isWorkshopPolicyName, WORKSHOP_TAG, workshopPolicyNames, workshopPolicyTags} from '../../core/workshop/seat-names.js';
import {deleteManagedPolicyCompletely, versionsToPrune} from '../create/apply.js';
import type {IamPort} from '../ports.js';

export interface WorkshopPolicyRef {
	readonly name: string;
	readonly arn: string;
}

export type WorkshopPolicyOutcome = 'created' | 'updated' | 'unchanged';

/** The names and ARNs of the workshop's policies for a placement of `count` documents. */
export function workshopPolicyRefs(event: string, accountId: string, count: number): WorkshopPolicyRef[] {
	return workshopPolicyNames(event, count).map((name) => ({name, arn: customerPolicyArn(accountId, MANAGED_POLICY_PATH, name)}));
}

/** This workshop's managed policies in IAM now: named like them, under our path, and tagged with the event. */
export async function findWorkshopPolicies(iam: IamPort, event: string): Promise<WorkshopPolicyRef[]> {
	const listed = await iam.listManagedPolicies(MANAGED_POLICY_PATH);
	const found: WorkshopPolicyRef[] = [];
	for (const policy of listed.filter((entry) => isWorkshopPolicyName(event, entry.name))) {
		const info = await iam.getManagedPolicy(policy.arn);
		if (info?.tags[WORKSHOP_TAG] === event) found.push({name: policy.name, arn: policy.arn});
	}
	return found.sort((a, b) => a.name.localeCompare(b.name, 'en', {numeric: true}));
}

/**
 * Brings each policy to its document: made when missing, a new default version when it differs, nothing
 * when it holds it already. A policy of that name without this event's tag is not ours: refused, untouched.
 */
export async function ensureWorkshopPolicies(
	parts: ReadonlyArray<WorkshopPolicyRef & {readonly document: string}>,
	context: {readonly iam: IamPort; readonly event: string; readonly createdAt: string; readonly messages: Messages},
): Promise<Array<WorkshopPolicyRef & {readonly outcome: WorkshopPolicyOutcome}>> {
	const results: Array<WorkshopPolicyRef & {outcome: WorkshopPolicyOutcome}> = [];
	for (const part of parts) results.push({name: part.name, arn: part.arn, outcome: await ensureOne(part, context)});
	return results;
}

async function ensureOne(
	part: WorkshopPolicyRef & {readonly document: string},
	context: {readonly iam: IamPort; readonly event: string; readonly createdAt: string; readonly messages: Messages},
): Promise<WorkshopPolicyOutcome> {
	const {iam, event} = context;
	const ours = async (): Promise<{document: string} | undefined> => {
		const found = await iam.getManagedPolicy(part.arn);
		if (found && found.tags[WORKSHOP_TAG] !== event) {
			const [message, fix] = context.messages.workshop.create.policyNotOurs(part.arn);
			throw new Problem('aws-refused', message, fix);
		}
		return found;
	};
	const found = await ours();
	if (!found) {
		try {
			await iam.createManagedPolicy(part.name, MANAGED_POLICY_PATH, part.document, workshopPolicyTags(event, context.createdAt));
			return 'created';
		} catch (error) {
			// A lost reply (it may have been made) or another run making it meanwhile: settle by what IAM holds.
			if (!isAwsFailure(error, 'ambiguous', 'conflict')) throw error;
			const now = await ours();
			if (!now) throw error;
			if (!samePolicyDocument(now.document, part.document)) await newDefaultVersion(iam, part.arn, part.document);
			return 'created';
		}
	}
	if (samePolicyDocument(found.document, part.document)) return 'unchanged';
	await newDefaultVersion(iam, part.arn, part.document);
	return 'updated';
}

/** A new default version, after pruning the oldest versions that are not the default so IAM's 5 are not exceeded. */
async function newDefaultVersion(iam: IamPort, arn: string, document: string): Promise<void> {
	await pruneVersionsForOneMore(iam, arn);
	// A lost reply is settled by the port, which adopts the version that try made (flows/ports.ts).
	await iam.createPolicyVersion(arn, document);
}

/** Deletes the versions create's apply would prune before one more (`versionsToPrune`); none of them is in force. */
async function pruneVersionsForOneMore(iam: IamPort, arn: string): Promise<void> {
	for (const oldest of versionsToPrune(await iam.listPolicyVersions(arn))) {
		try {
			await iam.deletePolicyVersion(arn, oldest.versionId);
		} catch (error) {
			if (!isAwsFailure(error, 'not-found')) throw error;
		}
	}
}

export type PolicyDeletion =
	| {readonly outcome: 'deleted'}
	/** DeleteConflict once no seat holds it: something else (a user, group or role) still has it attached. */
	| {readonly outcome: 'attached-elsewhere'}
	| {readonly outcome: 'failed'; readonly reason: unknown};

/**
 * Deletes one workshop policy in DeleteConflict-safe order (other versions, then the policy), once the seats
 * no longer hold it. A policy already gone counts as deleted (a re-run, or a lost answer).
 */
export async function deleteWorkshopPolicy(iam: IamPort, arn: string): Promise<PolicyDeletion> {
	try {
		await deleteManagedPolicyCompletely(iam, arn);
		return {outcome: 'deleted'};
	} catch (error) {
		if (isAwsFailure(error, 'not-found') && !(await iam.getManagedPolicy(arn))) return {outcome: 'deleted'};
		if (isAwsFailure(error, 'conflict')) return {outcome: 'attached-elsewhere'};
		return {outcome: 'failed', reason: error};
	}
}
