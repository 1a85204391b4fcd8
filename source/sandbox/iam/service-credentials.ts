/**
 * Service-specific credentials: for `bedrock.amazonaws.com` these are long-term Bedrock API keys.
 * At most 2 per user per service; `CredentialAgeDays` (1..36600) sets an ExpirationDate; the secret
 * (`ServiceCredentialSecret`) is shown only by Create and Reset, as AWS does.
 */
import {AwsServiceError} from '../contracts.js';
import {XmlMembers, type XmlFields} from '../protocols/query-xml.js';
import {newBedrockApiKey, newServiceCredentialId} from '../state/ids.js';
import type {AccountData, ServiceCredentialRecord} from '../state/model.js';
import {readStatus} from './access-keys.js';
import {existingUser, page, requireAllowed, targetUserName, userResource, type QueryAction, type QueryCall} from './common.js';

const bedrockService = 'bedrock.amazonaws.com';
export const credentialsPerUserPerService = 2;
const dayMs = 24 * 60 * 60 * 1000;

/** A non-secret handle on the key, like the masked value AWS shows in lists. */
const aliasOf = (secret: string): string => `${secret.slice(0, 4)}...${secret.slice(-4)}`;

/** IAM lists a Bedrock API key past its ExpirationDate as `Expired` (StatusType: Active | Inactive | Expired). */
function statusAt(credential: ServiceCredentialRecord, now: Date): string {
	return credential.expirationDate !== undefined && Date.parse(credential.expirationDate) <= now.getTime() ? 'Expired' : credential.status;
}

function metadataXml(credential: ServiceCredentialRecord, now: Date): XmlFields {
	return {
		UserName: credential.userName,
		Status: statusAt(credential, now),
		CreateDate: new Date(credential.createDate),
		ServiceSpecificCredentialId: credential.id,
		ServiceName: credential.serviceName,
		ServiceUserName: credential.serviceUserName,
		ServiceCredentialAlias: credential.alias,
		ExpirationDate: credential.expirationDate ? new Date(credential.expirationDate) : undefined,
	};
}

const withSecretXml = (credential: ServiceCredentialRecord, now: Date): XmlFields => ({
	...metadataXml(credential, now),
	ServiceCredentialSecret: credential.secret,
});

function existingCredential(data: AccountData, call: QueryCall, userName: string): ServiceCredentialRecord {
	const id = call.input.required('ServiceSpecificCredentialId');
	const credential = data.serviceCredentials.find((candidate) => candidate.id === id && candidate.userName === userName);
	if (!credential) throw new AwsServiceError('NoSuchEntity', `No such credential ${id} exists`, 404);
	return credential;
}

const createCredential: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	const serviceName = call.input.required('ServiceName');
	const ageDays = call.input.integer('CredentialAgeDays', 1, 36600);
	const context = {
		'iam:ServiceSpecificCredentialServiceName': serviceName,
		...(ageDays === undefined ? {} : {'iam:ServiceSpecificCredentialAgeDays': String(ageDays)}),
	};
	const decision = call.context.authorize('iam:CreateServiceSpecificCredential', userResource(call, userName), context);
	if (!decision.allowed) throw new AwsServiceError('AccessDenied', decision.message ?? 'Access denied', 403);
	if (serviceName !== bedrockService) {
		// The sandbox only runs Bedrock; other services (CodeCommit, Keyspaces) would need their own servers.
		throw new AwsServiceError('NotSupportedService', `No such service ${serviceName} is supported for Service-Specific Credentials`, 404);
	}
	const credential = call.state.mutate((data) => {
		existingUser(data, userName);
		const count = data.serviceCredentials.filter((candidate) => candidate.userName === userName && candidate.serviceName === serviceName).length;
		if (count >= credentialsPerUserPerService) {
			throw new AwsServiceError('LimitExceeded', `Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${credentialsPerUserPerService}`, 409);
		}
		const secret = newBedrockApiKey(userName, data.accountId);
		const created: ServiceCredentialRecord = {
			id: newServiceCredentialId(),
			userName,
			serviceName,
			serviceUserName: `${userName}-at-${data.accountId}`,
			secret,
			alias: aliasOf(secret),
			status: 'Active',
			createDate: call.context.now.toISOString(),
			...(ageDays === undefined ? {} : {expirationDate: new Date(call.context.now.getTime() + ageDays * dayMs).toISOString()}),
		};
		data.serviceCredentials.push(created);
		return created;
	});
	return {ServiceSpecificCredential: withSecretXml(credential, call.context.now)};
};

const listCredentials: QueryAction = (call) => {
	const allUsers = call.input.boolean('AllUsers') === true;
	const serviceName = call.input.optional('ServiceName');
	const view = call.state.live();
	let userName: string | undefined;
	if (allUsers) {
		if (call.input.optional('UserName') !== undefined) throw new AwsServiceError('InvalidInput', 'UserName and AllUsers cannot both be specified.', 400);
		requireAllowed(call, 'iam:ListServiceSpecificCredentials', `arn:aws:iam::${call.state.accountId}:user/*`);
	} else {
		userName = targetUserName(call);
		requireAllowed(call, 'iam:ListServiceSpecificCredentials', userResource(call, userName));
		existingUser(view.data, userName);
	}
	const matching = view.data.serviceCredentials.filter(
		(credential) => (userName === undefined || credential.userName === userName) && (serviceName === undefined || credential.serviceName === serviceName),
	);
	const {items, fields} = page(call, matching);
	return {ServiceSpecificCredentials: new XmlMembers(items.map((credential) => metadataXml(credential, call.context.now))), ...fields};
};

const updateCredential: QueryAction = (call) => {
	const userName = targetUserName(call);
	const status = readStatus(call);
	requireAllowed(call, 'iam:UpdateServiceSpecificCredential', userResource(call, userName));
	call.state.mutate((data) => {
		existingCredential(data, call, userName).status = status;
	});
	return undefined;
};

const resetCredential: QueryAction = (call) => {
	const userName = targetUserName(call);
	requireAllowed(call, 'iam:ResetServiceSpecificCredential', userResource(call, userName));
	const credential = call.state.mutate((data) => {
		const found = existingCredential(data, call, userName);
		found.secret = newBedrockApiKey(userName, data.accountId);
		found.alias = aliasOf(found.secret);
		return {...found};
	});
	return {ServiceSpecificCredential: withSecretXml(credential, call.context.now)};
};

const deleteCredential: QueryAction = (call) => {
	const userName = targetUserName(call);
	requireAllowed(call, 'iam:DeleteServiceSpecificCredential', userResource(call, userName));
	call.state.mutate((data) => {
		const found = existingCredential(data, call, userName);
		data.serviceCredentials = data.serviceCredentials.filter((candidate) => candidate !== found);
	});
	return undefined;
};

export const serviceCredentialActions: Readonly<Record<string, QueryAction>> = {
	CreateServiceSpecificCredential: createCredential,
	ListServiceSpecificCredentials: listCredentials,
	UpdateServiceSpecificCredential: updateCredential,
	ResetServiceSpecificCredential: resetCredential,
	DeleteServiceSpecificCredential: deleteCredential,
};
