/**
 * A workshop's own record, next to its handouts: what was asked for (so status can verify and a re-run
 * can tell a changed request), and the last verification of each seat. Never a secret.
 */
import {Problem} from '../problem.js';
import {seatUserPrefix} from './seat-names.js';
import type {SpendGuardRecord} from './spend-guard.js';

export const MANIFEST_FILE = 'workshop.json';
export const ROSTER_FILE = 'roster.csv';
export const VERIFICATION_FILE = 'verification.json';
export const WORKSHOP_SCHEMA_VERSION = 1;

export interface WorkshopManifest {
	readonly schemaVersion: number;
	readonly event: string;
	readonly region: string;
	readonly seats: number;
	readonly models: readonly string[];
	/** The models each seat's check expects to be denied. */
	readonly denyProbes: readonly string[];
	readonly expiresAt: string;
	readonly endpointUrl?: string;
	/** Where the seats' policy lives; absent in a workshop.json written before managed policies. */
	readonly policy?: WorkshopPolicyRecord;
	/** The spend guard (`--budget`): its amount, threshold, subscriber and the names of what it made. */
	readonly budget?: SpendGuardRecord;
	readonly createdAt: string;
	readonly updatedAt: string;
}

/** The seats' policy: inline on each seat, or customer managed policies (one, or several when split) attached to each. */
export type WorkshopPolicyRecord =
	| {readonly type: 'inline'; readonly name: string}
	| {readonly type: 'managed'; readonly policies: ReadonlyArray<{readonly name: string; readonly arn: string}>};

export interface SeatVerification {
	readonly at: string;
	/** The key that was checked: a later key (after a rotation) has not been checked yet. */
	readonly credentialId?: string;
	readonly pass: boolean;
	readonly passed: number;
	readonly total: number;
	/** Plain words for each failed check. */
	readonly failures: readonly string[];
}

export interface VerificationLog {
	readonly schemaVersion: number;
	readonly event: string;
	readonly seats: Readonly<Record<string, SeatVerification>>;
}

/** Where a workshop's files go when --out-dir is not given: the same folder for create, status and teardown. */
export function defaultWorkshopDirectory(event: string): string {
	return seatUserPrefix(event).replace(/-$/, '');
}

export function parseManifest(text: string, path: string): WorkshopManifest {
	let value: Partial<WorkshopManifest>;
	try {
		value = JSON.parse(text) as Partial<WorkshopManifest>;
	} catch {
		throw new Problem('usage', (m) => m.problems.workshop.manifestNotJson(path));
	}
	if (typeof value.event !== 'string' || typeof value.region !== 'string' || !Array.isArray(value.models) || typeof value.expiresAt !== 'string') {
		throw new Problem('usage', (m) => m.problems.workshop.manifestNotWorkshop(path));
	}
	return {denyProbes: [], ...value} as WorkshopManifest;
}

export function parseVerificationLog(text: string | undefined, event: string): VerificationLog {
	const empty: VerificationLog = {schemaVersion: WORKSHOP_SCHEMA_VERSION, event, seats: {}};
	if (text === undefined) return empty;
	try {
		const value = JSON.parse(text) as Partial<VerificationLog>;
		return value.event === event && value.seats && typeof value.seats === 'object' ? {...empty, seats: value.seats} : empty;
	} catch {
		// A damaged log only loses history; the next --verify writes a new one.
		return empty;
	}
}

export const toJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
