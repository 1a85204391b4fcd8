/** ARNs of the Bedrock resources our policies name (formats from the Bedrock service authorization reference). */

export const foundationModelArn = (region: string, modelId: string): string => `arn:aws:bedrock:${region}::foundation-model/${modelId}`;

/** A `global.` profile also needs the model ARN with no region. */
export const regionlessFoundationModelArn = (modelId: string): string => `arn:aws:bedrock:::foundation-model/${modelId}`;

export const inferenceProfileArn = (region: string, accountId: string, profileId: string): string =>
	`arn:aws:bedrock:${region}:${accountId}:inference-profile/${profileId}`;

export const iamUserArn = (accountId: string, userName: string, path = '/'): string => `arn:aws:iam::${accountId}:user${path}${userName}`;

/** An IAM role's ARN: the path (with its slashes) comes before the name. */
export const iamRoleArn = (accountId: string, roleName: string, path = '/'): string => `arn:aws:iam::${accountId}:role${path}${roleName}`;

export const isApplicationInferenceProfileArn = (value: string): boolean =>
	/^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:application-inference-profile\/[a-z0-9]+$/.test(value);

export const isAccountId = (value: string): boolean => /^\d{12}$/.test(value);

/** A customer managed policy's ARN: the path (with its slashes) comes before the name. */
export const customerPolicyArn = (accountId: string, path: string, name: string): string => `arn:aws:iam::${accountId}:policy${path}${name}`;
