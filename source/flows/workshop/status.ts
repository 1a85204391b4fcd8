/**
 * `workshop status`: each seat's key state and expiry from IAM (found by tag) and the handout folder,
 * with the last verification; `--verify` proves every seat's own key live, seats in parallel. The key is
 * read from the seat's handout and only ever handed to the probe port.
 */
import type {Messages} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import {Secret} from '../../core/secret.js';
import {planProbes} from '../../core/verify/probe-plan.js';
import {handoutFileName, readHandoutFacts, readHandoutKey} from '../../core/workshop/handout.js';
import {
	MANIFEST_FILE,
	parseManifest,
	parseVerificationLog,
	toJson,
	VERIFICATION_FILE,
	WORKSHOP_SCHEMA_VERSION,
	type SeatVerification,
	type WorkshopManifest,
} from '../../core/workshop/manifest.js';
import {EXPIRES_TAG} from '../../core/workshop/seat-names.js';
import {mapBounded, type Clock} from '../bounded.js';
import type {AwsPorts, IamPort} from '../ports.js';
import {verifyKey} from '../verify/verify-key.js';
import type {WorkshopFiles} from './files.js';
import {takeInventory} from './inventory.js';
import {samePolicyDocument} from '../../core/iam/index.js';
import {planWorkshopPolicy} from './policy.js';
import type {ActivityReading, SeatActivity} from './activity.js';

/** `no-policy`, `stale-policy`: the key is fine, but the seat lacks the workshop's policy, or holds another document than the one planned. */
export type SeatState = 'ready' | 'no-user' | 'no-key' | 'lost-secret' | 'inactive' | 'expired' | 'extra-keys' | 'no-policy' | 'stale-policy';

export interface SeatStatus {
	readonly seat: number;
	readonly userName?: string;
	readonly credentialId?: string;
	/** When the handout's key was made (its age on the dashboard). */
	readonly keyCreatedAt?: string;
	readonly state: SeatState;
	readonly expiresAt?: string;
	readonly handout?: string;
	readonly lastVerification?: SeatVerification;
	/** Calls seen in CloudTrail (flows/workshop/activity.ts); absent when not read. */
	readonly activity?: SeatActivity;
}

export interface WorkshopStatus {
	readonly schemaVersion: number;
	readonly event: string;
	readonly region?: string;
	readonly seats: readonly SeatStatus[];
	readonly ready: number;
	readonly lookalikes: readonly string[];
	readonly manifest?: WorkshopManifest;
	/** Where the seats' activity came from, and the window it covers; absent when not read. */
	readonly activity?: ActivityReading;
}

export interface StatusDeps {
	readonly iam: IamPort;
	readonly files: WorkshopFiles;
	readonly now: () => Date;
	/**
	 * With these, a workshop.json that records its policy has each ready seat's policy judged too: planned again
	 * from the manifest (as --verify plans it) and compared with what the seat holds (inline), or with the
	 * default version of each managed policy attached to it.
	 */
	readonly policyCheck?: {readonly ports: Pick<AwsPorts, 'identity' | 'catalog'>; readonly messages: Messages};
}

