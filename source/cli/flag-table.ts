/**
 * The flags of the program (the global ones) and of `policy`, as data: cli/program.ts makes commander's
 * options from them, and `policy`'s quick start (cli/policy-quick.ts) reads argv with the same table, so
 * both read the same flags, with the same defaults, choices and lists. This file must not import
 * commander: `policy` starts without it (docs/contributing.md, 'The build').
 */
export interface FlagSpec {
	/** As commander takes them: `--models <ids>` takes a value, `--json` is a switch, `--no-guardrail` turns a default-on switch off. */
	readonly flags: `--${string}`;
	/** The line in --help (commander's descriptions are English, as all of --help). */
	readonly description: string;
	readonly choices?: readonly string[];
	readonly default?: string | boolean;
	/** Comma-separated and repeatable: every occurrence adds to the list (`list`). */
	readonly list?: true;
	/** A run without it is a usage error (commander's "required option"). */
	readonly mandatory?: true;
}

/** A comma-separated, repeatable flag's value, added to what earlier occurrences gave. */
export const list = (value: string, previous: string[] | undefined): string[] => [
	...(previous ?? []),
	...value
		.split(',')
		.map((item) => item.trim())
		.filter(Boolean),
];

/** The flags every command takes (cli/global-options.ts); each command's --help shows those it reads. */
export const globalFlags: readonly FlagSpec[] = [
	{flags: '--region <region>', description: 'AWS Region (default: from the profile or AWS_REGION)'},
	{flags: '--profile <name>', description: 'AWS profile for your (admin) credentials'},
	{flags: '--endpoint-url <url>', description: 'send every AWS call to this endpoint, like the AWS CLI'},
	{flags: '--sandbox', description: 'start the built-in local AWS and use it', default: false},
	{flags: '--lang <lang>', description: 'language of messages', choices: ['en', 'ja']},
	{flags: '--json', description: 'machine-readable output on stdout, logs on stderr', default: false},
	{flags: '--no-input', description: 'never prompt; a missing answer is an error naming the flag'},
	{flags: '--plain', description: 'line-by-line prompts instead of the full-screen interface', default: false},
	{flags: '--yes', description: 'answer yes to confirmations', default: false},
	{flags: '--debug', description: 'show stack traces and AWS request ids', default: false},
	{flags: '--explain', description: 'walkthrough mode: each screen opens with what it does in AWS and why (? toggles it)', default: false},
];

export const policyDescription = 'print the least-privilege IAM policy for the chosen models (changes nothing)';

/** `policy`'s own flags, read by cli/commands/policy.ts (policyOptions). */
export const policyFlags: readonly FlagSpec[] = [
	{flags: '--models <ids>', description: 'foundation model ids or inference profile ids, comma-separated', list: true, mandatory: true},
	{flags: '--account <id>', description: 'AWS account id (needed for inference profile ARNs)'},
	{flags: '--auth <mode>', description: 'how the key will authenticate', choices: ['api-key', 'access-key', 'both'], default: 'api-key'},
	{flags: '--no-guardrail', description: 'leave out the explicit Deny of every other model'},
	{flags: '--no-streaming', description: 'do not allow the streaming APIs'},
	{flags: '--expires <time>', description: 'deny every call after this ISO 8601 time (aws:CurrentTime)'},
	{
		flags: '--policy-type <type>',
		description: 'inline user policy (2,048 characters), customer managed policy (6,144; several when one is not enough), or auto: inline when it fits',
		choices: ['auto', 'inline', 'managed'],
		default: 'auto',
	},
	{
		flags: '--destinations <form>',
		description:
			"a profile's destination models: one Region wildcard scoped to the profile (keeps working when AWS adds a Region), or each Region's ARN as listed today",
		choices: ['any-region', 'exact'],
		default: 'any-region',
	},
	{flags: '--format <format>', description: 'output format', choices: ['json', 'text', 'terraform', 'cloudformation'], default: 'json'},
	{flags: '--user-name <name>', description: 'IAM user named in the terraform/cloudformation output (default: a variable/parameter)'},
];

/** How a flag is read: its name in argv, the key of its value (commander's attribute name) and whether it takes a value. */
export interface FlagShape {
	/** `--policy-type`, `--no-guardrail`. */
	readonly name: string;
	/** `policyType`, `guardrail` (a `--no-` switch sets the key without `no-` to false), as commander names it. */
	readonly key: string;
	readonly takesValue: boolean;
	readonly negated: boolean;
}

export function shapeOf(spec: FlagSpec): FlagShape {
	const [name = '', value] = spec.flags.split(' ');
	const negated = name.startsWith('--no-');
	const words = name.slice(negated ? 5 : 2).split('-');
	const key = words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
	return {name, key, takesValue: value !== undefined, negated};
}

/** A flag's value before argv says anything (commander's rule: a `--no-` switch without a default is on). */
export const defaultOf = (spec: FlagSpec): string | boolean | undefined => spec.default ?? (shapeOf(spec).negated ? true : undefined);
