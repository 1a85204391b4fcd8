/**
 * One seat brought to "complete" from the odd states an interrupted run or a person leaves behind,
 * through the real IAM port against the sandbox: the 2-keys-per-user limit, stale keys, look-alikes.
 */
import {CreateServiceSpecificCredentialCommand, CreateUserCommand, ListUserPoliciesCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsSession} from '../../source/aws/index.js';
import {en} from '../../source/core/i18n/en.js';
import {seatTags} from '../../source/core/workshop/seat-names.js';
import {takeInventory} from '../../source/flows/workshop/inventory.js';
import {ensureSeat, type SeatPlan, type SeatWork} from '../../source/flows/workshop/seat.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {adminSession, apiKeyIds, iamClient, startTestSandbox} from '../helpers/sandbox.js';

const EVENT = 'seat-tests';
let sandbox: RunningSandbox;
let session: AwsSession;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	session = adminSession(sandbox);
});
afterAll(async () => {
	session.close();
	await sandbox.close();
});

const POLICY = JSON.stringify({
	Version: '2012-10-17',
	Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0'}],
});

async function seatUser(userName: string, seat: number, keys: number): Promise<string[]> {
	await iamClient(sandbox).send(
		new CreateUserCommand({
			UserName: userName,
			Tags: Object.entries(seatTags(EVENT, seat, 'earlier', '2030-01-01T00:00:00Z')).map(([Key, Value]) => ({Key, Value})),
		}),
	);
	const ids: string[] = [];
	for (let index = 0; index < keys; index++) {
		const made = await iamClient(sandbox).send(new CreateServiceSpecificCredentialCommand({UserName: userName, ServiceName: 'bedrock.amazonaws.com'}));
		ids.push(made.ServiceSpecificCredential!.ServiceSpecificCredentialId!);
	}
	return ids;
}
const keysOf = (userName: string): Promise<string[]> => apiKeyIds(sandbox, userName);

const handout = (userName: string, credentialId: string, key: string): string =>
	`<!-- bedrock-key-wizard:seat ${JSON.stringify({seat: 0, userName, credentialId, expiresAt: '2030-01-01T00:00:00Z'})} -->\nAWS_BEARER_TOKEN_BEDROCK=${key}\n`;

function work(handouts: Map<string, string>): SeatWork {
	return {
		iam: session.iam,
		messages: en,
		readHandout: async (userName) => handouts.get(userName),
		handoutPath: (userName) => `/handouts/${userName}.md`,
		writeHandout: async (userName, key) => {
			handouts.set(userName, handout(userName, key.credentialId, key.secret.reveal()));
			return `/handouts/${userName}.md`;
		},
	};
}

async function plan(seat: number, userName: string): Promise<SeatPlan> {
	const inventory = await takeInventory(session.iam, EVENT);
	const existing = inventory.seats.get(seat);
	return {
		event: EVENT,
		seat,
		userName,
		...(existing ? {existing} : {}),
		policyName: 'bedrock-key-wizard',
		policyJson: POLICY,
		credentialAgeDays: 1,
		createdAt: 'now',
		expiresAt: '2030-01-01T00:00:00Z',
	};
}

describe('a seat found half-made', () => {
	it('with two keys and no handout: makes room, creates one new key, and deletes both old ones', async () => {
		const old = await seatUser('bkw-seat-tests-001', 1, 2);
		const handouts = new Map<string, string>();
		const lost: number[] = [];
		const result = await ensureSeat(await plan(1, 'bkw-seat-tests-001'), {...work(handouts), onLostSecret: (seat) => lost.push(seat)});
		expect(result.outcome).toBe('rotated');
		expect(lost).toEqual([1]);
		expect(await keysOf('bkw-seat-tests-001')).toEqual([result.credentialId]);
		expect(old).not.toContain(result.credentialId);
		expect(handouts.get('bkw-seat-tests-001')).toContain(result.credentialId);
	});

	it('with its handout key and a stale second key: keeps the handout key, deletes the other, puts the policy', async () => {
		const [held, stale] = await seatUser('bkw-seat-tests-002', 2, 2);
		const handouts = new Map([['bkw-seat-tests-002', handout('bkw-seat-tests-002', held!, 'ABSK-held-secret')]]);
		const result = await ensureSeat(await plan(2, 'bkw-seat-tests-002'), work(handouts));
		expect(result).toMatchObject({outcome: 'completed', credentialId: held});
		expect(await keysOf('bkw-seat-tests-002')).toEqual([held]);
		expect(await keysOf('bkw-seat-tests-002')).not.toContain(stale);
		const policies = await iamClient(sandbox).send(new ListUserPoliciesCommand({UserName: 'bkw-seat-tests-002'}));
		expect(policies.PolicyNames).toEqual(['bedrock-key-wizard']);
	});

	it('named like the seat but not tagged for it: refused, and the user is left exactly as it was', async () => {
		await iamClient(sandbox).send(new CreateUserCommand({UserName: 'bkw-seat-tests-003'}));
		const error = await ensureSeat(await plan(3, 'bkw-seat-tests-003'), work(new Map())).catch((caught: Error) => caught);
		expect(error).toMatchObject({
			kind: 'aws-refused',
			message: expect.stringMatching(/IAM user bkw-seat-tests-003 already exists and does not carry this event's tag/),
		});
		expect(await keysOf('bkw-seat-tests-003')).toEqual([]);
		const policies = await iamClient(sandbox).send(new ListUserPoliciesCommand({UserName: 'bkw-seat-tests-003'}));
		expect(policies.PolicyNames).toEqual([]);
	});
});
