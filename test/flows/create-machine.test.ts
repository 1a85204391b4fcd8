import {describe, expect, it} from 'vitest';
import {createReducer, initialCreateState, type CreateAnswers, type CreateState} from '../../source/flows/create/machine.js';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {Problem} from '../../source/core/problem.js';

const base: CreateAnswers = {guardrail: true, streaming: true, keepManagedPolicies: false, outDir: '.'};
const identity = {accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/admin', kind: 'user' as const, name: 'admin'};
const catalog = (region: string) => ({catalog: bundledCatalog(), region});
/** Every question answered by flags but the confirmation. */
const answered: CreateAnswers = {
	...base,
	region: 'us-west-2',
	modelIds: ['x'],
	keyKinds: ['api-key'],
	userName: 'u',
	expiresInDays: 30,
	policyType: 'auto',
};
/** The state once the identity and the catalog of us-west-2 are known. */
const loaded = (answers: CreateAnswers): CreateState =>
	createReducer(createReducer(initialCreateState(answers), {type: 'LOADED', identity}), {type: 'LOADED', catalog: catalog('us-west-2')});

describe('the create state machine', () => {
	it('asks only what flags did not answer, in order', () => {
		let state: CreateState = initialCreateState(base);
		expect([state.step, state.status]).toEqual(['credentials', 'working']);
		state = createReducer(state, {type: 'LOADED', identity});
		expect([state.step, state.status]).toEqual(['region', 'waiting-for-answer']);
		state = createReducer(state, {type: 'ANSWER', answers: {region: 'us-west-2'}});
		// The catalog of the chosen Region must load before models can be asked.
		expect([state.step, state.status]).toEqual(['region', 'working']);
		state = createReducer(state, {type: 'LOADED', catalog: catalog('us-west-2')});
		expect([state.step, state.status]).toEqual(['models', 'waiting-for-answer']);
		state = createReducer(state, {type: 'ANSWER', answers: {modelIds: ['amazon.titan-embed-text-v2:0']}});
		expect(state.step).toBe('key');
		state = createReducer(state, {type: 'ANSWER', answers: {keyKinds: ['api-key'], userName: 'u', expiresInDays: 30, policyType: 'auto'}});
		expect([state.step, state.status]).toEqual(['review', 'working']);
	});

	it('skips every question that flags answered', () => {
		const state = loaded({...answered, expiresInDays: null});
		expect([state.step, state.status]).toEqual(['review', 'working']);
	});

	it('BACK re-opens the previous question and keeps the other answers', () => {
		let state = loaded({...base, region: 'us-west-2', modelIds: ['x']});
		expect(state.step).toBe('key');
		state = createReducer(state, {type: 'BACK'});
		expect([state.step, state.status, state.answers.modelIds, state.answers.region]).toEqual(['models', 'waiting-for-answer', undefined, 'us-west-2']);
	});

	it('a changed answer drops the review built from the old one; choosing another Region reloads its catalog', () => {
		let state = createReducer(loaded(answered), {type: 'LOADED', review: {} as never});
		expect([state.step, state.status]).toEqual(['review', 'waiting-for-answer']);
		state = createReducer(state, {type: 'ANSWER', answers: {region: 'eu-west-1'}});
		expect(state.review).toBeUndefined();
		expect([state.step, state.status]).toEqual(['region', 'working']);
	});

	it("CHECK_USE_CASE_FORM asks AWS again only at a review that found Anthropic's form missing, and says what it found", () => {
		const missing = {useCaseForm: 'missing'} as never;
		// A review without the form missing has nothing to check.
		const found = createReducer(loaded(answered), {type: 'LOADED', review: {useCaseForm: 'submitted'} as never});
		expect(createReducer(found, {type: 'CHECK_USE_CASE_FORM'})).toBe(found);
		let state = createReducer(loaded(answered), {type: 'LOADED', review: missing});
		state = createReducer(state, {type: 'CHECK_USE_CASE_FORM'});
		// The runner works on the review step (it asks AWS) with the review kept.
		expect([state.step, state.status, state.useCaseFormCheck, state.review]).toEqual(['review', 'working', 'checking', missing]);
		state = createReducer(state, {type: 'LOADED', review: missing});
		expect([state.step, state.status, state.useCaseFormCheck]).toEqual(['review', 'waiting-for-answer', 'still-missing']);
		state = createReducer(createReducer(state, {type: 'CHECK_USE_CASE_FORM'}), {type: 'LOADED', review: {useCaseForm: 'submitted'} as never});
		expect([state.step, state.status, state.useCaseFormCheck]).toEqual(['review', 'waiting-for-answer', 'submitted']);
		// A review built afresh (another answer) starts with no check.
		state = createReducer(createReducer(state, {type: 'ANSWER', answers: {userName: 'v'}}), {type: 'LOADED', review: missing});
		expect(state.useCaseFormCheck).toBeUndefined();
	});

	it('a finished run (done, failed, cancelled) ignores every later event but the report of its undo', () => {
		let done = createReducer(loaded({...answered, confirmed: true}), {type: 'LOADED', review: {} as never});
		done = createReducer(done, {type: 'APPLIED', applied: {} as never});
		done = createReducer(done, {type: 'VERIFIED', results: [], elapsedMs: 1, report: {} as never});
		done = createReducer(done, {type: 'SAVED', saved: {} as never});
		expect(done.status).toBe('done');
		const running = initialCreateState(base);
		const ends = {
			done,
			failed: createReducer(running, {type: 'FAILED', problem: new Problem('aws-refused', 'no')}),
			cancelled: createReducer(running, {type: 'CANCEL'}),
		};
		const late = [
			{type: 'LOADED', identity: {...identity, name: 'other'}, catalog: catalog('eu-west-1'), review: {} as never},
			{type: 'ANSWER', answers: {region: 'eu-west-1', confirmed: true}},
			{type: 'RETRY'},
			{type: 'BACK'},
			{type: 'CANCEL'},
			{type: 'SAVED', saved: {} as never},
			{type: 'APPLIED', applied: {} as never},
			{type: 'VERIFIED', results: [], elapsedMs: 2, report: {} as never},
			{type: 'PROBE_RESULT', index: 0, result: {} as never, total: 1},
			{type: 'FAILED', problem: new Problem('aws-refused', 'late')},
		] as const;
		for (const [status, state] of Object.entries(ends)) {
			expect(state.status).toBe(status);
			for (const event of late) expect(createReducer(state, event), `${status} after ${event.type}`).toBe(state);
			// How the undo went is still recorded.
			const rolledBack = createReducer(state, {type: 'ROLLED_BACK', rollback: {undone: [], failed: []} as never});
			expect([rolledBack.status, rolledBack.rollback]).toEqual([status, {undone: [], failed: []}]);
			// And so is what was kept instead (--keep-on-failure).
			const kept = createReducer(state, {type: 'KEPT', kept: {kept: [{kind: 'user-created', userName: 'alice'}]}});
			expect([kept.status, kept.kept]).toEqual([status, {kept: [{kind: 'user-created', userName: 'alice'}]}]);
		}
	});

	it('FAILED and CANCEL stop the machine', () => {
		const state = initialCreateState(base);
		expect(createReducer(state, {type: 'CANCEL'}).status).toBe('cancelled');
		const failed = createReducer(state, {type: 'FAILED', problem: new Problem('aws-refused', 'no')});
		expect([failed.status, failed.problem?.kind]).toEqual(['failed', 'aws-refused']);
		// An event arriving after the failure (a late probe result) does not bring it back to life.
		expect(createReducer(failed, {type: 'NOTICE', notice: 'late'}).status).toBe('failed');
	});
});
