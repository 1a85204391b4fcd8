import {
	CreateAccessKeyCommand,
	CreateServiceSpecificCredentialCommand,
	CreateUserCommand,
	DeleteAccessKeyCommand,
	ListAccessKeysCommand,
	ListServiceSpecificCredentialsCommand,
	ResetServiceSpecificCredentialCommand,
	UpdateAccessKeyCommand,
	UpdateServiceSpecificCredentialCommand,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient, rejection, startTestSandbox} from '../helpers/sandbox.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	const iam = iamClient(sandbox);
	for (const name of ['keys', 'creds', 'other']) await iam.send(new CreateUserCommand({UserName: name}));
});
afterAll(async () => {
	await sandbox.close();
});

describe('access keys', () => {
	test('two per user, AWS-shaped ids, sandbox-made secrets; the third is LimitExceeded 409', async () => {
		const iam = iamClient(sandbox);
		const first = await iam.send(new CreateAccessKeyCommand({UserName: 'keys'}));
		await iam.send(new CreateAccessKeyCommand({UserName: 'keys'}));
		expect(first.AccessKey?.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
		expect(first.AccessKey?.SecretAccessKey).toMatch(/^sandbox/);
		expect(first.AccessKey?.SecretAccessKey).toHaveLength(40);
		expect(first.AccessKey?.Status).toBe('Active');
		const third = await rejection(iam.send(new CreateAccessKeyCommand({UserName: 'keys'})));
		expect(third.name).toBe('LimitExceededException');
		expect(third.$metadata?.httpStatusCode).toBe(409);
		expect(third.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2');
	});

	test('ListAccessKeys shows metadata only; UpdateAccessKey and DeleteAccessKey act on the named key', async () => {
		const iam = iamClient(sandbox);
		const listed = await iam.send(new ListAccessKeysCommand({UserName: 'keys'}));
		expect(listed.AccessKeyMetadata).toHaveLength(2);
		expect(JSON.stringify(listed)).not.toContain('sandboxSecret');
		const id = listed.AccessKeyMetadata?.[0]?.AccessKeyId ?? '';
		await iam.send(new UpdateAccessKeyCommand({UserName: 'keys', AccessKeyId: id, Status: 'Inactive'}));
		const after = await iam.send(new ListAccessKeysCommand({UserName: 'keys'}));
		expect(after.AccessKeyMetadata?.find((key) => key.AccessKeyId === id)?.Status).toBe('Inactive');
		const badStatus = await rejection(iam.send(new UpdateAccessKeyCommand({UserName: 'keys', AccessKeyId: id, Status: 'Sleeping' as 'Active'})));
		expect(badStatus.name).toBe('ValidationError');
		await iam.send(new DeleteAccessKeyCommand({UserName: 'keys', AccessKeyId: id}));
		expect((await iam.send(new ListAccessKeysCommand({UserName: 'keys'}))).AccessKeyMetadata).toHaveLength(1);
		const gone = await rejection(iam.send(new DeleteAccessKeyCommand({UserName: 'keys', AccessKeyId: id})));
		expect(gone.name).toBe('NoSuchEntityException');
		expect(gone.message).toBe(`The Access Key with id ${id} cannot be found.`);
	});

	test("without UserName, the caller's own keys", async () => {
		const listed = await iamClient(sandbox).send(new ListAccessKeysCommand({}));
		expect(listed.AccessKeyMetadata?.map((key) => key.AccessKeyId)).toEqual([sandbox.admin.accessKeyId]);
	});
});

describe('service-specific credentials (long-term Bedrock API keys)', () => {
	test('Create returns the secret once, with alias, expiry from CredentialAgeDays; two per user per service', async () => {
		const iam = iamClient(sandbox);
		const before = Date.now();
		const created = await iam.send(
			new CreateServiceSpecificCredentialCommand({UserName: 'creds', ServiceName: 'bedrock.amazonaws.com', CredentialAgeDays: 30}),
		);
		const credential = created.ServiceSpecificCredential;
		expect(credential?.ServiceCredentialSecret).toMatch(/^ABSK/);
		expect(Buffer.from((credential?.ServiceCredentialSecret ?? '').slice(4), 'base64').toString('utf8')).toContain('sandbox');
		expect(credential?.ServiceSpecificCredentialId).toMatch(/^ACCA[A-Z0-9]{17}$/);
		expect(credential?.ServiceCredentialAlias).toMatch(/^ABSK\.\.\./);
		expect(credential?.Status).toBe('Active');
		expect(credential?.ServiceName).toBe('bedrock.amazonaws.com');
		const expiresIn = (credential?.ExpirationDate?.getTime() ?? 0) - before;
		expect(expiresIn).toBeGreaterThan(29.9 * 86_400_000);
		expect(expiresIn).toBeLessThan(30.1 * 86_400_000);

		await iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'creds', ServiceName: 'bedrock.amazonaws.com'}));
		const third = await rejection(iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'creds', ServiceName: 'bedrock.amazonaws.com'})));
		expect(third.name).toBe('LimitExceededException');
		expect(third.message).toBe('Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2');
	});

	test('bad CredentialAgeDays and other services are refused', async () => {
		const iam = iamClient(sandbox);
		const tooLong = await rejection(
			iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'other', ServiceName: 'bedrock.amazonaws.com', CredentialAgeDays: 36601})),
		);
		expect(tooLong.name).toBe('ValidationError');
		const service = await rejection(iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'other', ServiceName: 'codecommit.amazonaws.com'})));
		expect(service.name).toBe('ServiceNotSupportedException');
		expect(service.$metadata?.httpStatusCode).toBe(404);
		const noUser = await rejection(iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'ghost', ServiceName: 'bedrock.amazonaws.com'})));
		expect(noUser.name).toBe('NoSuchEntityException');
	});

	test('List never shows the secret; filters by user and service; AllUsers pages with Marker', async () => {
		const iam = iamClient(sandbox);
		await iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'other', ServiceName: 'bedrock.amazonaws.com'}));
		const mine = await iam.send(new ListServiceSpecificCredentialsCommand({UserName: 'creds', ServiceName: 'bedrock.amazonaws.com'}));
		expect(mine.ServiceSpecificCredentials).toHaveLength(2);
		expect(JSON.stringify(mine)).not.toMatch(/ServiceCredentialSecret|"ABSK[A-Za-z0-9+/]{20}/);
		expect(
			(await iam.send(new ListServiceSpecificCredentialsCommand({UserName: 'creds', ServiceName: 'codecommit.amazonaws.com'}))).ServiceSpecificCredentials,
		).toHaveLength(0);

		const seen: string[] = [];
		let marker: string | undefined;
		do {
			const page = await iam.send(new ListServiceSpecificCredentialsCommand({AllUsers: true, MaxItems: 2, ...(marker ? {Marker: marker} : {})}));
			seen.push(...(page.ServiceSpecificCredentials ?? []).map((credential) => credential.UserName ?? ''));
			marker = page.IsTruncated ? page.Marker : undefined;
		} while (marker);
		expect(seen.sort()).toEqual(['creds', 'creds', 'other']);
	});

	test('a key past its ExpirationDate is listed as Expired, and still counts toward the 2 until deleted', async () => {
		const iam = iamClient(sandbox);
		await iam.send(new CreateUserCommand({UserName: 'expiring'}));
		const created = await iam.send(
			new CreateServiceSpecificCredentialCommand({UserName: 'expiring', ServiceName: 'bedrock.amazonaws.com', CredentialAgeDays: 1}),
		);
		const id = created.ServiceSpecificCredential!.ServiceSpecificCredentialId!;
		sandbox.store.mutate((data) => {
			data.serviceCredentials.find((credential) => credential.id === id)!.expirationDate = new Date(Date.now() - 60_000).toISOString();
		});
		await iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'expiring', ServiceName: 'bedrock.amazonaws.com'}));
		const listed = await iam.send(new ListServiceSpecificCredentialsCommand({UserName: 'expiring', ServiceName: 'bedrock.amazonaws.com'}));
		expect(listed.ServiceSpecificCredentials?.map((credential) => [credential.ServiceSpecificCredentialId === id, credential.Status])).toEqual([
			[true, 'Expired'],
			[false, 'Active'],
		]);
		const third = await rejection(iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'expiring', ServiceName: 'bedrock.amazonaws.com'})));
		expect(third.name).toBe('LimitExceededException');
	});

	test('Update sets the status; Reset issues a new secret; an unknown id is NoSuchEntity', async () => {
		const iam = iamClient(sandbox);
		const listed = await iam.send(new ListServiceSpecificCredentialsCommand({UserName: 'other'}));
		const id = listed.ServiceSpecificCredentials?.[0]?.ServiceSpecificCredentialId ?? '';
		await iam.send(new UpdateServiceSpecificCredentialCommand({UserName: 'other', ServiceSpecificCredentialId: id, Status: 'Inactive'}));
		expect((await iam.send(new ListServiceSpecificCredentialsCommand({UserName: 'other'}))).ServiceSpecificCredentials?.[0]?.Status).toBe('Inactive');
		const reset = await iam.send(new ResetServiceSpecificCredentialCommand({UserName: 'other', ServiceSpecificCredentialId: id}));
		expect(reset.ServiceSpecificCredential?.ServiceCredentialSecret).toMatch(/^ABSK/);
		const missing = await rejection(
			iam.send(new UpdateServiceSpecificCredentialCommand({UserName: 'other', ServiceSpecificCredentialId: 'ACCANOPE', Status: 'Active'})),
		);
		expect(missing.name).toBe('NoSuchEntityException');
	});
});
