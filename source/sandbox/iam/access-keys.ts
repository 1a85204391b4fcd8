/** IAM access keys: at most 2 per user (AWS's AccessKeysPerUser quota), Active/Inactive, deletable. */
import {AwsServiceError} from '../contracts.js';
import {XmlMembers} from '../protocols/query-xml.js';
import {newAccessKeyId, newSecretAccessKey} from '../state/ids.js';
import type {AccessKeyRecord, AccountData, KeyStatus} from '../state/model.js';
import {existingUser, page, requireAllowed, targetUserName, userResource, type QueryAction, type QueryCall} from './common.js';

export const accessKeysPerUser = 2;

export function readStatus(call: QueryCall): KeyStatus {
	const status = call.input.required('Status');
	if (status !== 'Active' && status !== 'Inactive') {
		throw new AwsServiceError(
			'ValidationError',
			`1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
			400,
		);
	}
	return status;
}

function existingKey(data: AccountData, userName: string, accessKeyId: string): AccessKeyRecord {
	const key = data.accessKeys.find((candidate) => candidate.accessKeyId === accessKeyId && candidate.userName === userName);
	if (!key) throw new AwsServiceError('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`, 404);
	return key;
}

const createAccessKey: QueryAction = (call) => {
	const userName = targetUserName(call);
	requireAllowed(call, 'iam:CreateAccessKey', userResource(call, userName));
	const key = call.state.mutate((data) => {
		existingUser(data, userName);
		if (data.accessKeys.filter((candidate) => candidate.userName === userName).length >= accessKeysPerUser) {
			throw new AwsServiceError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${accessKeysPerUser}`, 409);
		}
		const created: AccessKeyRecord = {
			accessKeyId: newAccessKeyId(),
			secretAccessKey: newSecretAccessKey(),
			userName,
			status: 'Active',
			createDate: call.context.now.toISOString(),
		};
		data.accessKeys.push(created);
		return created;
	});
	return {
		AccessKey: {
			UserName: key.userName,
			AccessKeyId: key.accessKeyId,
			Status: key.status,
			SecretAccessKey: key.secretAccessKey,
			CreateDate: new Date(key.createDate),
		},
	};
};

const listAccessKeys: QueryAction = (call) => {
	const userName = targetUserName(call);
	requireAllowed(call, 'iam:ListAccessKeys', userResource(call, userName));
	const view = call.state.live();
	existingUser(view.data, userName);
	const {items, fields} = page(
		call,
		view.data.accessKeys.filter((key) => key.userName === userName),
	);
	return {
		AccessKeyMetadata: new XmlMembers(
			items.map((key) => ({UserName: key.userName, AccessKeyId: key.accessKeyId, Status: key.status, CreateDate: new Date(key.createDate)})),
		),
		...fields,
	};
};

const updateAccessKey: QueryAction = (call) => {
	const userName = targetUserName(call);
	const accessKeyId = call.input.required('AccessKeyId');
	const status = readStatus(call);
	requireAllowed(call, 'iam:UpdateAccessKey', userResource(call, userName));
	call.state.mutate((data) => {
		existingKey(data, userName, accessKeyId).status = status;
	});
	return undefined;
};

const deleteAccessKey: QueryAction = (call) => {
	const userName = targetUserName(call);
	const accessKeyId = call.input.required('AccessKeyId');
	requireAllowed(call, 'iam:DeleteAccessKey', userResource(call, userName));
	call.state.mutate((data) => {
		const key = existingKey(data, userName, accessKeyId);
		data.accessKeys = data.accessKeys.filter((candidate) => candidate !== key);
	});
	return undefined;
};

export const accessKeyActions: Readonly<Record<string, QueryAction>> = {
	CreateAccessKey: createAccessKey,
	ListAccessKeys: listAccessKeys,
	UpdateAccessKey: updateAccessKey,
	DeleteAccessKey: deleteAccessKey,
};
