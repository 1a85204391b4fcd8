/**
 * A terminal that reports 0 rows or 0 columns (resized to nothing, or never sized) is a size the TUI
 * does not know: it lays out for 80x24 rather than for nothing, and a real size is still followed.
 */
import {EventEmitter} from 'node:events';
import {render, Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {useTerminalSize} from '../../source/ui/use-terminal-size.js';

/** A stdout that says what size it is, and records what Ink draws. */
class FakeTerminal extends EventEmitter {
	readonly frames: string[] = [];
	isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write(frame: string): boolean {
		this.frames.push(frame);
		return true;
	}
	resize(columns: number, rows: number): void {
		[this.columns, this.rows] = [columns, rows];
		this.emit('resize');
	}
}

function Size() {
	const {columns, rows} = useTerminalSize();
	return <Text>{`size ${columns}x${rows}`}</Text>;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('useTerminalSize', () => {
	for (const [columns, rows, shown] of [
		[0, 0, '80x24'],
		[100, 0, '100x24'],
		[0, 30, '80x30'],
		[100, 30, '100x30'],
	] as const) {
		it(`a terminal reporting ${columns}x${rows} is laid out as ${shown}`, async () => {
			const stdout = new FakeTerminal(columns, rows);
			const app = render(<Size />, {stdout: stdout as unknown as NodeJS.WriteStream, patchConsole: false, debug: true});
			await tick();
			expect(stdout.frames.join('')).toContain(`size ${shown}`);
			app.unmount();
		});
	}

	it('a resize to 0 rows is read as the default (never a 0-row layout); a real resize is followed', async () => {
		const stdout = new FakeTerminal(100, 30);
		const app = render(<Size />, {stdout: stdout as unknown as NodeJS.WriteStream, patchConsole: false, debug: true});
		await tick();
		stdout.resize(120, 0);
		await tick();
		expect(stdout.frames.at(-1)).toContain('size 120x24');
		stdout.resize(90, 40);
		await tick();
		expect(stdout.frames.at(-1)).toContain('size 90x40');
		app.unmount();
	});
});
