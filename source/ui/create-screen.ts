/**
 * Which screen of the create wizard the store's phase shows, and which walkthrough explanation goes with
 * it. Pure, so the choice can be read (and tested) apart from the layout in create-app.tsx.
 */
import type {CreateStep} from '../flows/create/machine.js';
import type {ExplainTopic} from './components/explain-panel.js';
import type {TuiPhase} from './create-store.js';
import type {ScreenId} from './screen-keys.js';

export interface ScreenChoice {
	/** 'working' and 'connecting' read no keys of their own: create-app.tsx handles q there. */
	readonly screen: ScreenId;
	readonly topic: ExplainTopic;
}

/** The steps whose screen asks a question; the others are work, shown with a spinner or the live table. */
const questions = ['region', 'models', 'key', 'review'] as const;
type QuestionStep = (typeof questions)[number];
const isQuestion = (step: CreateStep): step is QuestionStep => (questions as readonly CreateStep[]).includes(step);

/** The explanation while a step works: the step's own, with saving explained as part of the checks. */
const workingTopic: Readonly<Record<CreateStep, ExplainTopic>> = {
	credentials: 'welcome',
	region: 'region',
	models: 'models',
	key: 'key',
	review: 'review',
	apply: 'apply',
	verify: 'verify',
	save: 'verify',
	done: 'done',
};

/** `welcomed`: the person has gone past the welcome screen, which shows once the identity is known. */
export function screenOf(phase: TuiPhase, welcomed: boolean): ScreenChoice {
	switch (phase.kind) {
		case 'connecting':
			return {screen: 'connecting', topic: 'welcome'};
		case 'signed-out':
			return {screen: 'signed-out', topic: 'signedOut'};
		case 'guided':
			return {screen: 'guided', topic: 'guided'};
		case 'finished':
			// A quit shows what was undone (the working area), not the error screen's retry and back.
			if (phase.quit || phase.state.status === 'cancelled') return {screen: 'working', topic: 'error'};
			return phase.state.status === 'done' ? {screen: 'done', topic: 'done'} : {screen: 'error', topic: 'error'};
		case 'wizard': {
			const step = phase.state.step;
			if (phase.asking && !welcomed && phase.state.identity) return {screen: 'welcome', topic: 'welcome'};
			if (phase.asking && isQuestion(step)) return {screen: step, topic: step};
			return {screen: 'working', topic: workingTopic[step]};
		}
	}
}
