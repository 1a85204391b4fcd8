/**
 * Runs the dashboard for `workshop status` in a terminal: shows the class at once, then live while CloudTrail
 * is read and every seat is verified; with `watch`, reads the status again every so often until the signal
 * ends it (Ctrl+C). Leaves the last frame on screen. Loaded lazily, so the headless path never pays for Ink.
 */
import {render} from 'ink';
import type {ReactNode} from 'react';
import {useKeys} from '../components/use-keys.js';
import type {Messages} from '../../core/i18n/en.js';
import {describeFailure} from '../../core/aws-failure.js';
import type {VerifyWorkshopEvent, WorkshopStatus} from '../../flows/workshop/status.js';
import {WorkshopDashboard} from './workshop-dashboard.js';

export interface ShowDashboardInput {
	readonly status: WorkshopStatus;
	readonly messages: Messages;
	/** Runs the verification, reporting each seat as it starts and ends. */
	readonly verify?: (onEvent: (event: VerifyWorkshopEvent) => void) => Promise<WorkshopStatus>;
	/** Reads each seat's activity (CloudTrail), alongside the verification. */
	readonly readActivity?: (status: WorkshopStatus) => Promise<WorkshopStatus>;
	/** `--watch`: the status read again (IAM, the files and CloudTrail) every `everyMs`, until `signal` ends it. */
	readonly watch?: {
		readonly everyMs: number;
		readonly refresh: () => Promise<WorkshopStatus>;
		readonly signal: AbortSignal;
		/** Told once the first reading (and any verification) is done and the watch begins. */
		readonly started?: () => void;
	};
	readonly stdout?: NodeJS.WriteStream;
	/**
	 * Hands the screen to the command's scope (cli/command-scope.ts), which takes it down at once if the
	 * process must quit before the verification ends; returns the screen's close.
	 */
	readonly holdTerminal?: (screen: {close(): Promise<void>; closeNow(): void}) => () => Promise<void>;
}

/** While watching, q or Ctrl+C ends the watch (the keys are read only then: a one-off status reads none). */
function WatchKeys({onQuit, children}: {readonly onQuit: () => void; readonly children: ReactNode}) {
	useKeys(
		(input, key) => {
			if (input === 'q' || (key.ctrl && input === 'c')) onQuit();
		},
		{isActive: true},
	);
	return <>{children}</>;
}

/** Waits `ms`, or less when `signal` ends first. */
const pause = (ms: number, signal: AbortSignal): Promise<void> =>
	new Promise((resolve) => {
		if (signal.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done(): void {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
		signal.addEventListener('abort', done, {once: true});
	});

/** `status` with each seat's `field` taken from the same seat of `read` where that seat has one. */
function takeFromSeats(status: WorkshopStatus, read: WorkshopStatus, field: 'activity' | 'lastVerification'): WorkshopStatus {
	const bySeat = new Map(read.seats.map((seat) => [seat.seat, seat[field]]));
	return {
		...status,
		seats: status.seats.map((seat) => {
			const value = bySeat.get(seat.seat);
			return value ? {...seat, [field]: value} : seat;
		}),
	};
}

export async function showWorkshopDashboard(input: ShowDashboardInput): Promise<WorkshopStatus> {
	let status = input.status;
	let reading = input.readActivity !== undefined;
	let watched: {updatedAt: string; everySeconds: number; error?: string} | undefined;
	const verifying = new Set<number>();
	const out = (input.stdout ?? process.stdout) as {rows?: number; columns?: number};
	// The watch ends on the command's signal (SIGINT) or on q / Ctrl+C read from the terminal.
	const quit = new AbortController();
	input.watch?.signal.addEventListener('abort', () => quit.abort(), {once: true});
	const dashboard = () => (
		<WorkshopDashboard
			status={status}
			verifying={new Set(verifying)}
			messages={input.messages}
			readingActivity={reading}
			{...(watched ? {watch: watched} : {})}
			{...(out.rows ? {rows: out.rows} : {})}
			{...(out.columns ? {columns: out.columns} : {})}
		/>
	);
	const view = () => (watched ? <WatchKeys onQuit={() => quit.abort()}>{dashboard()}</WatchKeys> : dashboard());
	// No keys are read: Ctrl+C stays with the command, which aborts the verification (and ends a watch) cleanly.
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
			status = {...takeFromSeats(status, read, 'activity'), ...(read.activity ? {activity: read.activity} : {})};
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
			status = takeFromSeats(status, verified, 'lastVerification');
			verifying.clear();
			instance.rerender(view());
		}
		await activity;
		const watch = input.watch;
		if (watch) {
			const everySeconds = Math.round(watch.everyMs / 1000);
			watched = {updatedAt: new Date().toISOString(), everySeconds};
			instance.rerender(view());
			if (!quit.signal.aborted) watch.started?.();
			for (;;) {
				await pause(watch.everyMs, quit.signal);
				if (quit.signal.aborted) break;
				try {
					status = await watch.refresh();
					watched = {updatedAt: new Date().toISOString(), everySeconds};
				} catch (error) {
					// A reading that failed (the network, a throttle) leaves the last one on screen and is tried again.
					if (quit.signal.aborted) break;
					watched = {...watched, error: describeFailure(error)};
				}
				instance.rerender(view());
			}
		}
	} finally {
		await close();
	}
	return status;
}
