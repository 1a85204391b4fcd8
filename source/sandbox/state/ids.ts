/**
 * Identifiers shaped like AWS's, so code that validates them (regexes, UI masks) meets real shapes;
 * secrets are shaped to be recognisably sandbox-made, so one can never be mistaken for a real key.
 */
import {randomBytes, randomUUID} from 'node:crypto';

const upperAlnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const mixedAlnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, length: number): string {
	const bytes = randomBytes(length);
	let out = '';
	for (const byte of bytes) out += alphabet[byte % alphabet.length];
	return out;
}

/** `AKIA` + 16: the shape of a long-term IAM access key id. */
export const newAccessKeyId = (): string => `AKIA${randomFrom(upperAlnum, 16)}`;
/** 40 characters like a real secret, but starting with `sandbox` so nobody mistakes it for AWS's. */
export const newSecretAccessKey = (): string => `sandboxSecret${randomFrom(mixedAlnum, 27)}`;
/** `AIDA` + 17: the unique id of an IAM user. */
export const newUserId = (): string => `AIDA${randomFrom(upperAlnum, 17)}`;
/** `ACCA` + 17: the id of a service-specific credential. */
export const newServiceCredentialId = (): string => `ACCA${randomFrom(upperAlnum, 17)}`;
/** `ANPA` + 17: the id of a managed policy. */
export const newPolicyId = (): string => `ANPA${randomFrom(upperAlnum, 17)}`;
/** `AROA` + 17: the unique id of an IAM role. */
export const newRoleId = (): string => `AROA${randomFrom(upperAlnum, 17)}`;
export const newRequestId = (): string => randomUUID();

/**
 * A long-term Bedrock API key: `ABSK` + base64 (the observed shape), whose decoded text says it is a
 * sandbox key and names the credential it belongs to.
 */
export const newBedrockApiKey = (userName: string, accountId: string): string =>
	`ABSK${Buffer.from(`BedrockAPIKey-sandbox-${userName}-at-${accountId}:${randomFrom(mixedAlnum, 40)}`, 'utf8').toString('base64')}`;
