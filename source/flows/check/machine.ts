/**
 * `check` as states a front end renders: the key accepted, probes coming in, the verdict, what the
 * key's user holds, a tightening offer. The reducer is pure; the runner (runner.ts) performs the work.
 * The TUI, the line prompts and the headless path subscribe to these states the same way.
 */
import type {Problem} from '../../core/problem.js';
import type {ShortTermDetails} from '../../core/verify/key-shape.js';
import type {ProbeResult, VerificationReport} from '../../core/verify/report.js';
import type {KeyPrincipal} from './principal.js';
import type {UserInspection} from './inspect-user.js';
import type {TightenProposal} from './tighten.js';

export type CheckStep = 'key' | 'probe' | 'inspect' | 'tighten' | 'done';

export interface CheckedKey {
	readonly auth: 'api-key' | 'sigv4';
	readonly tokenType?: 'LONG_TERM' | 'SHORT_TERM';
	readonly shortTerm?: ShortTermDetails;
	/** What was trimmed from a pasted key (quotes, a `Bearer ` prefix…), never the key. */
	readonly cleaned: readonly string[];
	readonly masked: string;
}

export interface CheckState {
	readonly step: CheckStep;
	readonly status: 'working' | 'waiting-for-answer' | 'failed' | 'done';
	readonly region: string;
	readonly key?: CheckedKey;
	readonly mode?: 'expectations' | 'discovery';
	readonly probes: readonly (ProbeResult | undefined)[];
	readonly report?: VerificationReport;
	readonly principal?: KeyPrincipal;
	readonly user?: UserInspection;
	readonly proposal?: TightenProposal;
	readonly tightened?: boolean;
	readonly notices: readonly string[];
	readonly problem?: Problem;
}

export type CheckEvent =
	| {readonly type: 'KEY_ACCEPTED'; readonly key: CheckedKey}
	| {readonly type: 'PLANNED'; readonly mode: 'expectations' | 'discovery'; readonly total: number}
	| {readonly type: 'PROBE_RESULT'; readonly index: number; readonly result: ProbeResult}
	| {readonly type: 'VERIFIED'; readonly report: VerificationReport; readonly principal?: KeyPrincipal}
	| {readonly type: 'INSPECTED'; readonly user?: UserInspection}
	| {readonly type: 'PROPOSED'; readonly proposal: TightenProposal}
	| {readonly type: 'TIGHTENED'}
	| {readonly type: 'NOTICE'; readonly notice: string}
	| {readonly type: 'FAILED'; readonly problem: Problem}
	| {readonly type: 'DONE'};

export const initialCheckState = (region: string): CheckState => ({step: 'key', status: 'working', region, probes: [], notices: []});

export function checkReducer(state: CheckState, event: CheckEvent): CheckState {
	switch (event.type) {
		case 'KEY_ACCEPTED':
			return {...state, key: event.key, step: 'probe'};
		case 'PLANNED':
			return {...state, mode: event.mode, probes: new Array<ProbeResult | undefined>(event.total).fill(undefined), report: undefined};
		case 'PROBE_RESULT': {
			const probes = [...state.probes];
			probes[event.index] = event.result;
			return {...state, probes};
		}
		case 'VERIFIED':
			// Discovery keeps every probe (the refused ones too); the report lists only what the key can call.
			return {
				...state,
				report: event.report,
				probes: state.mode === 'discovery' ? state.probes : event.report.probes,
				...(event.principal ? {principal: event.principal} : {}),
				step: 'inspect',
			};
		case 'INSPECTED':
			return {...state, ...(event.user ? {user: event.user} : {}), step: 'tighten'};
		case 'PROPOSED':
			return {...state, proposal: event.proposal, status: 'waiting-for-answer'};
		case 'TIGHTENED':
			return {...state, tightened: true, status: 'working', step: 'probe'};
		case 'NOTICE':
			return {...state, notices: [...state.notices, event.notice]};
		case 'FAILED':
			return {...state, status: 'failed', problem: event.problem};
		case 'DONE':
			return {...state, step: 'done', status: 'done'};
	}
}
