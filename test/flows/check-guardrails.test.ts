/**
 * check of a key whose IAM user an admin has since given a permissions boundary (PutUserPermissionsBoundary
 * through the real IAM client): the boundary, not the key's policy, refuses one of the key's models. The
 * probe says `org-denied`, is tried once, and the diagnosis names the boundary and what to ask for: an
 * Allow added to it (no Allow there) or its Deny lifted (an explicit deny); exit 1, in en and ja.
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CreatePolicyCommand, DeleteUserPermissionsBoundaryCommand, PutUserPermissionsBoundaryCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {VerificationReport} from '../../source/core/verify/report.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {createKeyFor} from '../helpers/created-key.js';
import {iamClient, startTestSandbox} from '../helpers/sandbox.js';

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const NOVA_LITE_ARN = `arn:aws:bedrock:*::foundation-model/${NOVA_LITE}`;
const USER = 'bounded-user';

let sandbox: RunningSandbox;
let dir: string;
let apiKey: string;
let noAllowArn: string;
let denyArn: string;

beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
	dir = mkdtempSync(join(tmpdir(), 'bkw-check-boundary-'));
	({key: apiKey} = await createKeyFor(sandbox, dir, USER, [NOVA_LITE, TITAN_V2], []));
	const iam = iamClient(sandbox);
	const policy = async (name: string, document: object): Promise<string> =>
		(await iam.send(new CreatePolicyCommand({PolicyName: name, PolicyDocument: JSON.stringify(document)}))).Policy!.Arn!;
	// Allows every Bedrock call but those on Nova Lite: no Allow for it in the boundary.
	noAllowArn = await policy('bedrock-but-nova-lite', {
		Version: '2012-10-17',
		Statement: [{Effect: 'Allow', Action: 'bedrock:*', NotResource: NOVA_LITE_ARN}],
	});
	// Allows everything, and denies Nova Lite outright.
	denyArn = await policy('deny-nova-lite', {
		Version: '2012-10-17',
		Statement: [
			{Effect: 'Allow', Action: '*', Resource: '*'},
			{Effect: 'Deny', Action: 'bedrock:InvokeModel*', Resource: NOVA_LITE_ARN},
		],
	});
});
afterAll(async () => sandbox.close());

async function checkWithBoundary(boundaryArn: string, lang: 'en' | 'ja') {
	const iam = iamClient(sandbox);
	await iam.send(new PutUserPermissionsBoundaryCommand({UserName: USER, PermissionsBoundary: boundaryArn}));
	try {
		const run = await runCliCaptured(
			['check', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--report', join(dir, 'bedrock-key-report.json'), '--lang', lang, '--json'],
			{env: {AWS_BEARER_TOKEN_BEDROCK: apiKey}},
		);
		const report = JSON.parse(run.stdout) as VerificationReport;
		return {run, report, nova: report.probes.filter((probe) => probe.model === NOVA_LITE && probe.expected === 'allow')};
	} finally {
		await iam.send(new DeleteUserPermissionsBoundaryCommand({UserName: USER}));
	}
}

describe('check of a key whose user has a permissions boundary that leaves out one of its models', () => {
	it('no Allow in the boundary: org-denied, tried once, "add it to the boundary or remove the boundary" (exit 1)', async () => {
		const {run, report, nova} = await checkWithBoundary(noAllowArn, 'en');
		expect(run.code, run.stderr).toBe(1);
		expect(report.pass).toBe(false);
		expect(nova.length).toBeGreaterThan(0);
		for (const probe of nova) {
			expect(probe).toMatchObject({pass: false, finding: 'org-denied', attempts: 1});
			expect(probe.errorMessage).toContain(
				`because no permissions boundary allows the ${probe.operation === 'ConverseStream' ? 'bedrock:InvokeModelWithResponseStream' : 'bedrock:InvokeModel'} action`,
			);
			expect(probe.diagnosis).toContain("because no permissions boundary of the key's IAM user allows it, not by the key's policy");
			expect(probe.diagnosis).not.toContain('explicit deny');
			expect(probe.diagnosis).toMatch(/to the permissions boundary of the key's user, or to remove that boundary from the user/);
			expect(probe.diagnosis).toContain('us-west-2');
		}
		// The other model, and the models the key must not reach, are judged as before.
		expect(report.probes.filter((probe) => probe.model === TITAN_V2).every((probe) => probe.pass)).toBe(true);
		expect(report.probes.filter((probe) => probe.expected === 'deny').every((probe) => probe.pass && probe.finding === 'iam-denied')).toBe(true);
	});

	it('the same in Japanese', async () => {
		const {run, nova} = await checkWithBoundary(noAllowArn, 'ja');
		expect(run.code, run.stderr).toBe(1);
		expect(nova.length).toBeGreaterThan(0);
		for (const probe of nova) {
			expect(probe).toMatchObject({finding: 'org-denied', attempts: 1});
			expect(probe.diagnosis).toContain('アクセス許可の境界 が許可していないため拒否されました');
			expect(probe.diagnosis).not.toContain('明示的な拒否');
			expect(probe.diagnosis).toContain('境界に追加するか、境界そのものをユーザーから外す');
		}
	});

	it('an explicit Deny in the boundary: org-denied, tried once, "lift the Deny" (exit 1), in en and ja', async () => {
		const en = await checkWithBoundary(denyArn, 'en');
		expect(en.run.code, en.run.stderr).toBe(1);
		expect(en.nova.length).toBeGreaterThan(0);
		for (const probe of en.nova) {
			expect(probe).toMatchObject({pass: false, finding: 'org-denied', attempts: 1});
			expect(probe.errorMessage).toContain('with an explicit deny in a permissions boundary');
			expect(probe.diagnosis).toContain("with an explicit deny in a permissions boundary of the key's IAM user, not by the key's policy");
			expect(probe.diagnosis).toContain('lift the Deny');
		}
		const ja = await checkWithBoundary(denyArn, 'ja');
		expect(ja.run.code, ja.run.stderr).toBe(1);
		expect(ja.nova.length).toBeGreaterThan(0);
		for (const probe of ja.nova) {
			expect(probe).toMatchObject({finding: 'org-denied', attempts: 1});
			expect(probe.diagnosis).toContain('アクセス許可の境界 の明示的な拒否で拒否されました');
			expect(probe.diagnosis).toContain('拒否 (Deny) を外す');
		}
	});
});

describe("a boundary that leaves out the key's sign-in (bedrock:CallWithBearerToken)", () => {
	it("every allowed probe says so once, naming the action in the key's Region, not a model or a profile's destinations (exit 1)", async () => {
		const noSignIn = (
			await iamClient(sandbox).send(
				new CreatePolicyCommand({
					PolicyName: 'no-bearer-sign-in',
					PolicyDocument: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', NotAction: 'bedrock:CallWithBearerToken', Resource: '*'}]}),
				}),
			)
		).Policy!.Arn!;
		const {run, report} = await checkWithBoundary(noSignIn, 'en');
		expect(run.code, run.stderr).toBe(1);
		const allowed = report.probes.filter((probe) => probe.expected === 'allow');
		expect(allowed.length).toBeGreaterThan(0);
		for (const probe of allowed) {
			expect(probe).toMatchObject({pass: false, finding: 'org-denied', attempts: 1});
			expect(probe.diagnosis).toContain('bedrock:CallWithBearerToken in us-west-2 was refused because no permissions boundary');
			expect(probe.diagnosis).toContain("Ask the account's admin to add bedrock:CallWithBearerToken in us-west-2 to the permissions boundary");
			expect(probe.diagnosis).not.toContain('destination Region');
		}
	});
});

describe('a boundary that allows Bedrock in one Region only, for a key whose cross-Region profile routes elsewhere', () => {
	it("names the destination Regions that must be allowed, as the boundary's (no Allow), tried once (exit 1)", async () => {
		const user = 'bounded-profile-user';
		const profile = 'us.amazon.nova-lite-v1:0';
		const keyDir = mkdtempSync(join(tmpdir(), 'bkw-check-boundary-profile-'));
		const {key} = await createKeyFor(sandbox, keyDir, user, [profile, TITAN_V2], []);
		const iam = iamClient(sandbox);
		const oneRegion = (
			await iam.send(
				new CreatePolicyCommand({
					PolicyName: 'bedrock-in-us-west-2',
					PolicyDocument: JSON.stringify({
						Version: '2012-10-17',
						Statement: [{Effect: 'Allow', Action: 'bedrock:*', Resource: '*', Condition: {StringEquals: {'aws:RequestedRegion': 'us-west-2'}}}],
					}),
				}),
			)
		).Policy!.Arn!;
		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: user, PermissionsBoundary: oneRegion}));
		const run = await runCliCaptured(
			['check', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--report', join(keyDir, 'bedrock-key-report.json'), '--json'],
			{env: {AWS_BEARER_TOKEN_BEDROCK: key}},
		);
		expect(run.code, run.stderr).toBe(1);
		const report = JSON.parse(run.stdout) as VerificationReport;
		const routed = report.probes.filter((probe) => probe.model === profile && probe.expected === 'allow');
		expect(routed.length).toBeGreaterThan(0);
		for (const probe of routed) {
			expect(probe).toMatchObject({pass: false, finding: 'org-denied', attempts: 1});
			expect(probe.diagnosis).toContain('because no permissions boundary');
			expect(probe.diagnosis).toMatch(/in every destination Region of the inference profile \(us-east-(1|2) among them\)/);
			expect(probe.diagnosis).toContain("to the permissions boundary of the key's user");
		}
		expect(report.probes.filter((probe) => probe.model === TITAN_V2).every((probe) => probe.pass)).toBe(true);
	});
});
