/**
 * `check` asked line by line: the key with a masked prompt when none came from the environment, stdin
 * or a profile, and a yes/no before tightening. Progress is the headless printer's, so both read alike.
 */
import type {Messages} from '../core/i18n/en.js';
import {Secret} from '../core/secret.js';
import type {CheckFrontEnd} from '../flows/check/runner.js';
import {checkProgressPrinter} from '../headless/check-front-end.js';
import {inquirerPrompts, type LinePrompts, type PromptStreams} from './line-prompts.js';

export interface PlainCheckOptions extends PromptStreams {
	readonly yes: boolean;
	readonly tighten: boolean;
	readonly messages: Messages;
	readonly log: (line: string) => void;
	readonly prompts?: LinePrompts;
}

export function plainCheckFrontEnd(options: PlainCheckOptions): CheckFrontEnd {
	const prompts = options.prompts ?? inquirerPrompts({...options, words: options.messages.run.prompt});
	return {
		async askKey() {
			return new Secret(await prompts.secret(options.messages.check.promptKey));
		},
		async confirmTighten() {
			if (options.yes) return options.tighten;
			return prompts.confirm(options.messages.check.tighten.confirm, false);
		},
		onState: checkProgressPrinter(options.messages, options.log),
	};
}
