/**
 * The usage snippets of the clients configured in code (issue 18): create, with the key made for the Vercel
 * AI SDK, boto3 and "other" tools, prints a snippet for each, naming its surface and the model ids the key
 * may call. Each snippet is run as printed, by the real client (`ai` with `@ai-sdk/amazon-bedrock`, boto3,
 * `@anthropic-ai/sdk`) in a process of its own with the key in its environment, against the sandbox: it
 * answers for the chosen model, and the same snippet naming an unchosen model is refused.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {boto3} from '../helpers/clients.js';
import {itWithTool} from '../helpers/required-tool.js';
import {createKeyFor} from '../helpers/created-key.js';
import {startTestSandbox} from '../helpers/sandbox.js';

const gptOss = 'openai.gpt-oss-120b-1:0';
const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const unchosen = 'qwen.qwen3-32b-v1:0';
let sandbox: RunningSandbox;
let dir: string;
let key: string;
let snippets: Map<string, string>;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	dir = mkdtempSync(join(tmpdir(), 'bkw-snippets-'));
	// The snippets import their packages by name: the project's node_modules, seen from a folder outside the checkout.
	symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
	const created = await createKeyFor(sandbox, dir, 'snippet-user', [gptOss, haiku], ['vercel-ai', 'boto3', 'curl']);
	key = created.key;
	snippets = printedSnippets(created.made.stdout);
}, 60_000);
afterAll(async () => sandbox.close());

/** create's usage section: `  # title` then the snippet's lines, indented by two. */
function printedSnippets(stdout: string): Map<string, string> {
	const found = new Map<string, string>();
	let title: string | undefined;
	for (const line of stdout.split('\n')) {
		const heading = /^ {2}# (.+)$/.exec(line);
		if (heading) {
			title = heading[1]!;
			found.set(title, '');
		} else if (title && line.startsWith('  ')) found.set(title, `${found.get(title)}${found.get(title) ? '\n' : ''}${line.slice(2)}`);
		else title = undefined;
	}
	return found;
}

const snippet = (start: string): {title: string; text: string} => {
	const entry = [...snippets].find(([title]) => title.startsWith(start));
	expect(entry, `a snippet titled ${start}… in ${[...snippets.keys()].join(' | ')}`).toBeDefined();
	return {title: entry![0], text: entry![1]};
};

/**
 * Runs a snippet as a file of its own in a child process, with only the key (and no AWS credentials) in its
 * environment. Asynchronously: the sandbox answers from this process.
 */
async function run(command: string, file: string, text: string): Promise<{code: number | null; out: string}> {
	writeFileSync(join(dir, file), text);
	return new Promise((done) => {
		execFile(
			command,
			[file],
			{
				cwd: dir,
				encoding: 'utf8',
				timeout: 30_000,
				env: {
					PATH: process.env['PATH'],
					HOME: dir,
					AWS_BEARER_TOKEN_BEDROCK: key,
					AWS_CONFIG_FILE: join(dir, 'no-config'),
					AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
					AWS_EC2_METADATA_DISABLED: 'true',
					AWS_MAX_ATTEMPTS: '1',
					PYTHONDONTWRITEBYTECODE: '1',
				},
			},
			(error, stdout, stderr) => done({code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: `${stdout}${stderr}`}),
		);
	});
}

describe('the snippets of the clients configured in code', () => {
	it('Vercel AI SDK: names Converse and the models, and answers from ai + @ai-sdk/amazon-bedrock for the chosen model only', async () => {
		const {title, text} = snippet('Vercel AI SDK');
		expect(title).toBe(`Vercel AI SDK (Converse on bedrock-runtime; models this key may call: ${gptOss}, ${haiku})`);
		expect(text).not.toContain(key);
		const answered = await run('node', 'vercel.mjs', `${text}\nconsole.log(JSON.stringify({text}));\n`);
		expect(answered.code, answered.out).toBe(0);
		expect(JSON.parse(answered.out.trim().split('\n').at(-1)!).text).toContain('Hello from');
		const refused = await run('node', 'vercel-refused.mjs', `${text.replace(gptOss, unchosen)}\nconsole.log(JSON.stringify({text}));\n`);
		expect(refused.code).not.toBe(0);
		expect(refused.out).toContain(`not authorized to perform: bedrock:InvokeModel`);
	});

	itWithTool(boto3, 'boto3: names Converse and the models, and answers from boto3 with the key from the environment', async () => {
		const {title, text} = snippet('boto3');
		expect(title).toContain(`Converse on bedrock-runtime, the key from AWS_BEARER_TOKEN_BEDROCK; models this key may call: ${gptOss}, ${haiku}`);
		const answered = await run('python3', 'boto3_snippet.py', `${text}\n`);
		expect(answered.code, answered.out).toBe(0);
		expect(answered.out).toContain('Hello from');
		const refused = await run('python3', 'boto3_refused.py', `${text.replace(gptOss, unchosen)}\n`);
		expect(refused.code).not.toBe(0);
		expect(refused.out).toContain('AccessDeniedException');
	});

	it("Anthropic SDK: names Messages and the Claude models, and answers from @anthropic-ai/sdk on bedrock-runtime's Messages surface", async () => {
		const {title, text} = snippet('Anthropic SDK');
		expect(title).toBe(`Anthropic SDK (Messages on bedrock-runtime; models this key may call: ${haiku})`);
		const answered = await run('node', 'anthropic.mjs', `${text}\nconsole.log(JSON.stringify(message.content));\n`);
		expect(answered.code, answered.out).toBe(0);
		expect(answered.out).toContain('Hello from');
		const refused = await run('node', 'anthropic-refused.mjs', `${text.replace(haiku, 'us.anthropic.claude-sonnet-5')}\n`);
		expect(refused.code).not.toBe(0);
		expect(refused.out).toContain('PermissionDeniedError');
	});
});
