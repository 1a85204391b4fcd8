/**
 * What AWS accepts, checked before asking it, so a typo is a usage error naming the flag rather than a
 * refusal half-way through a run. Each is an AWS fact with its source in docs/aws-facts.md.
 */

/** IAM user names: letters, digits and + = , . @ _ -, 1 to 64 characters ('IAM names and limits'). */
const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;
export const isIamUserName = (name: string): boolean => IAM_USER_NAME.test(name);

/** A long-term API key's `CredentialAgeDays`: whole days from 1 to 36600 ('API keys'). */
export const API_KEY_AGE_DAYS = {min: 1, max: 36600} as const;
export const isApiKeyAgeDays = (days: number): boolean => Number.isInteger(days) && days >= API_KEY_AGE_DAYS.min && days <= API_KEY_AGE_DAYS.max;

/** Short-term API keys last at most 12 hours ('API keys'). */
export const SHORT_TERM_KEY_MAX_SECONDS = 12 * 60 * 60;

/** A Region name has AWS's shape (us-west-2, ap-southeast-7, us-gov-west-1, us-isob-east-1); anything else is a typo. */
const REGION_NAME = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/;
export const isRegionName = (region: string): boolean => REGION_NAME.test(region);
