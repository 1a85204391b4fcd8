/**
 * The command scope: while a command runs, the one owner of the process boundary (docs/architecture.md,
 * 'The process boundary'). It listens to SIGINT, SIGTERM and SIGHUP alike for every command, turns the
 * first into an abort of the command's AbortSignal (the flows stop at their next safe point and undo
 * what was half-made), and holds one registry of what must be closed when the command ends: the
 * full-screen interface first (so later lines land below its last frame), then the AWS sessions and
 * sandboxes, newest first. Commands never register process handlers of their own.
 *
 * A second signal while the command is still stopping quits at once, as terraform does: the screen is
 * taken down synchronously (raw mode off, cursor shown), a warning says what may be left, `--json` still
 * gets its one error document, and the exit code is 130.
 */
import {Problem} from '../core/problem.js';
import type {CliMessages} from '../core/i18n/cli.js';
import type {PromptStreams} from '../prompts/line-prompts.js';
import {ExitCode} from './exit-codes.js';
import type {CliIo, StopSignal} from './io.js';

export interface Closable {
	close(): void | Promise<void>;
}

/** A full-screen front end (Ink): it has the terminal until it is closed. */
export interface TerminalScreen {
	/** Unmounts through Ink, which restores raw mode and the cursor; the last frame stays on screen. */
	close(): Promise<void>;
	/** The same, synchronously: for an exit that cannot wait. */
	closeNow(): void;
}

export interface CommandScope {
	/** Aborted by the first stop signal: the flows take it as their `signal`. Its reason is a `cancelled` Problem. */
	readonly signal: AbortSignal;
	/** Resolves with the first stop signal (the `sandbox` command runs until then). Methods need no `this`: pass them as callbacks. */
	readonly stopped: Promise<StopSignal>;
	/** Ctrl+C read as a key by a front end in raw mode, where the terminal sends no SIGINT: the same as one. */
	readonly interrupt: () => void;
	/** Called on the first stop signal, after the abort: e.g. the create TUI quits as its own Ctrl+C would. */
	readonly onStop: (listener: (signal: StopSignal) => void) => () => void;
	/** Closed when the command ends, whichever way, newest first. */
	readonly use: <T extends Closable>(resource: T) => T;
	/** While held, the scope writes nothing to the terminal, and a forced exit takes the screen down first. Returns its close. */
	readonly holdTerminal: (screen: TerminalScreen) => () => Promise<void>;
	/** Throws the `cancelled` Problem once a stop signal has come. */
	readonly throwIfStopped: () => void;
}

export interface OwnedCommandScope extends CommandScope {
	/** Runs the registry (screens, then resources newest first) and stops listening; throws the first failure after running all. */
	close(): Promise<void>;
}

export interface CommandScopeOptions {
	readonly text: CliMessages['stop'];
	/** Just before a forced exit: the last chance to write the `--json` error document. */
	readonly beforeForcedExit?: (problem: Problem) => void;
}

/** The streams of the line prompts (--plain): questions on stderr, tied to the command's stop and its Ctrl+C. */
export function promptStreams(io: Pick<CliIo, 'stdin' | 'stderr'>, scope: Pick<CommandScope, 'signal' | 'interrupt'>): PromptStreams {
	return {input: io.stdin, output: io.stderr, signal: scope.signal, onInterrupt: scope.interrupt};
}

export function openCommandScope(io: Pick<CliIo, 'stderr' | 'signals'>, options: CommandScopeOptions): OwnedCommandScope {
	const {text} = options;
	const controller = new AbortController();
	const listeners = new Set<(signal: StopSignal) => void>();
	const screens = new Set<TerminalScreen>();
	const resources: Closable[] = [];
	let stoppedBy: StopSignal | undefined;
	let markStopped: (signal: StopSignal) => void = () => {};
	const stopped = new Promise<StopSignal>((resolve) => (markStopped = resolve));

	const forceExit = (signal: StopSignal): void => {
		for (const screen of screens) {
			try {
				screen.closeNow();
			} catch {
				// The process is leaving either way; the next screen (and the warning) still matter.
			}
		}
		screens.clear();
		const [message, fix] = text.forced(signal);
		options.beforeForcedExit?.(new Problem('cancelled', message, fix));
		io.stderr.write(`! ${message}\n  ${fix}\n`);
		io.signals?.exit(ExitCode.cancelled);
	};

	const stop = (signal: StopSignal): void => {
		if (stoppedBy !== undefined) return forceExit(signal);
		stoppedBy = signal;
		controller.abort(new Problem('cancelled', text.cancelled));
		markStopped(signal);
		// A full-screen interface shows the stop itself; a line written under it would garble its frame.
		if (screens.size === 0) io.stderr.write(`! ${text.stopping(signal)}\n`);
		for (const listener of [...listeners]) listener(signal);
	};
	const unsubscribe = io.signals?.subscribe(stop);

	const closeScreen = async (screen: TerminalScreen): Promise<void> => {
		if (!screens.delete(screen)) return;
		await screen.close();
	};

	return {
		signal: controller.signal,
		stopped,
		interrupt: () => stop('SIGINT'),
		onStop(listener) {
			listeners.add(listener);
			return () => void listeners.delete(listener);
		},
		use(resource) {
			resources.push(resource);
			return resource;
		},
		holdTerminal(screen) {
			screens.add(screen);
			return () => closeScreen(screen);
		},
		throwIfStopped() {
			controller.signal.throwIfAborted();
		},
		async close() {
			const failures: unknown[] = [];
			const attempt = async (work: () => void | Promise<void>): Promise<void> => {
				try {
					await work();
				} catch (error) {
					failures.push(error);
				}
			};
			for (const screen of [...screens]) await attempt(() => closeScreen(screen));
			while (resources.length > 0) {
				const resource = resources.pop()!;
				await attempt(() => resource.close());
			}
			// Only now: a second Ctrl+C while a session or sandbox closes still quits at once.
			unsubscribe?.();
			listeners.clear();
			if (failures.length > 0) throw failures[0];
		},
	};
}
