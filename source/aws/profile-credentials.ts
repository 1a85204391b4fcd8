/**
 * A named profile's credentials, read from the files the command's environment names (so tests and
 * the in-process CLI never depend on the developer's ~/.aws). Used for the key user's own profile
 * (`check --profile`) and the admin's (`check --admin-profile`).
 */
import type {AwsCredentialIdentity} from '@aws-sdk/types';
import {fromIni} from '@aws-sdk/credential-providers';
import {Problem} from '../core/problem.js';

export async function profileCredentials(profile: string, env: Readonly<Record<string, string | undefined>>): Promise<AwsCredentialIdentity> {
	try {
		return await fromIni({
			profile,
			ignoreCache: true,
			...(env['AWS_SHARED_CREDENTIALS_FILE'] ? {filepath: env['AWS_SHARED_CREDENTIALS_FILE']} : {}),
			...(env['AWS_CONFIG_FILE'] ? {configFilepath: env['AWS_CONFIG_FILE']} : {}),
		})();
	} catch (error) {
		const {message} = error as Error;
		throw new Problem('usage', (m) => m.problems.aws.profileNoCredentials(profile, message), {cause: error});
	}
}
