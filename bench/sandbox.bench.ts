/**
 * Sandbox throughput: Converse with bearer auth and IAM policy evaluation, over keep-alive HTTP/1.1.
 * The sandbox runs in its own process (as `bedrock-key-wizard sandbox` does), the load generator here.
 * Prints requests/s, latency percentiles and the server's RSS across 20k requests (BENCH_REQUESTS).
 * Targets (issue 3): >= 2,000 req/s, p99 < 20 ms, flat memory. Stops by itself (20k requests or 120 s).
 *
 * Then the attacks on the sandbox's time (issue 20, test/sandbox/attacks-limits.test.ts): the sandbox's
 * own time on SimulateCustomPolicy with a 40-star wildcard against a 2,000-character ARN, and on
 * CreateUser with 10,000 tags (refused, LimitExceeded); target < 100 ms each (the fastest of three).
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {Agent, request} from 'node:http';
import {CreateServiceSpecificCredentialCommand, CreateUserCommand, GetUserCommand, IAMClient, PutUserPolicyCommand} from '@aws-sdk/client-iam';
import {startSandbox} from '../source/sandbox/index.js';
import {presignedIamCall, serverMsOf} from '../test/helpers/presigned-iam.js';
import {finish, report} from './figures.js';

const total = Number(process.env['BENCH_REQUESTS'] ?? 20_000);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const deadlineMs = 120_000;
const model = 'amazon.nova-lite-v1:0';

const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'sandbox', '--port', '0', '--propagation-delay-ms', '0'], {
	stdio: ['ignore', 'pipe', 'inherit'],
	env: {...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
});
const info = await new Promise<{endpoint: string; region: string; accessKeyId: string; secretAccessKey: string}>((resolve, reject) => {
	let out = '';
	child.stdout.on('data', (chunk) => {
		out += chunk;
		if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))));
	});
	child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
});

const rssMiB = (): number => {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
	return match ? Number(match[1]) / 1024 : Number.NaN;
};

try {
	const iam = new IAMClient({
		region: info.region,
		endpoint: info.endpoint,
		credentials: {accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey},
	});
	await iam.send(new CreateUserCommand({UserName: 'bench'}));
	await iam.send(
		new PutUserPolicyCommand({
			UserName: 'bench',
			PolicyName: 'bedrock-key',
			PolicyDocument: JSON.stringify({
				Version: '2012-10-17',
				Statement: [
					{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*', Condition: {StringEquals: {'bedrock:bearerTokenType': 'LONG_TERM'}}},
					{
						Effect: 'Allow',
						Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
						Resource: `arn:aws:bedrock:${info.region}::foundation-model/${model}`,
					},
					{Effect: 'Deny', Action: 'bedrock:InvokeModel*', NotResource: `arn:aws:bedrock:${info.region}::foundation-model/${model}`},
				],
			}),
		}),
	);
	const credential = await iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'bench', ServiceName: 'bedrock.amazonaws.com'}));
	const apiKey = credential.ServiceSpecificCredential?.ServiceCredentialSecret ?? '';
	const url = new URL(info.endpoint);
	const agent = new Agent({keepAlive: true, maxSockets: concurrency});
	const body = JSON.stringify({messages: [{role: 'user', content: [{text: 'hi'}]}], inferenceConfig: {maxTokens: 1}});
	const path = `/model/${encodeURIComponent(model)}/converse`;

	const converse = (): Promise<number> =>
		new Promise((resolve, reject) => {
			const started = performance.now();
			const call = request(
				{
					host: url.hostname,
					port: url.port,
					path,
					method: 'POST',
					agent,
					headers: {authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body)},
				},
				(response) => {
					response.resume();
					response.on('end', () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${response.statusCode}`))));
				},
			);
			call.on('error', reject);
			call.end(body);
		});

	// Warm-up (JIT, caches), then measure.
	for (let index = 0; index < 2000; index++) await converse();
	const rssStart = rssMiB();
	const latencies = new Float64Array(total);
	let sent = 0;
	let done = 0;
	let rssMid = Number.NaN;
	const began = performance.now();
	const worker = async (): Promise<void> => {
		while (sent < total && performance.now() - began < deadlineMs) {
			sent++;
			latencies[done++] = await converse();
			if (done === Math.floor(total / 2)) rssMid = rssMiB();
		}
	};
	await Promise.all(Array.from({length: concurrency}, worker));
	const seconds = (performance.now() - began) / 1000;
	const rssEnd = rssMiB();
	agent.destroy();

	const sorted = Array.from(latencies.subarray(0, done)).sort((a, b) => a - b);
	const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN).toFixed(2);
	console.log(`Converse (bearer, policy evaluated), keep-alive HTTP/1.1, ${concurrency} connections: ${done} requests in ${seconds.toFixed(1)} s`);
	report({name: 'sandbox Converse throughput', value: done / seconds, unit: ' req/s', target: {op: '>=', value: 2000}});
	console.log(`  latency ms   p50 ${at(0.5)}  p90 ${at(0.9)}  max ${at(1)}`);
	report({name: 'sandbox Converse latency p99', value: Number(at(0.99)), unit: ' ms', target: {op: '<', value: 20}, digits: 2});
	console.log(`  server RSS   ${rssStart.toFixed(1)} MiB -> ${rssMid.toFixed(1)} MiB (half) -> ${rssEnd.toFixed(1)} MiB (end)`);
	report({name: 'sandbox RSS growth over the second half (flat memory)', value: rssEnd - rssMid, unit: ' MiB', target: {op: '<', value: 32}, digits: 1});
} finally {
	child.kill('SIGTERM');
}

// --- Attacks on the sandbox's time, timed by the sandbox itself (its log line ends with the time from
// the request read to the answer).
const lines: string[] = [];
const sandbox = await startSandbox({faults: '', log: (line) => lines.push(line)});
try {
	const admin = new IAMClient({region: sandbox.region, endpoint: sandbox.endpoint, credentials: sandbox.admin});
	await admin.send(new GetUserCommand({}));
	/** An IAM call signed ahead of time and sent three times; the sandbox's fastest time on it. */
	const fastest = async (params: Record<string, string>, expected: {status: number; text: string}): Promise<number> => {
		const send = await presignedIamCall(sandbox, params);
		let best = Number.POSITIVE_INFINITY;
		for (let attempt = 0; attempt < 3; attempt++) {
			const {status, text} = await send();
			if (status !== expected.status || !text.includes(expected.text))
				throw new Error(`${params['Action']}: expected ${expected.status} with ${expected.text}, got ${status}: ${text.slice(0, 300)}`);
			best = Math.min(best, serverMsOf(lines, params['Action']!));
		}
		return best;
	};
	const policy = JSON.stringify({
		Version: '2012-10-17',
		Statement: [{Effect: 'Allow', Action: 'iam:*', Resource: `arn:aws:iam::123456789012:${'a*'.repeat(40)}b`}],
	});
	const simulateMs = await fastest(
		{
			Action: 'SimulateCustomPolicy',
			'PolicyInputList.member.1': policy,
			'ActionNames.member.1': 'iam:GetUser',
			'ResourceArns.member.1': `arn:aws:iam::123456789012:${'a'.repeat(2000)}`,
		},
		{status: 200, text: '<EvalDecision>implicitDeny</EvalDecision>'},
	);
	report({name: 'attack: 40-star wildcard vs 2,000-char ARN (server time)', value: simulateMs, unit: ' ms', target: {op: '<', value: 100}, digits: 1});
	const tags = Object.fromEntries(
		Array.from({length: 10_000}, (_, index) => [
			[`Tags.member.${index + 1}.Key`, `k${index}`],
			[`Tags.member.${index + 1}.Value`, `v${index}`],
		]).flat(),
	);
	const tagsMs = await fastest({Action: 'CreateUser', UserName: 'tagged', ...tags}, {status: 409, text: '<Code>LimitExceeded</Code>'});
	report({name: 'attack: CreateUser with 10,000 tags (server time)', value: tagsMs, unit: ' ms', target: {op: '<', value: 100}, digits: 1});
} finally {
	await sandbox.close();
}
process.exit(finish());
