/**
 * Runs the dashboard for `workshop status` in a terminal: shows the class at once, then live while CloudTrail
 * is read and every seat is verified, and leaves the last frame on screen. Loaded lazily, so the headless path
 * never pays for Ink.
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
	/** Reads each seat's activity (CloudTrail), alongside the verification. */
	readonly readActivity?: (status: WorkshopStatus) => Promise<WorkshopStatus>;
	readonly stdout?: NodeJS.WriteStream;
	/**
	 * Hands the screen to the command's scope (cli/command-scope.ts), which takes it down at once if the
	 * process must quit before the verification ends; returns the screen's close.
	 */
	readonly holdTerminal?: (screen: {close(): Promise<void>; closeNow(): void}) => () => Promise<void>;
}

export async function showWorkshopDashboard(input: ShowDashboardInput): Promise<WorkshopStatus> {
	let status = input.status;
	let reading = input.readActivity !== undefined;
	const verifying = new Set<number>();
	const out = (input.stdout ?? process.stdout) as {rows?: number; columns?: number};
	const view = () => (
		<WorkshopDashboard
			status={status}
			verifying={new Set(verifying)}
			messages={input.messages}
			readingActivity={reading}
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
		const activity = input.readActivity?.(status).then((read) => {
			// The seats' activity and the reading's source; the checks that finished meanwhile stay.
			const bySeat = new Map(read.seats.map((seat) => [seat.seat, seat.activity]));
			status = {
				...status,
				...(read.activity ? {activity: read.activity} : {}),
				seats: status.seats.map((seat) => (bySeat.get(seat.seat) ? {...seat, activity: bySeat.get(seat.seat)!} : seat)),
			};
			reading = false;
			instance.rerender(view());
		});
		if (input.verify) {
			const verified = await input.verify((event) => {
				if (event.type === 'verifying') verifying.add(event.seat);
				else {
					verifying.delete(event.seat);
					status = {...status, seats: status.seats.map((seat) => (seat.seat === event.seat ? {...seat, lastVerification: event.verification} : seat))};
				}
				instance.rerender(view());
			});
			const checks = new Map(verified.seats.map((seat) => [seat.seat, seat.lastVerification]));
			status = {...status, seats: status.seats.map((seat) => (checks.get(seat.seat) ? {...seat, lastVerification: checks.get(seat.seat)!} : seat))};
			verifying.clear();
			instance.rerender(view());
		}
		await activity;
	} finally {
		await close();
	}
	return status;
}
