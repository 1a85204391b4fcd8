/**
 * The one place SDK errors are read (aws/errors.ts): real SDK exception objects, as the clients throw
 * them, become AwsFailures of one kind with AWS's code, message and request id; and a real client, its
 * errors translated, throws nothing else.
 */
import {AccessDeniedException, ThrottlingException, ValidationException} from '@aws-sdk/client-bedrock';
import {
	DeleteConflictException,
	EntityAlreadyExistsException,
	GetUserCommand,
	IAMServiceException,
	LimitExceededException,
	MalformedPolicyDocumentException,
	NoSuchEntityException,
	ServiceFailureException,
} from '@aws-sdk/client-iam';
import {ExpiredTokenException} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {classifyAwsError, refusal, toAwsFailure, translateErrors} from '../../source/aws/errors.js';
import {whoRefused} from '../../source/core/aws-failure.js';
import {AwsFailure, describeFailure, failureProblem, isAwsFailure} from '../../source/core/aws-failure.js';
import {ja} from '../../source/core/i18n/ja.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient, startTestSandbox} from '../helpers/sandbox.js';

const meta = (httpStatusCode: number) => ({$metadata: {httpStatusCode, requestId: 'req-1234'}});
const denial = (ending: string) =>
	`User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/bob ${ending}`;

