/**
 * Attacks on SigV4 and short-term keys, each as a case: what an attacker sends, and the refusal AWS gives
 * (issue 20; docs/security.md, 'Signatures'). Every case also shows that nothing happened: no user made,
 * no model called.
 */
import {BedrockRuntimeClient, ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {GetUserCommand, ListUsersCommand} from '@aws-sdk/client-iam';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {getToken} from '@aws/bedrock-token-generator';
import {Hash} from '@smithy/hash-node';
import {SignatureV4} from '@smithy/signature-v4';
import {createHash} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {bearerRuntimeClient, iamClient, provisionUser, rejection, runtimeClient, startTestSandbox, stsClient, type AccessKey} from '../helpers/sandbox.js';

const Sha256 = Hash.bind(null, 'sha256');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const form = 'application/x-www-form-urlencoded; charset=utf-8';
const listUsers = 'Action=ListUsers&Version=2010-05-08';
const createUser = (name: string): string => `Action=CreateUser&UserName=${name}&Version=2010-05-08`;
const model = 'amazon.nova-lite-v1:0';
const converse = new ConverseCommand({modelId: model, messages: [{role: 'user', content: [{text: 'hi'}]}]});
const keyUserPolicy = {
	Version: '2012-10-17',
	Statement: [
		{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
		{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*'},
	],
};

let sandbox: RunningSandbox;
let keyUser: AccessKey;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	keyUser = (await provisionUser(sandbox, 'key-user', keyUserPolicy)).accessKey;
});
afterAll(async () => {
	await sandbox.close();
});

interface Answer {
	readonly status: number;
	readonly text: string;
	readonly errorType: string | null;
}

const answer = async (response: Response): Promise<Answer> => ({
	status: response.status,
	text: await response.text(),
	errorType: response.headers.get('x-amzn-errortype'),
});

/** An admin-signed IAM request as a client would send it (the signer's own headers), to capture and replay. */
async function signIam(body: string, extraHeaders: Record<string, string> = {}, options: {service?: string; region?: string; path?: string} = {}) {
	const signer = new SignatureV4({service: options.service ?? 'iam', region: options.region ?? sandbox.region, credentials: sandbox.admin, sha256: Sha256});
	return (await signer.sign({
		method: 'POST',
		protocol: 'http:',
		hostname: '127.0.0.1',
		port: sandbox.port,
		path: options.path ?? '/',
		headers: {host: `127.0.0.1:${sandbox.port}`, 'content-type': form, ...extraHeaders},
		body,
	})) as {headers: Record<string, string>};
}

const send = async (headers: Record<string, string>, body: string, path = '/'): Promise<Answer> =>
	answer(await fetch(`${sandbox.endpoint}${path}`, {method: 'POST', headers, body}));

const userExists = async (userName: string): Promise<boolean> => {
	try {
		await iamClient(sandbox).send(new GetUserCommand({UserName: userName}));
		return true;
	} catch {
		return false;
	}
};

/** A presigned STS GetCallerIdentity URL; `options` bend it the way an attacker would. */
async function presignedSts(
	options: {expiresIn?: number; unsignedPayload?: boolean; credentials?: AccessKey & {sessionToken?: string}} = {},
): Promise<URLSearchParams> {
	const signer = new SignatureV4({service: 'sts', region: sandbox.region, credentials: options.credentials ?? sandbox.admin, sha256: Sha256});
	const presigned = await signer.presign(
		{
			method: 'GET',
			protocol: 'http:',
			hostname: '127.0.0.1',
			port: sandbox.port,
			path: '/',
			// An attacker's choice: UNSIGNED-PAYLOAD, which only S3 takes.
			headers: {host: `127.0.0.1:${sandbox.port}`, ...(options.unsignedPayload ? {'x-amz-content-sha256': 'UNSIGNED-PAYLOAD'} : {})},
			query: {Action: 'GetCallerIdentity', Version: '2011-06-15'},
		},
		{expiresIn: options.expiresIn ?? 60, ...(options.unsignedPayload ? {unhoistableHeaders: new Set(['x-amz-content-sha256'])} : {})},
	);
	return new URLSearchParams(presigned.query as Record<string, string>);
}

/** A short-term key made as @aws/bedrock-token-generator makes it, with the lifetime, date or Region an attacker picks. */
async function shortTermKey(
	credentials: AccessKey & {sessionToken?: string},
	options: {expiresIn?: number; region?: string; signingDate?: Date} = {},
): Promise<string> {
	const signer = new SignatureV4({service: 'bedrock', region: options.region ?? sandbox.region, credentials, sha256: Sha256});
	const presigned = await signer.presign(
		{
			method: 'POST',
			protocol: 'https:',
			hostname: 'bedrock.amazonaws.com',
			path: '/',
			headers: {host: 'bedrock.amazonaws.com'},
			query: {Action: 'CallWithBearerToken'},
		},
		{expiresIn: options.expiresIn ?? 600, ...(options.signingDate ? {signingDate: options.signingDate} : {})},
	);
	const query = new URLSearchParams(presigned.query as Record<string, string>);
	query.append('Version', '1');
	return `bedrock-api-key-${Buffer.from(`bedrock.amazonaws.com/?${query}`).toString('base64')}`;
}

const signatureMismatchMessage =
	'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

describe('the body is covered by the signature', () => {
	test('attack: a captured admin ListUsers with its body replaced by CreateUser and an unsigned X-Amz-Content-SHA256 of the original body is refused; no user is made', async () => {
		const captured = await signIam(listUsers);
		expect((await send(captured.headers, listUsers)).status, 'the captured request itself is good').toBe(200);
		const forged = await send({...captured.headers, 'x-amz-content-sha256': sha256(listUsers)}, createUser('mallory'));
		expect(forged.status).toBe(403);
		expect(forged.text).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect(forged.text).toContain(signatureMismatchMessage);
		expect(await userExists('mallory')).toBe(false);
	});

	test('attack: the same swap when the client signed X-Amz-Content-SHA256 itself is refused; no user is made', async () => {
		const captured = await signIam(listUsers, {'x-amz-content-sha256': sha256(listUsers)});
		expect(captured.headers['authorization']).toContain('x-amz-content-sha256');
		expect((await send(captured.headers, listUsers)).status, 'a header that names the body it came with is fine').toBe(200);
		const forged = await send(captured.headers, createUser('mallory2'));
		expect(forged.status).toBe(403);
		expect(forged.text).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect(await userExists('mallory2')).toBe(false);
	});

	test('attack: a body replaced with no header at all is refused (the hash is of the body received)', async () => {
		const captured = await signIam(listUsers);
		const forged = await send(captured.headers, createUser('mallory3'));
		expect(forged.status).toBe(403);
		expect(forged.text).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect(await userExists('mallory3')).toBe(false);
	});

	test('attack: IAM signed with UNSIGNED-PAYLOAD (S3 only) cannot carry a body: refused, no user is made', async () => {
		const signed = await signIam(createUser('mallory4'), {'x-amz-content-sha256': 'UNSIGNED-PAYLOAD'});
		const answered = await send(signed.headers, createUser('mallory4'));
		expect(answered.status).toBe(403);
		expect(answered.text).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect(await userExists('mallory4')).toBe(false);
	});

	test('attack: Bedrock Runtime signed with UNSIGNED-PAYLOAD is InvalidSignatureException; no model is called', async () => {
		const path = `/model/${encodeURIComponent(model)}/converse`;
		const body = JSON.stringify({messages: [{role: 'user', content: [{text: 'hi'}]}]});
		const signer = new SignatureV4({service: 'bedrock', region: sandbox.region, credentials: sandbox.admin, sha256: Sha256});
		const signed = (await signer.sign({
			method: 'POST',
			protocol: 'http:',
			hostname: '127.0.0.1',
			port: sandbox.port,
			path,
			headers: {host: `127.0.0.1:${sandbox.port}`, 'content-type': 'application/json', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD'},
			body,
		})) as {headers: Record<string, string>};
		const calls = sandbox.store.runtimeCalls().length;
		const answered = await send(signed.headers, body, path);
		expect(answered.status).toBe(403);
		expect(answered.errorType).toBe('InvalidSignatureException');
		expect(JSON.parse(answered.text)).toMatchObject({message: signatureMismatchMessage});
		expect(sandbox.store.runtimeCalls()).toHaveLength(calls);
	});

	test('attack: a presigned URL signed with UNSIGNED-PAYLOAD (S3 only) is refused, with or without a body; no user is made', async () => {
		const query = await presignedSts({unsignedPayload: true});
		const answered = await answer(await fetch(`${sandbox.endpoint}/?${query}`, {headers: {'x-amz-content-sha256': 'UNSIGNED-PAYLOAD'}}));
		expect(answered.status).toBe(403);
		expect(answered.text).toContain('<Code>SignatureDoesNotMatch</Code>');

		// An IAM URL presigned by the admin for ListUsers with UNSIGNED-PAYLOAD, replayed with a CreateUser body.
		const signer = new SignatureV4({service: 'iam', region: sandbox.region, credentials: sandbox.admin, sha256: Sha256});
		const presigned = await signer.presign(
			{
				method: 'POST',
				protocol: 'http:',
				hostname: '127.0.0.1',
				port: sandbox.port,
				path: '/',
				headers: {host: `127.0.0.1:${sandbox.port}`, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD'},
				query: {Action: 'ListUsers', Version: '2010-05-08'},
			},
			{expiresIn: 60, unhoistableHeaders: new Set(['x-amz-content-sha256'])},
		);
		const url = `${sandbox.endpoint}/?${new URLSearchParams(presigned.query as Record<string, string>)}`;
		const forged = await answer(
			await fetch(url, {
				method: 'POST',
				headers: {'content-type': form, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD'},
				body: 'UserName=mallory5&Action=CreateUser',
			}),
		);
		expect(forged.status).toBe(403);
		expect(forged.text).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect(await userExists('mallory5')).toBe(false);
	});

	test('attack: a presigned POST URL (the empty body signed) replayed with a CreateUser body is refused; without a body it works', async () => {
		const signer = new SignatureV4({service: 'iam', region: sandbox.region, credentials: sandbox.admin, sha256: Sha256});
		const presigned = await signer.presign(
			{
				method: 'POST',
				protocol: 'http:',
				hostname: '127.0.0.1',
				port: sandbox.port,
				path: '/',
				headers: {host: `127.0.0.1:${sandbox.port}`},
				query: {Action: 'ListUsers', Version: '2010-05-08'},
			},
			{expiresIn: 60},
		);
		const url = `${sandbox.endpoint}/?${new URLSearchParams(presigned.query as Record<string, string>)}`;
		expect((await fetch(url, {method: 'POST'})).status).toBe(200);
		const forged = await answer(await fetch(url, {method: 'POST', headers: {'content-type': form}, body: 'UserName=mallory6&Action=CreateUser'}));
		expect(forged.status).toBe(403);
		expect(forged.text).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect(await userExists('mallory6')).toBe(false);
	});
});

describe('dates parse and round-trip', () => {
	const dateMessage = (date: string): string => `Date must be in ISO-8601 &apos;basic format&apos;. Got &apos;${date}&apos;.`;

	for (const date of ['20261399T999999Z', '00000000T000000Z', '20260230T120000Z', '20261201T240000Z']) {
		test(`attack: a request correctly signed with X-Amz-Date ${date} is IncompleteSignature, never "never expires"`, async () => {
			const signer = new SignatureV4({service: 'iam', region: sandbox.region, credentials: sandbox.admin, sha256: Sha256});
			const request = {
				method: 'POST',
				protocol: 'http:',
				hostname: '127.0.0.1',
				port: sandbox.port,
				path: '/',
				headers: {host: `127.0.0.1:${sandbox.port}`, 'content-type': form, 'x-amz-date': date},
				body: listUsers,
			};
			// @smithy overwrites x-amz-date; sign by hand with the forged date kept (scope day = its first 8 digits).
			const signed = (await signer.sign(request, {signingDate: new Date()})) as {headers: Record<string, string>};
			const forgedHeaders = {...signed.headers, 'x-amz-date': date};
			const forgedAuth = signed.headers['authorization']!.replace(/Credential=([^/]+)\/\d{8}\//, `Credential=$1/${date.slice(0, 8)}/`);
			const answered = await send({...forgedHeaders, authorization: forgedAuth}, listUsers);
			expect(answered.status).toBe(400);
			expect(answered.text).toContain('<Code>IncompleteSignature</Code>');
			expect(answered.text).toContain(dateMessage(date));
		});
	}

	test('attack: a presigned URL with X-Amz-Date 20261399T999999Z is refused', async () => {
		const query = await presignedSts();
		query.set('X-Amz-Date', '20261399T999999Z');
		const answered = await answer(await fetch(`${sandbox.endpoint}/?${query}`));
		expect(answered.status).toBe(400);
		expect(answered.text).toContain('<Code>IncompleteSignature</Code>');
		expect(answered.text).toContain(dateMessage('20261399T999999Z'));
	});

	test('attack: a short-term key with an X-Amz-Date that names no instant is refused; no model is called', async () => {
		const token = await shortTermKey(keyUser);
		const url = Buffer.from(token.slice('bedrock-api-key-'.length), 'base64').toString('utf8');
		const forged = `bedrock-api-key-${Buffer.from(url.replace(/X-Amz-Date=\d{8}T\d{6}Z/, 'X-Amz-Date=00000000T000000Z')).toString('base64')}`;
		const calls = sandbox.store.runtimeCalls().length;
		const error = await rejection(bearerRuntimeClient(sandbox, forged).send(converse));
		expect(error.name).toBe('UnrecognizedClientException');
		expect(error.$metadata?.httpStatusCode).toBe(403);
		expect(sandbox.store.runtimeCalls()).toHaveLength(calls);
	});
});

describe('lifetimes within AWS bounds', () => {
	test('attack: a presigned URL asking for X-Amz-Expires above 604800 (seven days) or below 1 is refused', async () => {
		for (const expires of ['604801', '0', '99999999', '60.5', '-1']) {
			const query = await presignedSts();
			query.set('X-Amz-Expires', expires);
			const answered = await answer(await fetch(`${sandbox.endpoint}/?${query}`));
			expect(answered.status, expires).toBe(400);
			expect(answered.text).toContain('<Code>IncompleteSignature</Code>');
			expect(answered.text).toContain('X-Amz-Expires must be an integer between 1 and 604800.');
		}
		// 604800 itself is within bounds.
		expect((await fetch(`${sandbox.endpoint}/?${await presignedSts({expiresIn: 604_800})}`)).status).toBe(200);
	});

	test('attack: a short-term key signed for more than 43,200 seconds is refused, even while young; 43,200 works', async () => {
		const calls = sandbox.store.runtimeCalls().length;
		for (const expiresIn of [43_201, 604_800]) {
			const error = await rejection(bearerRuntimeClient(sandbox, await shortTermKey(keyUser, {expiresIn})).send(converse));
			expect(error.name, String(expiresIn)).toBe('UnrecognizedClientException');
			expect(error.message).toBe('The security token included in the request is invalid.');
		}
		expect(sandbox.store.runtimeCalls()).toHaveLength(calls);
		await bearerRuntimeClient(sandbox, await shortTermKey(keyUser, {expiresIn: 43_200})).send(converse);
		// The generator itself makes one of 12 hours, and it is accepted.
		await bearerRuntimeClient(sandbox, await getToken({credentials: keyUser, region: sandbox.region, expiresInSeconds: 43_200})).send(converse);
	});
});

describe("the endpoint's Region binds the signature's", () => {
	const regional = (region: string): string => sandbox.regionalEndpoint.replace('{region}', region);

	test('attack: a request signed for eu-west-1 sent to the us-west-2 endpoint is refused, not served as eu-west-1', async () => {
		const signer = new SignatureV4({service: 'sts', region: 'eu-west-1', credentials: sandbox.admin, sha256: Sha256});
		const path = '/region/us-west-2/';
		const body = 'Action=GetCallerIdentity&Version=2011-06-15';
		const signed = (await signer.sign({
			method: 'POST',
			protocol: 'http:',
			hostname: '127.0.0.1',
			port: sandbox.port,
			path,
			headers: {host: `127.0.0.1:${sandbox.port}`, 'content-type': form},
			body,
		})) as {headers: Record<string, string>};
		const answered = await send(signed.headers, body, path);
		expect(answered.status).toBe(403);
		expect(answered.text).toContain('<Code>SignatureDoesNotMatch</Code>');
		expect(answered.text).toContain('Credential should be scoped to a valid region, not &apos;eu-west-1&apos;.');
	});

	test('attack: a Bedrock Runtime client for eu-west-1 on the us-west-2 endpoint is InvalidSignatureException; on its own it works', async () => {
		const calls = sandbox.store.runtimeCalls().length;
		const wrong = new BedrockRuntimeClient({
			region: 'eu-west-1',
			endpoint: regional('us-west-2'),
			credentials: {...sandbox.admin},
			maxAttempts: 1,
		});
		const error = await rejection(wrong.send(converse));
		expect(error.name).toBe('InvalidSignatureException');
		expect(error.message).toBe("Credential should be scoped to a valid region, not 'eu-west-1'. ");
		expect(sandbox.store.runtimeCalls()).toHaveLength(calls);
		const right = new BedrockRuntimeClient({
			region: 'us-west-2',
			endpoint: regional('us-west-2'),
			credentials: {...sandbox.admin},
			maxAttempts: 1,
		});
		await right.send(converse);
	});

	test("attack: a short-term key made for us-east-1 used on the us-west-2 endpoint is refused, not served in the key's Region", async () => {
		const token = await getToken({credentials: keyUser, region: 'us-east-1'});
		const client = (region: string) =>
			new BedrockRuntimeClient({
				region,
				endpoint: regional(region),
				token: {token},
				authSchemePreference: ['httpBearerAuth'],
				maxAttempts: 1,
			});
		const calls = sandbox.store.runtimeCalls().length;
		const error = await rejection(client('us-west-2').send(converse));
		expect(error.name).toBe('InvalidSignatureException');
		expect(error.message).toContain("Credential should be scoped to a valid region, not 'us-east-1'.");
		expect(sandbox.store.runtimeCalls()).toHaveLength(calls);
		await client('us-east-1').send(converse);
		expect(sandbox.store.runtimeCalls().at(-1)).toMatchObject({outcome: 'ok'});
	});
});

describe('session tokens go with temporary credentials only', () => {
	test('attack: a long-term key (AKIA…) with a made-up X-Amz-Security-Token is InvalidClientTokenId (Query), UnrecognizedClientException (REST-JSON)', async () => {
		const withToken = {...sandbox.admin, sessionToken: 'FwoGZXIvYXdzEBogus'};
		expect(sandbox.admin.accessKeyId).toMatch(/^AKIA/);
		const stsError = await rejection(stsClient(sandbox, {credentials: withToken}).send(new GetCallerIdentityCommand({})));
		expect(stsError.name).toBe('InvalidClientTokenId');
		expect(stsError.message).toBe('The security token included in the request is invalid.');
		expect(stsError.$metadata?.httpStatusCode).toBe(403);
		expect((await rejection(iamClient(sandbox, {credentials: withToken}).send(new ListUsersCommand({})))).name).toBe('InvalidClientTokenId');
		const runtimeError = await rejection(runtimeClient(sandbox, {credentials: withToken}).send(converse));
		expect(runtimeError.name).toBe('UnrecognizedClientException');
		expect(runtimeError.message).toBe('The security token included in the request is invalid.');
	});

	test('attack: a presigned URL and a short-term key carrying a session token for a long-term key are refused', async () => {
		const query = await presignedSts({credentials: {...sandbox.admin, sessionToken: 'bogus'}});
		expect(query.get('X-Amz-Security-Token')).toBe('bogus');
		const answered = await answer(await fetch(`${sandbox.endpoint}/?${query}`));
		expect(answered.status).toBe(403);
		expect(answered.text).toContain('<Code>InvalidClientTokenId</Code>');
		const token = await shortTermKey({...keyUser, sessionToken: 'bogus'});
		expect((await rejection(bearerRuntimeClient(sandbox, token).send(converse))).name).toBe('UnrecognizedClientException');
	});
});