export async function readWorkshopStatus(input: {readonly event: string; readonly outDir: string}, deps: StatusDeps): Promise<WorkshopStatus> {
	const {files} = deps;
	const manifestPath = files.join(input.outDir, MANIFEST_FILE);
	const manifestText = await files.read(manifestPath);
	const manifest = manifestText === undefined ? undefined : parseManifest(manifestText, manifestPath);
	const log = parseVerificationLog(await files.read(files.join(input.outDir, VERIFICATION_FILE)), input.event);
	const inventory = await takeInventory(deps.iam, input.event);
	const numbers = new Set([...Array.from({length: manifest?.event === input.event ? manifest.seats : 0}, (_, index) => index + 1), ...inventory.seats.keys()]);
	const now = deps.now().getTime();
	const policyOf = manifest?.event === input.event ? await seatPolicyJudge(manifest, deps) : undefined;
	const seats: SeatStatus[] = [];
	for (const seat of [...numbers].sort((a, b) => a - b)) {
		const entry = inventory.seats.get(seat);
		const lastVerification = log.seats[String(seat)];
		if (!entry) {
			seats.push({seat, state: 'no-user'});
			continue;
		}
		const userName = entry.user.userName;
		const handoutPath = files.join(input.outDir, handoutFileName(userName));
		const facts = readHandoutFacts((await files.read(handoutPath)) ?? '');
		const held = entry.keys.find((key) => key.credentialId === facts?.credentialId);
		// A check of an earlier key says nothing about the key the seat holds now.
		const checked = lastVerification && held && lastVerification.credentialId === held.credentialId ? lastVerification : undefined;
		// The policy's aws:CurrentTime deny is the exact end (the handout is rewritten when a re-run moves it; the
		// tag keeps the first one); the key's own expiry is up to a day later.
		const expiresAt = (held ? facts?.expiresAt : undefined) ?? entry.user.tags[EXPIRES_TAG] ?? held?.expiresAt;
		const expired = held?.status === 'Expired' || (expiresAt !== undefined && Date.parse(expiresAt) <= now);
		const keyState: SeatState =
			entry.keys.length === 0
				? 'no-key'
				: !held
					? 'lost-secret'
					: held.status === 'Inactive'
						? 'inactive'
						: expired
							? 'expired'
							: entry.keys.length > 1
								? 'extra-keys'
								: 'ready';
		const state: SeatState = keyState === 'ready' && policyOf ? await policyOf(userName) : keyState;
		seats.push({
			seat,
			userName,
			state,
			...(held ? {credentialId: held.credentialId, handout: handoutPath} : {}),
			...(held?.createdAt ? {keyCreatedAt: held.createdAt} : {}),
			...(expiresAt ? {expiresAt} : {}),
			...(checked ? {lastVerification: checked} : {}),
		});
	}
	return {
		schemaVersion: WORKSHOP_SCHEMA_VERSION,
		event: input.event,
		...(manifest ? {region: manifest.region, manifest} : {}),
		seats,
		ready: seats.filter((seat) => seat.state === 'ready').length,
		lookalikes: inventory.lookalikes.map((user) => user.userName),
	};
}

/**
 * How a seat's policy is judged against the manifest's plan: inline, the seat's own policy of that name holds
 * the planned document; managed, every recorded policy is attached to the seat and its default version holds
 * its planned part (each policy is read once for all seats). undefined when the manifest records no policy
 * (written before managed policies) or there is nothing to plan with.
 */
async function seatPolicyJudge(manifest: WorkshopManifest, deps: StatusDeps): Promise<((userName: string) => Promise<SeatState>) | undefined> {
	const record = manifest.policy;
	if (!record || !deps.policyCheck) return undefined;
	const planned = await planWorkshopPolicy(
		deps.policyCheck.ports,
		{
			region: manifest.region,
			modelIds: manifest.models,
			expiresAt: manifest.expiresAt,
			denyProbeIds: manifest.denyProbes,
			policyType: record.type,
		},
		deps.policyCheck.messages,
	);
	const {iam} = deps;
	if (record.type === 'inline') {
		return async (userName) => {
			const held = await iam.getUserPolicy(userName, record.name);
			return held === undefined ? 'no-policy' : samePolicyDocument(held, planned.plan.compiled.json) ? 'ready' : 'stale-policy';
		};
	}
	const parts = planned.plan.placement.parts;
	const current = await Promise.all(
		record.policies.map(async (policy, index) => {
			const found = await iam.getManagedPolicy(policy.arn);
			return found !== undefined && parts.length === record.policies.length && samePolicyDocument(found.document, parts[index]!.json);
		}),
	);
	return async (userName) => {
		const attached = new Set((await iam.listAttachedPolicies(userName)).map((policy) => policy.arn));
		if (!record.policies.every((policy) => attached.has(policy.arn))) return 'no-policy';
		return current.every(Boolean) ? 'ready' : 'stale-policy';
	};
}

