/**
 * `workshop rotate`: a seat's key replaced one seat at a time, using the user's second key slot
 * (docs/aws-facts.md, 'API keys': two per user per service). For each seat: the new key is made, the seat's
 * handout rewritten to hold it, the new key verified live, and only then the old key set Inactive, and deleted
 * after the grace period. Resumable: a run stopped anywhere is finished by the next one (a handout holding the
 * newer of two keys means the old one is next; a newer key that no handout holds was never handed out, and goes).
 */
import {describeFailure} from '../../core/aws-failure.js';
import type {Messages} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import {handoutFileName, readHandoutFacts, readHandoutKey} from '../../core/workshop/handout.js';
import type {SeatVerification, WorkshopManifest} from '../../core/workshop/manifest.js';
import type {ApiKeySummary, IamPort} from '../ports.js';
import type {WorkshopFiles} from './files.js';
import {takeInventory, type WorkshopInventory} from './inventory.js';
import type {WorkshopStatus} from './status.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RotateRequest {
	readonly event: string;
	readonly outDir: string;
	readonly manifest: WorkshopManifest;
	/** The seats to rotate, in order. */
	readonly seats: readonly number[];
	readonly graceMs: number;
}

export interface RotatePlanSeat {
	readonly seat: number;
	readonly userName: string;
	/** The key the seat's handout holds now (the one that stops working). */
	readonly oldCredentialId: string;
}

export interface RotateDeps {
	readonly iam: IamPort;
	readonly files: WorkshopFiles;
	readonly messages: Messages;
	readonly now: () => Date;
	/** Proves the seat's handout key live (status --verify for this seat); its verification. */
	readonly verify: (status: WorkshopStatus, seat: number) => Promise<SeatVerification | undefined>;
	readonly sleep: (ms: number) => Promise<void>;
	readonly confirm: (plan: readonly RotatePlanSeat[]) => Promise<boolean>;
	readonly signal?: AbortSignal;
}

export type RotateEvent =
	| {readonly type: 'plan'; readonly seats: readonly RotatePlanSeat[]}
	| {
			readonly type: 'step';
			readonly seat: number;
			readonly userName: string;
			readonly step: 'created' | 'handout' | 'verified' | 'inactive' | 'deleted';
			readonly credentialId: string;
	  }
	| {readonly type: 'failed'; readonly seat: number; readonly userName?: string; readonly reason: string};

export interface RotateSummary {
	readonly schemaVersion: 1;
	readonly event: string;
	readonly rotated: ReadonlyArray<{readonly seat: number; readonly userName: string; readonly oldCredentialId: string; readonly newCredentialId: string}>;
	readonly failed: ReadonlyArray<{readonly seat: number; readonly reason: string}>;
	readonly cancelled: boolean;
}

/** The seat's key that its handout holds, and the others, as the inventory lists them. */
async function seatIn(inventory: WorkshopInventory, files: WorkshopFiles, request: RotateRequest, seat: number) {
	const entry = inventory.seats.get(seat);
	if (!entry) return undefined;
	const userName = entry.user.userName;
	const path = files.join(request.outDir, handoutFileName(userName));
	const text = await files.read(path);
	const facts = readHandoutFacts(text ?? '');
	const secret = text === undefined ? undefined : readHandoutKey(text);
	const held = entry.keys.find((key) => key.credentialId === facts?.credentialId);
	return {userName, path, text, secret, held, others: entry.keys.filter((key) => key !== held)};
}

