import {getToken} from '@aws/bedrock-token-generator';
import {Secret} from '../core/secret.js';
import type {ShortTermKeyPort} from '../flows/ports.js';

/** Made locally (a presigned CallWithBearerToken URL); it carries the permissions of the access key that signs it. */
export const shortTermKeyPort: ShortTermKeyPort = {
	async mint(accessKeyId, secretAccessKey, region, expiresInSeconds) {
		const token = await getToken({credentials: {accessKeyId, secretAccessKey: secretAccessKey.reveal()}, region, expiresInSeconds});
		return new Secret(token);
	},
};
