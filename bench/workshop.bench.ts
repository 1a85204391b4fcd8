/**
 * Workshop throughput: seats per second for `workshop create` and `workshop teardown` against the
 * sandbox with every call delayed 50 ms (the sandbox's latency fault on `*`), compared with doing the
 * same calls one after another (calls x 50 ms). Targets (issues 7 and 19): >= 8x faster than sequential,
 * while the IAM requests never exceed the configured --max-rps in any one-second window as the server
 * counts them (each request's arrival, from the sandbox's own log). Stops by itself (a 50 s deadline).
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createAwsSession} from '../source/aws/index.js';
import {messagesFor} from '../source/core/i18n/index.js';
import {maxStartsPerSecond} from '../source/core/workshop/rate-limiter.js';
import {systemClock} from '../source/flows/bounded.js';
import {createAdaptiveGate} from '../source/flows/workshop/adaptive-gate.js';
import {runWorkshopCreate} from '../source/flows/workshop/create.js';
import {retryingIam} from '../source/flows/workshop/retrying-iam.js';
import {planWorkshopTeardown, runWorkshopTeardown} from '../source/flows/workshop/teardown.js';
import {workshopFiles} from '../source/cli/commands/workshop.js';
import {finish, report} from './figures.js';

const seats = Number(process.env['BENCH_SEATS'] ?? 100);
const maxRps = Number(process.env['BENCH_MAX_RPS'] ?? 250);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 20);
const latencyMs = 50;
const targetRatio = 8;
const deadline = setTimeout(() => {
	console.error('FAIL: the benchmark did not finish within 50 s');
	process.exit(1);
}, 50_000);
deadline.unref();

// The sandbox runs in its own process (as `bedrock-key-wizard sandbox` does), so its work does not delay
// the client's requests; it reports the arrival time of every request (its log line comes at the end,
// with the time spent), and every call waits 50 ms there (the latency fault on every operation, `*`).
const child = spawn(
	process.execPath,
	[
		'--import',
		'tsx',
		'--input-type=module',
		'-e',
		`import {startSandbox} from './source/sandbox/index.ts';
		const sandbox = await startSandbox({port: 0, faults: '*:latency:1000000000:${latencyMs}', log: (line) => {
			const [, service, , , elapsed] = line.split(' ');
			process.stdout.write('A ' + service + ' ' + (performance.timeOrigin + performance.now() - Number.parseFloat(elapsed)) + '\\n');
		}});
		process.stdout.write(JSON.stringify({endpoint: sandbox.endpoint, region: sandbox.region, accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey}) + '\\n');`,
	],
	{
		stdio: ['ignore', 'pipe', 'inherit'],
		env: {...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
	},
);
const arrivals: number[] = [];
let requests = 0;
const sandbox = await new Promise<{endpoint: string; region: string; accessKeyId: string; secretAccessKey: string}>((resolve, reject) => {
	let buffered = '';
	child.stdout.on('data', (chunk: Buffer) => {
		buffered += chunk.toString('utf8');
		let newline;
		while ((newline = buffered.indexOf('\n')) >= 0) {
			const line = buffered.slice(0, newline);
			buffered = buffered.slice(newline + 1);
			if (line.startsWith('A ')) {
				const [, service, at] = line.split(' ');
				requests++;
				if (service === 'iam') arrivals.push(Number(at));
			} else if (line.startsWith('{')) resolve(JSON.parse(line));
		}
	});
	child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
});
// Lines arrive a moment after the answers they describe: let them in before counting a phase.
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));

const gate = createAdaptiveGate({maxRps, clock: {now: () => performance.now(), sleep: systemClock.sleep}});
const session = createAwsSession(
	{region: sandbox.region, endpointUrl: sandbox.endpoint, credentials: {accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey}},
	{iamGate: gate, iamMaxAttempts: 1},
);
const iam = retryingIam(session.iam, {clock: systemClock});
const dir = mkdtempSync(join(tmpdir(), 'bkw-bench-workshop-'));
const messages = messagesFor('en');

const phase = async (name: string, work: () => Promise<number>): Promise<void> => {
	const calls0 = requests;
	const arrivals0 = arrivals.length;
	const started = performance.now();
	const done = await work();
	const seconds = (performance.now() - started) / 1000;
	await settle();
	const calls = requests - calls0;
	const sequential = (calls * latencyMs) / 1000;
	const ratio = sequential / seconds;
	const observed = maxStartsPerSecond(arrivals.slice(arrivals0));
	console.log(`${name}: ${done}/${seats} seats in ${seconds.toFixed(2)} s = ${(done / seconds).toFixed(1)} seats/s (${calls} calls)`);
	report({name: `workshop ${name}: seats done`, value: done, unit: '', target: {op: '>=', value: seats}});
	report({
		name: `workshop ${name}: vs sequential (${calls} calls x ${latencyMs} ms)`,
		value: ratio,
		unit: 'x',
		target: {op: '>=', value: targetRatio},
		digits: 1,
	});
	report({name: `workshop ${name}: max IAM requests in a 1 s window (server)`, value: observed, unit: '', target: {op: '<=', value: maxRps}});
};

try {
	console.log(`workshop of ${seats} seats, ${latencyMs} ms per call, --concurrency ${concurrency}, --max-rps ${maxRps}`);
	await phase('create', async () => {
		const summary = await runWorkshopCreate(
			{event: 'bench', seats, region: sandbox.region, modelIds: ['amazon.nova-lite-v1:0'], expiry: {expiresInDays: '1'}, outDir: dir, concurrency},
			{ports: session, iam, files: workshopFiles(dir), messages, now: () => new Date()},
		);
		return summary.ready;
	});
	await phase('teardown', async () => {
		const plan = await planWorkshopTeardown(iam, 'bench');
		const summary = await runWorkshopTeardown(plan, {iam, concurrency});
		return summary.remaining === 0 ? summary.deleted.length : 0;
	});
	console.log(
		`  client side: ${gate.stats().requests} IAM requests through the gate, max ${gate.stats().observedMaxPerSecond} in any 1 s window, ${gate.stats().throttles} throttled`,
	);
} finally {
	session.close();
	child.kill('SIGTERM');
	rmSync(dir, {recursive: true, force: true});
}
process.exit(finish());
