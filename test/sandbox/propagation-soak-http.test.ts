/**
 * The propagation soak through the real path (issue 20): a sandbox loaded with 5,000 users from a state
 * file, a 60 s propagation delay, and 60 seconds of IAM writes over HTTP with the real SDK, on a fake clock
 * that moves 20 ms per write (3,000 writes; the test takes seconds, not a minute), with Bedrock reading the
 * propagated account every 10 writes. The users are put in as one commit (what loading a state file does). Before, each write kept a deep copy of the account for the delay
 * (2,200 users under a 60 s delay reached 2.2 GB); the heap must now grow by less than 64 MB, and the resident
 * memory by less than 256 MB.
 */
import {ListFoundationModelsCommand} from '@aws-sdk/client-bedrock';
import {PutUserPolicyCommand, TagUserCommand} from '@aws-sdk/client-iam';
import {expect, test} from 'vitest';
import {heapMb} from '../helpers/memory.js';
import {bedrockClient, iamClient, startTestSandbox} from '../helpers/sandbox.js';

const accountId = '123456789012';
const policy = (index: number): string =>
	JSON.stringify({
		Version: '2012-10-17',
		Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:us-west-2::foundation-model/model-${index}`}],
	});

test('5,000 users, 3,000 IAM writes over HTTP in 60 simulated seconds under a 60 s delay: the heap grows by under 64 MB', async () => {
	const users = Array.from({length: 5000}, (_, index) => ({
		userName: `seat-${index}`,
		userId: `AIDA${String(index).padStart(17, '0')}`,
		path: '/',
		arn: `arn:aws:iam::${accountId}:user/seat-${index}`,
		createDate: '2026-12-01T00:00:00.000Z',
		tags: [{Key: 'seat', Value: String(index)}],
		inlinePolicies: {policy: policy(index)},
		attachedPolicies: [],
	}));
	let now = Date.now();
	// No --state: the soak measures the propagation history, not the disk (3,000 saves of a 2 MB file).
	const loaded = await startTestSandbox({propagationDelayMs: 60_000, clock: () => new Date(now)});
	// The 5,000 users go in as one commit, as a loaded state file would; they have long propagated by the end.
	loaded.store.mutate((data) => {
		data.users.push(...users);
	});
	const iam = iamClient(loaded);
	const bedrock = bedrockClient(loaded);
	const start = heapMb();
	let peak = start;
	// Resident memory too, sampled without a collection: what the machine sees of the process at its worst.
	const rssMb = (): number => process.memoryUsage().rss / 1024 / 1024;
	const startRss = rssMb();
	let peakRss = startRss;
	try {
		for (let write = 0; write < 3000; write++) {
			const target = `seat-${(write * 7919) % 5000}`;
			if (write % 2 === 0) await iam.send(new TagUserCommand({UserName: target, Tags: [{Key: 'write', Value: String(write)}]}));
			else await iam.send(new PutUserPolicyCommand({UserName: target, PolicyName: `extra-${write % 3}`, PolicyDocument: policy(write)}));
			now += 20;
			if (write % 10 === 0) await bedrock.send(new ListFoundationModelsCommand({}));
			if (write % 100 === 0) peakRss = Math.max(peakRss, rssMb());
			if (write % 500 === 499) peak = Math.max(peak, heapMb());
		}
		peak = Math.max(peak, heapMb());
		peakRss = Math.max(peakRss, rssMb());
		console.log(
			`HTTP soak: heap peak growth ${(peak - start).toFixed(1)} MB over 3,000 writes; RSS ${startRss.toFixed(0)} MB at the start, ${peakRss.toFixed(0)} MB at its peak; ${loaded.store.pendingCommits} commits waiting`,
		);
		expect(loaded.store.pendingCommits).toBeLessThanOrEqual(256);
		expect(peak - start).toBeLessThan(64);
		// The whole test process (vitest's worker included) stays under a bound a class laptop has to spare.
		expect(peakRss - startRss).toBeLessThan(256);
	} finally {
		await loaded.close();
	}
}, 300_000);