export type VerifyWorkshopEvent =
	{readonly type: 'verifying'; readonly seat: number} | {readonly type: 'verified'; readonly seat: number; readonly verification: SeatVerification};

export interface VerifyWorkshopDeps {
	readonly ports: Pick<AwsPorts, 'identity' | 'catalog' | 'probes'>;
	readonly files: WorkshopFiles;
	readonly messages: Messages;
	readonly clock: Clock;
	readonly now: () => Date;
	/** Seats verified at once (each runs its probes concurrently too). */
	readonly concurrency: number;
	readonly budgetMs: number;
	readonly signal?: AbortSignal;
}

/** Probes every seat that has a handout key; returns the status with each seat's new verification (and saves them). */
export async function verifyWorkshop(
	status: WorkshopStatus,
	outDir: string,
	deps: VerifyWorkshopDeps,
	onEvent: (event: VerifyWorkshopEvent) => void = () => {},
): Promise<WorkshopStatus> {
	const {files, messages} = deps;
	const manifest = status.manifest;
	if (!manifest) {
		const [message, fix] = messages.workshop.status.needsManifest(files.join(outDir, MANIFEST_FILE));
		throw new Problem('usage', message, fix);
	}
	const policy = await planWorkshopPolicy(
		deps.ports,
		{region: manifest.region, modelIds: manifest.models, expiresAt: manifest.expiresAt, denyProbeIds: manifest.denyProbes},
		messages,
	);
	const probes = planProbes({allowed: policy.plan.request.targets, denied: policy.plan.denyProbes, auth: ['api-key'], streaming: true});
	const verifications = new Map<number, SeatVerification>();
	await mapBounded(
		status.seats.filter((seat) => seat.handout),
		deps.concurrency,
		async (seat) => {
			if (deps.signal?.aborted) return;
			const text = await files.read(seat.handout!);
			const raw = text === undefined ? undefined : readHandoutKey(text);
			if (raw === undefined) return;
			onEvent({type: 'verifying', seat: seat.seat});
			const outcome = await verifyKey({
				probes,
				credentials: {'api-key': {type: 'api-key', token: new Secret(raw), tokenType: 'LONG_TERM'}},
				region: manifest.region,
				port: deps.ports.probes,
				messages,
				clock: deps.clock,
				budgetMs: deps.budgetMs,
				...(deps.signal ? {signal: deps.signal} : {}),
			});
			const failed = outcome.results.filter((result) => !result.pass);
			const verification: SeatVerification = {
				at: deps.now().toISOString(),
				...(seat.credentialId ? {credentialId: seat.credentialId} : {}),
				pass: failed.length === 0,
				passed: outcome.results.length - failed.length,
				total: outcome.results.length,
				failures: failed.map((result) =>
					messages.run.probe.seatFailure(
						result.model,
						result.operation,
						messages.run.probe.expected[result.expected],
						messages.ui.verify[result.outcome],
						result.diagnosis,
					),
				),
			};
			verifications.set(seat.seat, verification);
			onEvent({type: 'verified', seat: seat.seat, verification});
		},
	);
	const logPath = files.join(outDir, VERIFICATION_FILE);
	const log = parseVerificationLog(await files.read(logPath), status.event);
	const seatsLog = {...log.seats, ...Object.fromEntries([...verifications].map(([seat, verification]) => [String(seat), verification]))};
	await files.write(logPath, toJson({...log, seats: seatsLog}), 0o644);
	return {...status, seats: status.seats.map((seat) => (verifications.has(seat.seat) ? {...seat, lastVerification: verifications.get(seat.seat)!} : seat))};
}
