/**
 * Walkthrough mode (`--explain`, `?` on any screen): what each step does in AWS and why, for people new
 * to AWS (an instructor may read it out on a projector). One short paragraph per line.
 */
export const explainEn = {
	heading: 'What is happening here',
	welcome: [
		'Everything this wizard does in AWS it does with your own credentials: the identity shown above. It needs permission to create IAM users and their keys.',
		'Nobody else gets those permissions: the key you make will belong to a separate IAM user that can only call the models you choose.',
	],
	signedOut: [
		"AWS tools find credentials in a fixed order: flags, environment variables, the profile in ~/.aws/config (including SSO and aws login), then the machine's role.",
		'Without credentials you can still follow along: guided console mode tells you what to click, and the sandbox is a local, pretend AWS for practice.',
	],
	guided: [
		'An IAM user is an identity inside your AWS account. The Bedrock console\'s "Generate API key" makes one just for the key, with a broad policy attached.',
		'Least privilege means the key can do exactly what it needs and nothing more: so we remove the broad policy and paste one that names only your models.',
		'The wizard only reads: it calls Bedrock with the key you paste, to prove the chosen models answer and another model is refused.',
	],
	region: [
		"A Region is a group of AWS data centres (us-west-2 is Oregon). Bedrock offers different models in different Regions, and a key's calls go to one Region.",
		'The number next to each Region is how many current models you could call from there.',
	],
	models: [
		'Least privilege: the policy will name exactly these models, so the key cannot call any other, even one added to Bedrock later.',
		'Some models are served only through an inference profile (marked "via profile"): one ID that routes each call to one of several Regions, its destination Regions. The policy must allow the profile and the model in each of those Regions; it writes them as one Region wildcard that only this profile can use, so it keeps working when AWS adds a Region.',
		'Legacy models still work for now but have an end date; third-party models may need a one-time AWS Marketplace subscription.',
	],
	key: [
		'An API key is a single secret string for Bedrock only: easy to paste into a tool, and it can expire. A long-term key is tied to an IAM user; a short-term key lasts at most 12 hours.',
		'An access key (ID + secret) signs requests with SigV4 and works with the AWS CLI and every SDK. It never expires on its own, so delete it when it is no longer needed.',
		"Each key belongs to an IAM user, and the user's policies decide what the key may do.",
	],
	review: [
		'This is the IAM policy the new user will get, before anything changes. Each statement is explained below it.',
		'The matrix is our own IAM evaluator playing each call the key will make: the chosen models must be allowed, and others denied.',
		'The explicit Deny is a guardrail: in IAM a Deny always wins, so a broad policy attached later cannot widen this key, on Bedrock Runtime or on the Mantle endpoint. It cannot reach work AWS does with a service role (agents, flows, batch jobs).',
	],
	apply: ['Now the wizard makes the changes in IAM, one by one, and remembers each. If anything fails, or you quit, it can undo exactly what it made.'],
	verify: [
		'IAM is eventually consistent: a new key and policy take a few seconds (rarely up to two minutes) to reach Bedrock everywhere, so early refusals are retried.',
		'A denial is the success we want for a forbidden model: it proves the policy really keeps the key away from it. We only try forbidden models after an allowed one worked, or a refusal would prove nothing.',
	],
	done: [
		'The key is in the .env file (readable only by you). Treat it like a password: never commit it or paste it into a chat.',
		'policy.json is what IAM holds; the report lists every check with its outcome, and never contains the secret.',
	],
	error: ['Nothing is left half-done: before the files are saved, whatever this run made is undone when a step fails, unless you asked to keep it.'],
};

export type ExplainMessages = typeof explainEn;
