/**
 * The pieces of copy-safe output (issue 16, item 4): copyRows cuts text only where the terminal wraps and
 * inserts nothing; the writer joins those rows back (the terminal wraps them itself); the clipboard's
 * files are 0600 in a private 0700 folder, and OSC 52 is doubted inside tmux and screen.
 */
import {mkdtempSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {PassThrough} from 'node:stream';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {nodeClipboard} from '../../source/cli/clipboard.js';
import {copiedText, copyRows, plain, SOFT_WRAP} from '../../source/ui/cells.js';
import {osc52} from '../../source/ui/clipboard.js';
import {joinSoftWraps, softWrapStream} from '../../source/ui/soft-wrap.js';

const arn = '        "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0",';

describe('copyRows', () => {
	it('cuts at exactly the width, inserts nothing, and marks every row but the last as wrapped by the terminal', () => {
		const rows = copyRows(plain(arn, 'string'), 80);
		const texts = rows.map((row) => row.map((segment) => segment.text).join(''));
		expect(texts.slice(0, -1).every((text) => text.endsWith(SOFT_WRAP) && stringWidth(text) === 80)).toBe(true);
		expect(texts.at(-1)!.endsWith(SOFT_WRAP)).toBe(false);
		expect(texts.join('').replaceAll(SOFT_WRAP, '')).toBe(arn);
		expect(copiedText(rows)).toBe(`${arn}\n`);
		// The tone survives the cut, and every piece is marked as copyable (it may use the terminal's full width).
		expect(
			rows
				.flat()
				.filter((segment) => segment.text !== SOFT_WRAP)
				.every((segment) => segment.tone === 'string' && segment.copy),
		).toBe(true);
	});

	it('keeps a short line as it is, and an empty one empty', () => {
		expect(copyRows(plain('{'), 80)).toEqual([[{text: '{', copy: true}]]);
		expect(copiedText(copyRows(plain(''), 80))).toBe('\n');
	});

	it('measures wide characters in cells: no row is wider than the terminal', () => {
		const text = `説明: ${'あ'.repeat(50)} /home/you/bedrock-key/.env`;
		const rows = copyRows(plain(text), 80);
		for (const row of rows) expect(stringWidth(row.map((segment) => segment.text).join(''))).toBeLessThanOrEqual(80);
		expect(copiedText(rows)).toBe(`${text}\n`);
	});
});

describe('the writer joins soft-wrapped rows', () => {
	it('drops the mark and the line end after it, keeping the colour codes that close the row', () => {
		expect(joinSoftWraps(`abc${SOFT_WRAP}\u001b[39m\ndef\nghi`)).toBe('abc\u001b[39mdef\nghi');
		expect(joinSoftWraps('no marks\nhere')).toBe('no marks\nhere');
	});

	it('wraps a stream: writes are joined, everything else is the stream', () => {
		const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
		Object.assign(stream, {columns: 80, rows: 24, isTTY: true});
		const chunks: string[] = [];
		stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
		const wrapped = softWrapStream(stream);
		expect(wrapped.columns).toBe(80);
		wrapped.write(`row one${SOFT_WRAP}\nrow two\n`);
		expect(chunks.join('')).toBe('row onerow two\n');
	});
});

describe('the clipboard', () => {
	it('OSC 52 carries base64 of the UTF-8 text', () => {
		expect(osc52('ポリシー {"a":1}')).toBe(`\u001b]52;c;${Buffer.from('ポリシー {"a":1}', 'utf8').toString('base64')}\u0007`);
	});

	it('saves copies 0600 in a private folder (0700), and doubts OSC 52 inside tmux and screen', async () => {
		const base = mkdtempSync(join(tmpdir(), 'bkw-clip-unit-'));
		const clipboard = nodeClipboard({}, base);
		expect(clipboard.between).toBeUndefined();
		const path = await clipboard.save('policy.json', '{"Version": "2012-10-17"}');
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
		expect(dirname(dirname(path))).toBe(base);
		expect(readFileSync(path, 'utf8')).toBe('{"Version": "2012-10-17"}\n');
		// The same folder for every copy of the run.
		expect(dirname(await clipboard.save('usage-curl.sh', 'curl'))).toBe(dirname(path));
		expect(nodeClipboard({TMUX: '/tmp/tmux-0/default,1,0'}, base).between).toBe('tmux');
		expect(nodeClipboard({STY: '123.pts-0'}, base).between).toBe('screen');
	});
});
