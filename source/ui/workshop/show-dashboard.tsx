/**
 * Runs the dashboard for `workshop status` in a terminal: shows the class at once, then live while every
 * seat is verified, and leaves the last frame on screen. Loaded lazily, so the headless path never pays for Ink.
 */
import {render} from 'ink';
import type {Messages} from '../../core/i18n/en.js';
import type {VerifyWorkshopEvent, WorkshopStatus} from '../../flows/workshop/status.js';
import {WorkshopDashboard} from './workshop-dashboard.js';

export interface ShowDashboardInput {
	readonly status: WorkshopStatus;
	readonly messages: Messages;
	/** Runs the verification, reporting each seat as it starts and ends. */
	readonly verify?: (onEvent: (event: VerifyWorkshopEvent) => void) => Promise<WorkshopStatus>;
	readonly stdout?: NodeJS.WriteStream;
	/**
	 * Hands the screen to the command's scope (cli/command-scope.ts), which takes it down at once if the
	 * process must quit before the verification ends; returns the screen's close.
	 */
	readonly holdTerminal?: (screen: {close(): Promise<void>; closeNow(): void}) => () => Promise<void>;
}

export async function showWorkshopDashboard(input: ShowDashboardInput): Promise<WorkshopStatus> {
	let status = input.status;
	const verifying = new Set<number>();
	const out = (input.stdout ?? process.stdout) as {rows?: number; columns?: number};
	const view = () => (
		<WorkshopDashboard
			status={status}
			verifying={new Set(verifying)}
			messages={input.messages}
			{...(out.rows ? {rows: out.rows} : {})}
			{...(out.columns ? {columns: out.columns} : {})}
		/>
	);
	// No keys are read: Ctrl+C stays with the command, which aborts the verification cleanly.
	const instance = render(view(), {...(input.stdout ? {stdout: input.stdout} : {}), exitOnCtrlC: false, patchConsole: false});
	const screen = {
		close: async () => {
			instance.unmount();
			await instance.waitUntilExit();
		},
		closeNow: () => instance.unmount(),
	};
	const close = input.holdTerminal?.(screen) ?? screen.close;
	try {
		if (input.verify) {
			status = await input.verify((event) => {
				if (event.type === 'verifying') verifying.add(event.seat);
				else {
					verifying.delete(event.seat);
					status = {...status, seats: status.seats.map((seat) => (seat.seat === event.seat ? {...seat, lastVerification: event.verification} : seat))};
				}
				instance.rerender(view());
			});
			verifying.clear();
			instance.rerender(view());
		}
	} finally {
		await close();
	}
	return status;
}
