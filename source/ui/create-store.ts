/**
 * The seam between the create runner and the Ink screens. The runner sees a `CreateFrontEnd` (ask /
 * onState); the screens see a snapshot to render and callbacks to answer. No React in here, so the
 * composition in cli/ can drive it, and tests can read it.
 */
import type {CreateFrontEnd} from '../flows/create/runner.js';
import type {CreateEvent, CreateState} from '../flows/create/machine.js';
import type {CreateAnswers} from '../flows/create/machine.js';
import {PauseGate} from '../flows/pause-gate.js';

export type CredentialSource =
	| {readonly kind: 'profile'; readonly name: string}
	| {readonly kind: 'environment'}
	| {readonly kind: 'sandbox'; readonly endpoint: string}
	| {readonly kind: 'default'};

export type ConnectionChoice =
	{readonly kind: 'profile'; readonly profile: string} | {readonly kind: 'sandbox'} | {readonly kind: 'guided'} | {readonly kind: 'quit'};

/** What the person chose on the final screen of a run that stopped. */
export type AfterStop = 'retry' | 'back' | 'quit';

export type TuiPhase =
	| {readonly kind: 'connecting'; readonly what?: string}
	| {readonly kind: 'signed-out'; readonly message: string; readonly fix?: string}
	| {readonly kind: 'guided'}
	| {readonly kind: 'wizard'; readonly state: CreateState; readonly asking: boolean}
	| {readonly kind: 'finished'; readonly state: CreateState; readonly quit: boolean};

export interface TuiSnapshot {
	readonly phase: TuiPhase;
	readonly source?: CredentialSource;
	readonly endpointUrl?: string;
	/** Every answer given so far: going back re-opens a question with the old answer in place. */
	readonly remembered: Partial<CreateAnswers>;
}

export class CreateTuiStore {
	#snapshot: TuiSnapshot = {phase: {kind: 'connecting'}, remembered: {}};
	readonly #listeners = new Set<() => void>();
	#answer: ((event: CreateEvent) => void) | undefined;
	#choose: ((choice: ConnectionChoice) => void) | undefined;
	#afterStop: ((choice: AfterStop) => void) | undefined;
	#guidedDone: (() => void) | undefined;
	#keep = false;
	#quitRequested = false;
	#onQuit: (() => void) | undefined;
	/** Closed while the quit dialog is open: the runner starts no new change until it is answered. */
	readonly gate = new PauseGate();

	readonly frontEnd: CreateFrontEnd = {
		gate: (signal) => this.gate.wait(signal),
		ask: (state) =>
			new Promise<CreateEvent>((resolve) => {
				if (this.#quitRequested) return resolve({type: 'CANCEL'});
				this.#answer = resolve;
				this.#set({phase: {kind: 'wizard', state, asking: true}});
			}),
		onState: (state) => this.#set({phase: {kind: 'wizard', state, asking: state.status === 'waiting-for-answer' && this.#answer !== undefined}}),
	};

	getSnapshot = (): TuiSnapshot => this.#snapshot;

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	#set(next: Partial<TuiSnapshot>): void {
		this.#snapshot = {...this.#snapshot, ...next};
		for (const listener of this.#listeners) listener();
	}

	// --- the composition (cli/) drives these ---

	/** Called when the person quits while the runner works (the cli aborts its run). */
	onQuit(handler: () => void): void {
		this.#onQuit = handler;
	}

	/** The person's answer to "roll back or keep?", read by the runner when it decides (after the run stops). */
	get keepOnQuit(): boolean {
		return this.#keep;
	}

	get quitRequested(): boolean {
		return this.#quitRequested;
	}

	connecting(what?: string): void {
		this.#set({phase: {kind: 'connecting', ...(what ? {what} : {})}});
	}

	connected(source: CredentialSource, endpointUrl?: string): void {
		this.#set({source, ...(endpointUrl ? {endpointUrl} : {})});
	}

	signedOut(message: string, fix?: string): Promise<ConnectionChoice> {
		return new Promise((resolve) => {
			this.#choose = resolve;
			this.#set({phase: {kind: 'signed-out', message, ...(fix ? {fix} : {})}});
		});
	}

	guided(): Promise<void> {
		return new Promise((resolve) => {
			this.#guidedDone = resolve;
			this.#set({phase: {kind: 'guided'}});
		});
	}

	/** Shows how the run ended; resolves with what the person wants next (a quit needs no answer). */
	finished(state: CreateState): Promise<AfterStop> {
		const quit = this.#quitRequested;
		return new Promise((resolve) => {
			this.#afterStop = resolve;
			this.#set({phase: {kind: 'finished', state, quit}});
			if (quit) resolve('quit');
		});
	}

	/** A retry starts a fresh run: forget the last one's quit. */
	restart(): void {
		this.#quitRequested = false;
		this.#keep = false;
		this.gate.resume();
	}

	// --- the screens call these ---

	answer(event: CreateEvent): void {
		const resolve = this.#answer;
		if (!resolve) return;
		this.#answer = undefined;
		if (event.type === 'ANSWER') this.#snapshot = {...this.#snapshot, remembered: {...this.#snapshot.remembered, ...event.answers}};
		const phase = this.#snapshot.phase;
		if (phase.kind === 'wizard') this.#set({phase: {...phase, asking: false}});
		resolve(event);
	}

	choose(choice: ConnectionChoice): void {
		const resolve = this.#choose;
		this.#choose = undefined;
		resolve?.(choice);
	}

	guidedFinished(): void {
		const resolve = this.#guidedDone;
		this.#guidedDone = undefined;
		resolve?.();
	}

	afterStop(choice: AfterStop): void {
		const resolve = this.#afterStop;
		this.#afterStop = undefined;
		resolve?.(choice);
	}

	/** The quit dialog opened: the run stops at its next step boundary, before any new change (flows/pause-gate.ts). */
	holdRun(): void {
		this.gate.pause();
	}

	/** The quit dialog was dismissed: the run carries on. */
	releaseRun(): void {
		this.gate.resume();
	}

	/** Quit: `keep` says whether what was made stays (asked only when something was made). */
	quit(keep: boolean): void {
		const phase = this.#snapshot.phase;
		// A run that has ended ends as it ended (a finished run exits 0 whichever key closes its last screen).
		if (phase.kind === 'finished') return this.afterStop('quit');
		this.#quitRequested = true;
		this.#keep = keep;
		if (phase.kind === 'signed-out') return this.choose({kind: 'quit'});
		if (phase.kind === 'guided') return this.guidedFinished();
		if (this.#answer) return this.answer({type: 'CANCEL'});
		// The run's signal aborts first, so a run held at the gate wakes up cancelled, not carrying on.
		this.#onQuit?.();
		this.gate.resume();
	}
}
