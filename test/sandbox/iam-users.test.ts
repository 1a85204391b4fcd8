import {
	AttachUserPolicyCommand,
	CreateAccessKeyCommand,
	CreateServiceSpecificCredentialCommand,
	CreateUserCommand,
	DeleteAccessKeyCommand,
	DeleteServiceSpecificCredentialCommand,
	DeleteUserCommand,
	DeleteUserPolicyCommand,
	DetachUserPolicyCommand,
	GetUserCommand,
	ListUsersCommand,
	ListUserTagsCommand,
	PutUserPolicyCommand,
	TagUserCommand,
	UntagUserCommand,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient, provisionUser, rejection, startTestSandbox} from '../helpers/sandbox.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => {
	await sandbox.close();
});

const allowAll = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:*', Resource: '*'}]});

describe('users', () => {
	test('CreateUser returns the user with AWS-shaped ids, path and tags; a duplicate is EntityAlreadyExists 409', async () => {
		const iam = iamClient(sandbox);
		const created = await iam.send(new CreateUserCommand({UserName: 'alice', Path: '/team/', Tags: [{Key: 'bedrock-key-wizard:managed', Value: 'true'}]}));
		expect(created.User).toMatchObject({
			UserName: 'alice',
			Path: '/team/',
			Arn: 'arn:aws:iam::123456789012:user/team/alice',
			Tags: [{Key: 'bedrock-key-wizard:managed', Value: 'true'}],
		});
		expect(created.User?.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
		expect(created.User?.CreateDate).toBeInstanceOf(Date);
		const duplicate = await rejection(iam.send(new CreateUserCommand({UserName: 'ALICE'})));
		expect(duplicate.name).toBe('EntityAlreadyExistsException');
		expect(duplicate.$metadata?.httpStatusCode).toBe(409);
		expect(duplicate.message).toBe('User with name ALICE already exists.');
	});

	test('invalid names are ValidationError 400', async () => {
		const error = await rejection(iamClient(sandbox).send(new CreateUserCommand({UserName: 'bad name!'})));
		expect(error.name).toBe('ValidationError');
		expect(error.$metadata?.httpStatusCode).toBe(400);
	});

	test('GetUser with a name, without one (the caller), and for a missing user (NoSuchEntity 404)', async () => {
		const iam = iamClient(sandbox);
		expect((await iam.send(new GetUserCommand({UserName: 'alice'}))).User?.Path).toBe('/team/');
		expect((await iam.send(new GetUserCommand({}))).User?.Arn).toBe(sandbox.admin.arn);
		const missing = await rejection(iam.send(new GetUserCommand({UserName: 'nobody'})));
		expect(missing.name).toBe('NoSuchEntityException');
		expect(missing.$metadata?.httpStatusCode).toBe(404);
		expect(missing.message).toBe('The user with name nobody cannot be found.');
	});

	test('ListUsers pages with Marker and MaxItems', async () => {
		const iam = iamClient(sandbox);
		for (const name of ['u1', 'u2', 'u3', 'u4']) await iam.send(new CreateUserCommand({UserName: name}));
		const names: string[] = [];
		let marker: string | undefined;
		let pages = 0;
		do {
			const page = await iam.send(new ListUsersCommand({MaxItems: 2, ...(marker ? {Marker: marker} : {})}));
			names.push(...(page.Users ?? []).map((user) => user.UserName ?? ''));
			marker = page.IsTruncated ? page.Marker : undefined;
			pages++;
		} while (marker);
		expect(names).toEqual(['alice', 'sandbox-admin', 'u1', 'u2', 'u3', 'u4']);
		expect(pages).toBe(3);
		const prefixed = await iam.send(new ListUsersCommand({PathPrefix: '/team/'}));
		expect(prefixed.Users?.map((user) => user.UserName)).toEqual(['alice']);
	});

	test('TagUser merges, UntagUser removes, ListUserTags lists', async () => {
		const iam = iamClient(sandbox);
		await iam.send(
			new TagUserCommand({
				UserName: 'u1',
				Tags: [
					{Key: 'a', Value: '1'},
					{Key: 'b', Value: '2'},
				],
			}),
		);
		await iam.send(new TagUserCommand({UserName: 'u1', Tags: [{Key: 'a', Value: 'changed'}]}));
		await iam.send(new UntagUserCommand({UserName: 'u1', TagKeys: ['b']}));
		expect((await iam.send(new ListUserTagsCommand({UserName: 'u1'}))).Tags).toEqual([{Key: 'a', Value: 'changed'}]);
		expect((await rejection(iam.send(new TagUserCommand({UserName: 'ghost', Tags: [{Key: 'a', Value: '1'}]})))).name).toBe('NoSuchEntityException');
	});

	test('DeleteUser refuses with DeleteConflict until credentials, inline policies, managed policies and access keys are gone', async () => {
		const iam = iamClient(sandbox);
		await iam.send(new CreateUserCommand({UserName: 'doomed'}));
		const credential = await iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'doomed', ServiceName: 'bedrock.amazonaws.com'}));
		await iam.send(new PutUserPolicyCommand({UserName: 'doomed', PolicyName: 'p', PolicyDocument: allowAll}));
		await iam.send(new AttachUserPolicyCommand({UserName: 'doomed', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess'}));
		const key = await iam.send(new CreateAccessKeyCommand({UserName: 'doomed'}));

		const conflict = async (message: string) => {
			const error = await rejection(iam.send(new DeleteUserCommand({UserName: 'doomed'})));
			expect(error.name).toBe('DeleteConflictException');
			expect(error.$metadata?.httpStatusCode).toBe(409);
			expect(error.message).toBe(message);
		};
		await conflict('Cannot delete entity, must delete service specific credentials first.');
		await iam.send(
			new DeleteServiceSpecificCredentialCommand({
				UserName: 'doomed',
				ServiceSpecificCredentialId: credential.ServiceSpecificCredential?.ServiceSpecificCredentialId,
			}),
		);
		await conflict('Cannot delete entity, must delete policies first.');
		await iam.send(new DeleteUserPolicyCommand({UserName: 'doomed', PolicyName: 'p'}));
		await conflict('Cannot delete entity, must detach all policies first.');
		await iam.send(new DetachUserPolicyCommand({UserName: 'doomed', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess'}));
		await conflict('Cannot delete entity, must delete access keys first.');
		await iam.send(new DeleteAccessKeyCommand({UserName: 'doomed', AccessKeyId: key.AccessKey?.AccessKeyId}));
		await iam.send(new DeleteUserCommand({UserName: 'doomed'}));
		expect((await rejection(iam.send(new GetUserCommand({UserName: 'doomed'})))).name).toBe('NoSuchEntityException');
	});

	test("a user without IAM permissions gets AccessDenied 403 with AWS's message", async () => {
		const user = await provisionUser(sandbox, 'limited', {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'iam:GetUser', Resource: '*'}]});
		const iam = iamClient(sandbox, {credentials: user.accessKey});
		expect((await iam.send(new GetUserCommand({}))).User?.UserName).toBe('limited');
		const denied = await rejection(iam.send(new CreateUserCommand({UserName: 'mallory'})));
		// AccessDenied is not a modelled IAM error, so the SDK keeps AWS's code as the name.
		expect(denied.name).toBe('AccessDenied');
		expect(denied.$metadata?.httpStatusCode).toBe(403);
		expect(denied.message).toBe(
			`User: ${user.arn} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/mallory because no identity-based policy allows the iam:CreateUser action`,
		);
	});

	test("an explicit Deny wins over the admin's AdministratorAccess, with the explicit-deny message", async () => {
		const iam = iamClient(sandbox);
		await iam.send(new CreateUserCommand({UserName: 'admin2'}));
		await iam.send(new AttachUserPolicyCommand({UserName: 'admin2', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess'}));
		await iam.send(
			new PutUserPolicyCommand({
				UserName: 'admin2',
				PolicyName: 'no-delete',
				PolicyDocument: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*'}]}),
			}),
		);
		const key = await iam.send(new CreateAccessKeyCommand({UserName: 'admin2'}));
		const admin2 = iamClient(sandbox, {credentials: {accessKeyId: key.AccessKey?.AccessKeyId ?? '', secretAccessKey: key.AccessKey?.SecretAccessKey ?? ''}});
		await admin2.send(new CreateUserCommand({UserName: 'made-by-admin2'}));
		const denied = await rejection(admin2.send(new DeleteUserCommand({UserName: 'made-by-admin2'})));
		expect(denied.message).toBe(
			'User: arn:aws:iam::123456789012:user/admin2 is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::123456789012:user/made-by-admin2 with an explicit deny in an identity-based policy',
		);
	});
});
