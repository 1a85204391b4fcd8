/**
 * Resuming `workshop create`: stopped half-way (Ctrl+C), or a handout that could not be written after its
 * key was made. Flows driven directly, with the real IAM port against the sandbox.
 */
import {mkdtempSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ListServiceSpecificCredentialsCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsSession} from '../../source/aws/index.js';
import {workshopFiles} from '../../source/cli/commands/workshop.js';
import {en} from '../../source/core/i18n/en.js';
import {runWorkshopCreate, type WorkshopCreateEvent, type WorkshopCreateRequest} from '../../source/flows/workshop/create.js';
import type {WorkshopFiles} from '../../source/flows/workshop/files.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {adminSession, iamClient, startTestSandbox} from '../helpers/sandbox.js';

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

const request = (event: string, dir: string): WorkshopCreateRequest => ({
	event,
	seats: 20,
	region: 'us-west-2',
	modelIds: ['amazon.nova-lite-v1:0'],
	expiry: {expiresInDays: '1'},
	outDir: dir,
	concurrency: 4,
});
const deps = (files: WorkshopFiles, signal?: AbortSignal) => ({
	ports: session,
	iam: session.iam,
	files,
	messages: en,
	now: () => new Date(),
	...(signal ? {signal} : {}),
	// The CLI asks (or takes --yes); a rotation here was planned and is agreed to.
	confirm: async () => true,
});
const keysByUser = async (prefix: string): Promise<Map<string, number>> => {
	const listed = await iamClient(sandbox).send(new ListServiceSpecificCredentialsCommand({AllUsers: true, ServiceName: 'bedrock.amazonaws.com'}));
	const counts = new Map<string, number>();
	for (const key of listed.ServiceSpecificCredentials ?? [])
		if (key.UserName!.startsWith(prefix)) counts.set(key.UserName!, (counts.get(key.UserName!) ?? 0) + 1);
	return counts;
};

describe('workshop create, resumed', () => {
	it('stopped half-way (Ctrl+C): the next run makes only the missing seats', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-resume-'));
		const controller = new AbortController();
		const first = await runWorkshopCreate(request('resume-a', dir), deps(workshopFiles(dir), controller.signal), (event) => {
			if (event.type === 'seat' && event.done === 8) controller.abort();
		});
		expect(first.cancelled).toBe(true);
		expect(first.counts.skipped).toBeGreaterThan(0);
		const made = first.counts.created;
		expect(made).toBeGreaterThanOrEqual(8);
		const second = await runWorkshopCreate(request('resume-a', dir), deps(workshopFiles(dir)));
		expect(second).toMatchObject({cancelled: false, ready: 20, counts: {created: 20 - made, unchanged: made, failed: 0}});
		const keys = await keysByUser('bkw-resume-a-');
		expect(keys.size).toBe(20);
		expect([...keys.values()].every((count) => count === 1)).toBe(true);
		expect(readdirSync(dir).filter((name) => name.endsWith('.md'))).toHaveLength(20);
	});

	it('a key made but its handout not written: reported, and the next run rotates it', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-resume-'));
		const files = workshopFiles(dir);
		const failing: WorkshopFiles = {
			...files,
			write: async (path, content, mode) => {
				if (path.endsWith('bkw-resume-b-005.md')) throw new Error('ENOSPC: no space left on device');
				return files.write(path, content, mode);
			},
		};
		const first = await runWorkshopCreate(request('resume-b', dir), deps(failing));
		expect(first.counts).toMatchObject({created: 19, failed: 1});
		expect(first.seatList[4]).toMatchObject({seat: 5, outcome: 'failed', reason: 'Error: ENOSPC: no space left on device'});
		expect((await keysByUser('bkw-resume-b-')).get('bkw-resume-b-005')).toBe(1);

		const events: WorkshopCreateEvent[] = [];
		const second = await runWorkshopCreate(request('resume-b', dir), deps(files), (event) => events.push(event));
		expect(second.counts).toMatchObject({rotated: 1, unchanged: 19, failed: 0});
		expect(events).toContainEqual({type: 'lost-secret', seat: 5, userName: 'bkw-resume-b-005'});
		expect(events).toContainEqual(expect.objectContaining({type: 'planned', existing: 20, complete: 19}));
		expect((await keysByUser('bkw-resume-b-')).get('bkw-resume-b-005')).toBe(1);
	});
});
