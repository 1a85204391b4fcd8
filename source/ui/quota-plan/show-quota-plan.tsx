/**
 * Shows the quota plan in a terminal (`workshop plan`, ui/quota-plan/quota-plan-view.tsx) and leaves it on
 * screen: one frame, nothing to answer (the increase question that may follow is a line prompt). Loaded
 * lazily, so the plain and headless paths never pay for Ink.
 */
import {render} from 'ink';
import type {Messages} from '../../core/i18n/en.js';
import type {QuotaPlan} from '../../core/workshop/quota-plan.js';
import {QuotaPlanView} from './quota-plan-view.js';

export async function showQuotaPlan(input: {
	readonly plan: QuotaPlan;
	readonly region: string;
	readonly messages: Messages;
	readonly lang: string;
	readonly stdout?: NodeJS.WriteStream;
}): Promise<void> {
	const {columns} = (input.stdout ?? process.stdout) as {columns?: number};
	const view = <QuotaPlanView plan={input.plan} region={input.region} messages={input.messages} lang={input.lang} {...(columns ? {columns} : {})} />;
	const instance = render(view, {
		...(input.stdout ? {stdout: input.stdout} : {}),
		exitOnCtrlC: false,
		patchConsole: false,
	});
	instance.unmount();
	await instance.waitUntilExit();
}