export async function runWorkshopRotate(request: RotateRequest, deps: RotateDeps, onEvent: (event: RotateEvent) => void = () => {}): Promise<RotateSummary> {
	const {iam, files, messages} = deps;
	const text = messages.workshop.rotate;
	const plan: RotatePlanSeat[] = [];
	const failed: Array<{seat: number; reason: string}> = [];
	// One listing for the whole plan; each seat is read again just before it is rotated.
	const inventory = await takeInventory(iam, request.event);
	for (const seat of request.seats) {
		const found = await seatIn(inventory, files, request, seat);
		if (!found) failed.push({seat, reason: text.noSeat(seat)});
		else if (!found.held || !found.secret) failed.push({seat, reason: text.noHandout(seat, found.userName)});
		else plan.push({seat, userName: found.userName, oldCredentialId: found.held.credentialId});
	}
	for (const failure of failed) onEvent({type: 'failed', ...failure});
	if (plan.length > 0) {
		onEvent({type: 'plan', seats: plan});
		if (!(await deps.confirm(plan))) throw new Problem('cancelled', ...text.declined);
	}
	const rotated: Array<{seat: number; userName: string; oldCredentialId: string; newCredentialId: string}> = [];
	let cancelled = false;
	for (const {seat} of plan) {
		if (deps.signal?.aborted) {
			cancelled = true;
			break;
		}
		try {
			rotated.push(await rotateSeat(request, deps, seat, onEvent));
		} catch (error) {
			const reason = describeFailure(error);
			failed.push({seat, reason});
			onEvent({type: 'failed', seat, reason});
		}
	}
	return {schemaVersion: 1, event: request.event, rotated, failed, cancelled};
}

async function rotateSeat(
	request: RotateRequest,
	deps: RotateDeps,
	seat: number,
	onEvent: (event: RotateEvent) => void,
): Promise<{seat: number; userName: string; oldCredentialId: string; newCredentialId: string}> {
	const {iam, files} = deps;
	const text = deps.messages.workshop.rotate;
	const seatNow = async () => seatIn(await takeInventory(iam, request.event), files, request, seat);
	let now = await seatNow();
	if (!now?.held || !now.secret || now.text === undefined) throw new Problem('aws-refused', text.noHandout(seat, now?.userName ?? String(seat)));
	const {userName} = now;
	const newer = (a: ApiKeySummary, b: ApiKeySummary): boolean => (a.createdAt ?? '') > (b.createdAt ?? '');
	// A key newer than the handout's that no handout holds: made by a run stopped before it wrote the handout. Its secret is gone.
	const strays = now.others.filter((key) => newer(key, now!.held!));
	for (const stray of strays) await iam.deleteApiKey(userName, stray.credentialId);
	if (strays.length > 0) now = (await seatNow())!;
	let old: ApiKeySummary | undefined = now.others[0];
	let current = now.held!;
	if (!old) {
		// The second slot: the new key, then the handout that holds it (the only place its secret goes).
		const ageDays = Math.max(1, Math.ceil((Date.parse(request.manifest.expiresAt) - deps.now().getTime()) / DAY_MS));
		const made = await iam.createApiKey(userName, ageDays);
		onEvent({type: 'step', seat, userName, step: 'created', credentialId: made.credentialId});
		const rewritten = now.text!.split(now.secret!).join(made.secret.reveal()).split(now.held!.credentialId).join(made.credentialId);
		await files.write(now.path, rewritten, 0o600);
		onEvent({type: 'step', seat, userName, step: 'handout', credentialId: made.credentialId});
		old = now.held!;
		current = {...now.held!, credentialId: made.credentialId, status: 'Active'};
	}
	// Only a new key that works may take the old one's place.
	const verification = await deps.verify(
		{
			schemaVersion: 1,
			event: request.event,
			region: request.manifest.region,
			manifest: request.manifest,
			ready: 1,
			lookalikes: [],
			seats: [{seat, userName, credentialId: current.credentialId, state: 'ready', handout: now.path}],
		},
		seat,
	);
	if (!verification?.pass) throw new Problem('verification-failed', text.verifyFailed(seat, userName, verification?.failures ?? []));
	onEvent({type: 'step', seat, userName, step: 'verified', credentialId: current.credentialId});
	if (old.status !== 'Inactive') await iam.setApiKeyStatus(userName, old.credentialId, 'Inactive');
	onEvent({type: 'step', seat, userName, step: 'inactive', credentialId: old.credentialId});
	if (request.graceMs > 0) await deps.sleep(request.graceMs);
	await iam.deleteApiKey(userName, old.credentialId);
	onEvent({type: 'step', seat, userName, step: 'deleted', credentialId: old.credentialId});
	return {seat, userName, oldCredentialId: old.credentialId, newCredentialId: current.credentialId};
}
