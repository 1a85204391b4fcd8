/**
 * What the tool's own checks add to their User-Agent (aws/probes.ts), so CloudTrail's events of a seat's
 * key tell the tool's checks (`workshop status --verify`, create's proof) from the person's own calls
 * (flows/workshop/activity.ts).
 */
export const CHECK_USER_AGENT = 'bedrock-key-wizard-check';