describe('toAwsFailure: the kind of each SDK exception', () => {
	const cases: Array<[string, unknown, AwsFailure['kind']]> = [
		['NoSuchEntity', new NoSuchEntityException({message: 'The user with name bob cannot be found.', ...meta(404)}), 'not-found'],
		['EntityAlreadyExists', new EntityAlreadyExistsException({message: 'User with name bob already exists.', ...meta(409)}), 'conflict'],
		['DeleteConflict', new DeleteConflictException({message: 'Cannot delete entity, must delete access keys first.', ...meta(409)}), 'conflict'],
		[
			'LimitExceeded (a quota, not throttling)',
			new LimitExceededException({message: 'Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2', ...meta(409)}),
			'limit-exceeded',
		],
		['MalformedPolicyDocument', new MalformedPolicyDocumentException({message: 'Syntax errors in policy.', ...meta(400)}), 'invalid'],
		['ValidationException', new ValidationException({message: 'The provided model identifier is invalid.', ...meta(400)}), 'invalid'],
		['ServiceFailure (500): the call may have happened', new ServiceFailureException({message: 'Internal failure.', ...meta(500)}), 'ambiguous'],
		[
			'AccessDeniedException',
			new AccessDeniedException({message: denial('because no identity-based policy allows the iam:CreateUser action'), ...meta(403)}),
			'refused',
		],
		['ThrottlingException', new ThrottlingException({message: 'Too many requests.', ...meta(429)}), 'throttled'],
		["IAM's Throttling (HTTP 400)", new IAMServiceException({name: 'Throttling', $fault: 'client', message: 'Rate exceeded', ...meta(400)}), 'throttled'],
		['a dropped connection', Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'}), 'ambiguous'],
		['a timeout', Object.assign(new Error('Connection timed out after 1000 ms'), {name: 'TimeoutError'}), 'ambiguous'],
		['an unknown 4xx', new IAMServiceException({name: 'SomethingNewException', $fault: 'client', message: 'new', ...meta(400)}), 'other'],
	];
	for (const [name, error, kind] of cases) {
		it(`${name} → ${kind}`, () => {
			const failure = toAwsFailure(error, 'iam:CreateUser');
			expect(failure).toBeInstanceOf(AwsFailure);
			expect(failure.kind).toBe(kind);
			expect(failure.operation).toBe('iam:CreateUser');
			expect(failure.message).toBe((error as Error).message);
			expect(failure.cause).toBe(error);
		});
	}

	it("carries AWS's code, message, HTTP status and request id", () => {
		const failure = toAwsFailure(new LimitExceededException({message: 'Cannot exceed quota: 2', ...meta(409)}), 'iam:CreateServiceSpecificCredential');
		expect({...failure, message: failure.message}).toMatchObject({
			kind: 'limit-exceeded',
			operation: 'iam:CreateServiceSpecificCredential',
			code: 'LimitExceededException',
			message: 'Cannot exceed quota: 2',
			httpStatus: 409,
			requestId: 'req-1234',
		});
		expect(describeFailure(failure)).toBe('LimitExceededException: Cannot exceed quota: 2');
	});

	it('a network failure keeps its Node code', () => {
		const failure = toAwsFailure(Object.assign(new Error('read ECONNRESET'), {code: 'ECONNRESET'}), 'iam:GetUser');
		expect(failure).toMatchObject({kind: 'ambiguous', networkCode: 'ECONNRESET', code: 'Error'});
		expect(failure.httpStatus).toBeUndefined();
	});

	it('an AwsFailure stays as it is', () => {
		const failure = toAwsFailure(new NoSuchEntityException({message: 'gone', ...meta(404)}), 'iam:GetUser');
		expect(toAwsFailure(failure, 'iam:Other')).toBe(failure);
	});

	it('credentials: none, rejected, or a clock too far off', () => {
		const none = toAwsFailure(
			Object.assign(new Error('Could not load credentials from any providers'), {name: 'CredentialsProviderError'}),
			'sts:GetCallerIdentity',
		);
		expect(none).toMatchObject({kind: 'unauthenticated', credentials: 'missing'});
		const expired = toAwsFailure(
			new ExpiredTokenException({message: 'The security token included in the request is expired', ...meta(403)}),
			'sts:GetCallerIdentity',
		);
		expect(expired).toMatchObject({kind: 'unauthenticated', credentials: 'rejected'});
		const skewed = toAwsFailure(
			new IAMServiceException({
				name: 'SignatureDoesNotMatch',
				$fault: 'client',
				message: 'Signature expired: 20260101T000000Z is now earlier than …',
				...meta(403),
			}),
			'sts:GetCallerIdentity',
		);
		expect(skewed).toMatchObject({kind: 'unauthenticated', credentials: 'clock-skew'});
	});

	it('the gate and the retry rules read the same classification', () => {
		expect(classifyAwsError(new ThrottlingException({message: 'slow down', ...meta(429)})).kind).toBe('throttled');
		expect(classifyAwsError(new LimitExceededException({message: 'quota', ...meta(409)})).kind).toBe('limit-exceeded');
	});
});

describe('who refused', () => {
	const cases: Array<[string, ReturnType<typeof whoRefused>]> = [
		['because no identity-based policy allows the iam:CreateUser action', {refusedBy: 'identity-policy', explicitDeny: false}],
		['with an explicit deny in an identity-based policy', {refusedBy: 'identity-policy', explicitDeny: true}],
		['with an explicit deny in a service control policy', {refusedBy: 'service-control-policy', explicitDeny: true}],
		['because no service control policy allows the iam:CreateUser action', {refusedBy: 'service-control-policy', explicitDeny: false}],
		['with an explicit deny in a resource control policy', {refusedBy: 'resource-control-policy', explicitDeny: true}],
		['because no permissions boundary allows the iam:CreateUser action', {refusedBy: 'permissions-boundary', explicitDeny: false}],
		['with an explicit deny in a permissions boundary', {refusedBy: 'permissions-boundary', explicitDeny: true}],
		['because no session policy allows the iam:CreateUser action', {refusedBy: 'session-policy', explicitDeny: false}],
		['with an explicit deny in a VPC endpoint policy', {refusedBy: 'vpc-endpoint-policy', explicitDeny: true}],
		['due to an explicit deny in a Service Control Policy', {refusedBy: 'service-control-policy', explicitDeny: true}],
	];
	for (const [ending, expected] of cases) {
		it(`"… ${ending}"`, () => {
			const failure = toAwsFailure(new AccessDeniedException({message: denial(ending), ...meta(403)}), 'iam:CreateUser');
			expect(failure.kind).toBe('refused');
			expect({refusedBy: failure.refusedBy, explicitDeny: failure.explicitDeny}).toEqual(expected);
		});
	}

	it('a refusal that names no policy says nothing about who', () => {
		const failure = toAwsFailure(new AccessDeniedException({message: 'Access denied', ...meta(403)}), 'bedrock:ListFoundationModels');
		expect(failure.kind).toBe('refused');
		expect(failure.refusedBy).toBeUndefined();
	});
});

describe('failureProblem: exit 3 in AWS words', () => {
	it('a refusal names the call and asks for the permission', () => {
		const problem = failureProblem(
			toAwsFailure(new AccessDeniedException({message: denial('because no identity-based policy allows it'), ...meta(403)}), 'iam:CreateUser'),
		);
		expect(problem.kind).toBe('aws-refused');
		expect(problem.message).toMatch(/^AWS refused iam:CreateUser: AccessDeniedException: User: /);
		expect(problem.fix).toMatch(/Ask an administrator/);
	});

	it("a guardrail above the caller's policies is said as such: a boundary, an SCP, a session policy (explicit or not)", () => {
		const fixOf = (ending: string) =>
			failureProblem(toAwsFailure(new AccessDeniedException({message: denial(ending), ...meta(403)}), 'iam:CreateUser')).fix ?? '';
		expect(fixOf('because no permissions boundary allows the iam:CreateUser action')).toMatch(/permissions boundary on your user does not allow it/);
		expect(fixOf('with an explicit deny in a permissions boundary')).toMatch(/A Deny in the permissions boundary on your user/);
		expect(fixOf('with an explicit deny in a service control policy')).toMatch(/^A Deny in a service control policy of your organisation refused it/);
		expect(fixOf('because no service control policy allows the iam:CreateUser action')).toMatch(/^No service control policy of your organisation allows it/);
		expect(fixOf('because no session policy allows the iam:CreateUser action')).toMatch(/session policy your credentials were issued with/);
		// The caller's own policy: the usual advice.
		expect(fixOf('with an explicit deny in an identity-based policy')).toMatch(/Ask an administrator/);
		const inJapanese = failureProblem(
			toAwsFailure(
				new AccessDeniedException({message: denial('because no permissions boundary allows the iam:CreateUser action'), ...meta(403)}),
				'iam:CreateUser',
			),
		).textIn(ja);
		expect(inJapanese.fix).toBe(ja.problems.aws.guardrailFix('permissions-boundary', false));
	});

	it('a quota is not a permission: no administrator is sent for', () => {
		const problem = failureProblem(toAwsFailure(new LimitExceededException({message: 'quota', ...meta(409)}), 'iam:CreateAccessKey'));
		expect(problem.message).toBe('AWS refused iam:CreateAccessKey: LimitExceededException: quota');
		expect(problem.fix).not.toMatch(/administrator/);
	});

	it("a server error is on AWS's side", () => {
		const problem = failureProblem(toAwsFailure(new ServiceFailureException({message: 'boom', ...meta(500)}), 'iam:ListUsers'));
		expect(problem.message).toBe('AWS failed iam:ListUsers with a server error: ServiceFailureException: boom');
		expect(problem.fix).toMatch(/on AWS's side/);
	});

	it('an SDK error that reached the CLI untranslated names no single call', () => {
		expect(refusal(new ServiceFailureException({message: 'boom', ...meta(500)})).message).toBe(
			'AWS failed a call this command needed with a server error: ServiceFailureException: boom',
		);
	});

	it('in Japanese, with the same facts', () => {
		const problem = failureProblem(toAwsFailure(new LimitExceededException({message: 'quota', ...meta(409)}), 'iam:CreateAccessKey'));
		const said = problem.textIn(ja);
		expect(said.message).toBe(ja.problems.aws.refused('iam:CreateAccessKey', 'LimitExceededException', 'quota', ja.problems.aws.fixTheCause)[0]);
		expect(said.message).not.toBe(problem.message);
		expect(said.fix).toBe(ja.problems.aws.fixTheCause);
	});

	it('no credentials at all', () => {
		const problem = failureProblem(
			toAwsFailure(Object.assign(new Error('Could not load credentials from any providers'), {name: 'CredentialsProviderError'}), 'sts:GetCallerIdentity'),
		);
		expect(problem.message).toMatch(/No AWS credentials were found/);
	});
});

describe('a client with translated errors', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	it('throws AwsFailure, named by the call, with the request id AWS sent', async () => {
		const iam = iamClient(sandbox);
		translateErrors(iam, 'iam');
		const error = await iam.send(new GetUserCommand({UserName: 'nobody-here'})).catch((caught: unknown) => caught);
		expect(isAwsFailure(error, 'not-found')).toBe(true);
		expect(error).toMatchObject({operation: 'iam:GetUser', code: 'NoSuchEntityException', httpStatus: 404});
		expect((error as AwsFailure).requestId).toEqual(expect.any(String));
		iam.destroy();
	});
});
