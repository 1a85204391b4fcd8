/** The command scope on its own: signals in, one abort, one registry, a forced exit on the second signal. */
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {openCommandScope} from '../../source/cli/command-scope.js';
import {cliMessagesFor} from '../../source/core/i18n/cli.js';
import {Problem} from '../../source/core/problem.js';
import {fakeSignals} from '../helpers/signals.js';

function scopeFor(options: {beforeForcedExit?: (problem: Problem) => void} = {}) {
	const signals = fakeSignals();
	const stderr = new PassThrough();
	let err = '';
	stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
	const scope = openCommandScope({stderr, signals}, {text: cliMessagesFor('en').stop, ...options});
	return {scope, signals, err: () => err};
}

describe('the command scope', () => {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		it(`${signal}: aborts the command's signal with a cancelled Problem, says it is stopping, and tells the listeners`, async () => {
			const {scope, signals, err} = scopeFor();
			const heard: string[] = [];
			scope.onStop((stop) => heard.push(stop));
			expect(scope.signal.aborted).toBe(false);
			signals.send(signal);
			expect(scope.signal.aborted).toBe(true);
			expect(scope.signal.reason).toBeInstanceOf(Problem);
			expect((scope.signal.reason as Problem).kind).toBe('cancelled');
			expect(() => scope.throwIfStopped()).toThrow(Problem);
			expect(await scope.stopped).toBe(signal);
			expect(heard).toEqual([signal]);
			expect(err()).toContain(`! Stopping (${signal})`);
			expect(err()).toContain('Press Ctrl+C again to quit at once');
			expect(signals.exits).toEqual([]);
			await scope.close();
		});
	}

	it('Ctrl+C read as a key (interrupt) is the same as SIGINT', async () => {
		const {scope, signals} = scopeFor();
		scope.interrupt();
		expect(await scope.stopped).toBe('SIGINT');
		scope.interrupt();
		expect(signals.exits).toEqual([130]);
	});

	it('a second signal while stopping quits at once: the screen first (synchronously), then the --json document, the warning, exit 130', () => {
		const order: string[] = [];
		const {scope, signals, err} = scopeFor({beforeForcedExit: (problem) => order.push(`document:${problem.kind}`)});
		scope.holdTerminal({close: async () => void order.push('close'), closeNow: () => void order.push('closeNow')});
		signals.send('SIGTERM');
		// The screen shows the stop itself: nothing is written under it.
		expect(err()).toBe('');
		expect(signals.exits).toEqual([]);
		signals.send('SIGINT');
		expect(order).toEqual(['closeNow', 'document:cancelled']);
		expect(err()).toMatch(/^! Quit at once \(a second SIGINT while stopping\): what was under way was left as it is\.\n {2}Run bedrock-key-wizard cleanup/);
		expect(signals.exits).toEqual([130]);
	});

	it('closing runs the screens first, then the resources newest first, each even after one fails, and stops listening', async () => {
		const {scope, signals} = scopeFor();
		const order: string[] = [];
		scope.use({close: () => void order.push('sandbox')});
		scope.use({
			close: () => {
				order.push('session');
				throw new Error('socket already closed');
			},
		});
		scope.holdTerminal({close: async () => void order.push('screen'), closeNow: () => void order.push('screen now')});
		expect(signals.listeners()).toBe(1);
		await expect(scope.close()).rejects.toThrow('socket already closed');
		expect(order).toEqual(['screen', 'session', 'sandbox']);
		expect(signals.listeners()).toBe(0);
	});

	it('a screen the command closed itself is not closed again, and lines may be written once it is gone', async () => {
		const {scope, signals, err} = scopeFor();
		let closed = 0;
		const close = scope.holdTerminal({close: async () => void closed++, closeNow: () => void closed++});
		await close();
		signals.send('SIGINT');
		expect(err()).toContain('! Stopping (SIGINT)');
		await scope.close();
		expect(closed).toBe(1);
	});

	it('without process signals (the CLI run in-process) nothing from outside can stop a command', async () => {
		const stderr = new PassThrough();
		const scope = openCommandScope({stderr}, {text: cliMessagesFor('en').stop});
		expect(scope.signal.aborted).toBe(false);
		await scope.close();
	});
});
