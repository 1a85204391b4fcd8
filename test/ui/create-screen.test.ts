/** Which screen and explanation each phase of the create wizard shows (ui/create-screen.ts). */
import {describe, expect, it} from 'vitest';
import {createSteps, initialCreateState, type CreateState, type CreateStep} from '../../source/flows/create/machine.js';
import {screenOf} from '../../source/ui/create-screen.js';

const identity = {arn: 'arn:aws:iam::123456789012:user/admin', accountId: '123456789012', kind: 'user'} as unknown as NonNullable<CreateState['identity']>;
const at = (step: CreateStep, changes: Partial<CreateState> = {}): CreateState => ({
	...initialCreateState({guardrail: true, streaming: true, keepManagedPolicies: false, outDir: '.'}),
	identity,
	step,
	...changes,
});

describe('screenOf', () => {
	it('before the wizard: connecting, signed out, guided', () => {
		expect(screenOf({kind: 'connecting'}, false)).toEqual({screen: 'connecting', topic: 'welcome'});
		expect(screenOf({kind: 'signed-out', message: 'no credentials'}, false)).toEqual({screen: 'signed-out', topic: 'signedOut'});
		expect(screenOf({kind: 'guided'}, false)).toEqual({screen: 'guided', topic: 'guided'});
	});

	it('the welcome screen comes first once the identity is known, then each question its own screen', () => {
		expect(screenOf({kind: 'wizard', state: at('region'), asking: true}, false)).toEqual({screen: 'welcome', topic: 'welcome'});
		for (const step of ['region', 'models', 'key', 'review'] as const)
			expect(screenOf({kind: 'wizard', state: at(step), asking: true}, true)).toEqual({screen: step, topic: step});
	});

	it('a step at work shows the working area with its own explanation (saving is part of the checks)', () => {
		const topics = Object.fromEntries(createSteps.map((step) => [step, screenOf({kind: 'wizard', state: at(step), asking: false}, true)]));
		expect(Object.values(topics).every((choice) => choice.screen === 'working')).toBe(true);
		expect(Object.fromEntries(Object.entries(topics).map(([step, choice]) => [step, choice.topic]))).toEqual({
			credentials: 'welcome',
			region: 'region',
			models: 'models',
			key: 'key',
			review: 'review',
			apply: 'apply',
			verify: 'verify',
			save: 'verify',
			done: 'done',
		});
	});

	it('the end: done, the error screen, or (quit or cancelled) what was undone', () => {
		expect(screenOf({kind: 'finished', state: at('done', {status: 'done'}), quit: false}, true)).toEqual({screen: 'done', topic: 'done'});
		expect(screenOf({kind: 'finished', state: at('apply', {status: 'failed'}), quit: false}, true)).toEqual({screen: 'error', topic: 'error'});
		expect(screenOf({kind: 'finished', state: at('apply', {status: 'failed'}), quit: true}, true)).toEqual({screen: 'working', topic: 'error'});
		expect(screenOf({kind: 'finished', state: at('key', {status: 'cancelled'}), quit: false}, true)).toEqual({screen: 'working', topic: 'error'});
	});
});
