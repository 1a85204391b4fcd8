/**
 * kill -9 during a burst of writes (issue 20, "Done when"): the sandbox runs as its own process with
 * `--state`, is killed while CreateUser calls are in flight, and a sandbox started on the same file has
 * every user whose creation was acknowledged. Every file left in the directory, a temporary one cut short
 * included, is 0600.
 */
import {mkdtempSync, readdirSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CreateUserCommand, IAMClient, ListUsersCommand} from '@aws-sdk/client-iam';
import {expect, test} from 'vitest';
import {startTestSandbox} from '../helpers/sandbox.js';
import {sandboxProcess} from '../helpers/sandbox-process.js';

test('every acknowledged CreateUser survives kill -9 in the middle of a burst, and the files stay 0600', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'bkw-state-kill-'));
	const statePath = join(dir, 'state.json');
	const sandbox = await sandboxProcess(['--state', statePath]);
	const {info} = sandbox;
	const iam = new IAMClient({
		region: info.region,
		endpoint: info.endpoint,
		credentials: {accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey},
		maxAttempts: 1,
	});

	const acknowledged: string[] = [];
	let sent = 0;
	const worker = async (): Promise<void> => {
		while (sent < 400) {
			const name = `burst-${sent++}`;
			try {
				await iam.send(new CreateUserCommand({UserName: name}));
				acknowledged.push(name);
				if (acknowledged.length === 60) sandbox.kill('SIGKILL');
			} catch {
				return; // the process is gone: what was not acknowledged may or may not be there
			}
		}
	};
	await Promise.all(Array.from({length: 8}, worker));
	expect((await sandbox.exited).signal).toBe('SIGKILL');
	expect(acknowledged.length).toBeGreaterThanOrEqual(60);
	for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);

	const restarted = await startTestSandbox({statePath});
	try {
		const names: string[] = [];
		let marker: string | undefined;
		do {
			const page = await new IAMClient({
				region: restarted.region,
				endpoint: restarted.endpoint,
				credentials: {accessKeyId: restarted.admin.accessKeyId, secretAccessKey: restarted.admin.secretAccessKey},
				maxAttempts: 1,
			}).send(new ListUsersCommand({MaxItems: 1000, ...(marker ? {Marker: marker} : {})}));
			names.push(...(page.Users ?? []).map((user) => user.UserName ?? ''));
			marker = page.IsTruncated ? page.Marker : undefined;
		} while (marker);
		const missing = acknowledged.filter((name) => !names.includes(name));
		expect(missing).toEqual([]);
		expect(restarted.admin.accessKeyId).toBe(info.accessKeyId);
	} finally {
		await restarted.close();
	}
}, 60_000);
