#!/usr/bin/env node
// The layer rule (docs/architecture.md, 'Layers'), checked on every import in source/.
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join, relative, dirname, resolve} from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', 'source');
const files = [];
const walk = (dir) => {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) walk(path);
		else if (/\.(ts|tsx)$/.test(name)) files.push(path);
	}
};
walk(root);

// layer -> layers it must not import
const forbidden = {
	core: ['aws', 'sandbox', 'flows', 'ui', 'prompts', 'cli', 'headless'],
	// aws/ implements the ports that flows/ defines (flows/ports.ts), and nothing else of flows/.
	aws: ['sandbox', 'ui', 'prompts', 'cli', 'headless'],
	sandbox: ['aws', 'flows', 'ui', 'prompts', 'cli', 'headless'],
	flows: ['aws', 'sandbox', 'ui', 'prompts', 'cli', 'headless'],
	ui: ['aws', 'sandbox', 'cli'],
	prompts: ['aws', 'sandbox', 'cli'],
	headless: ['aws', 'sandbox', 'cli'],
};
const corePackages = /^(node:|react|ink|@aws-sdk\/|@aws\/|@inquirer\/|commander|fs$|http$|child_process$)/;
const problems = [];
for (const file of files) {
	const layer = relative(root, file).split('/')[0];
	const text = readFileSync(file, 'utf8');
	// Real import statements only (line-initial), plus dynamic import(): not code quoted inside strings.
	const statements = [
		...text.matchAll(/^\s*(?:import|export)\b[^;'"`]*?(?:from\s*)?['"]([^'"]+)['"]/gm),
		...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
	];
	for (const match of statements) {
		const spec = match[1];
		if (spec.startsWith('.')) {
			const target = relative(root, resolve(dirname(file), spec)).split('/')[0];
			if (layer === 'aws' && target === 'flows' && !/\/ports\.js$/.test(spec))
				problems.push(`${relative(root, file)}: aws/ may only import flows/ports (${spec})`);
			if (forbidden[layer]?.includes(target)) problems.push(`${relative(root, file)}: ${layer}/ must not import ${target}/ (${spec})`);
		} else {
			if (layer === 'core' && corePackages.test(spec)) problems.push(`${relative(root, file)}: core/ must stay pure, but imports ${spec}`);
			if (spec.startsWith('@aws-sdk/') && layer !== 'aws') problems.push(`${relative(root, file)}: only aws/ may import ${spec}`);
		}
	}
	if (layer === 'core' && /^[^'"`\n]*\bprocess\./m.test(text)) problems.push(`${relative(root, file)}: core/ must not touch process`);
	// The process boundary has one owner (docs/architecture.md, 'The process boundary'): the command's environment
	// and its scope (signals, AbortSignal) are passed in from cli/.
	if (layer !== 'cli' && layer !== 'cli.tsx' && /^[^'"`\n]*\bprocess\.(env\b|on\(|once\()/m.test(text))
		problems.push(`${relative(root, file)}: only cli/ reads process.env or listens to process signals (pass the environment or the scope in)`);
}
// One error model at the ports (docs/architecture.md, 'One error model'): flows decide on the kind of an
// AwsFailure (core/aws-failure.ts), never on an AWS SDK exception's name, code or metadata, and never by
// reading AWS's message with a regex. Comments may name AWS's codes; code may not.
const awsErrorTells = [
	[/\b[A-Z]\w*Exception\b/, 'names an AWS SDK exception class'],
	[
		/\b(?:NoSuchEntity|EntityAlreadyExists|DeleteConflict|LimitExceeded|Throttling|ThrottledException|TooManyRequests|AccessDenied|ResourceNotFound|ValidationError|MalformedPolicyDocument|ConcurrentModification|InternalFailure|ServiceFailure|UnrecognizedClient|InvalidClientTokenId|ExpiredToken)\b/,
		"names an AWS error code (match on the AwsFailure's kind)",
	],
	[/\$(?:metadata|fault|retryable|response)\b/, "reads an SDK exception's metadata"],
	[
		/\b(?:error|err|e|cause|failure|reason)\)?\??\.(?:name|code)\b|\bas\s+(?:Error|\{[^}]*\bname\??:[^}]*\})\)\??\.name\b/,
		"reads an error's name or code (match on the AwsFailure's kind)",
	],
	[
		/\.(?:test|exec|match|search)\(\s*[^)]*\b(?:message|errorMessage|errorName)\b|\b(?:message|errorMessage|errorName)\s*\??\.\s*(?:match|search|replace|replaceAll|matchAll)\(/,
		"applies a regex to an error's message",
	],
];
const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
for (const file of files) {
	if (relative(root, file).split('/')[0] !== 'flows') continue;
	withoutComments(readFileSync(file, 'utf8'))
		.split('\n')
		.forEach((line, index) => {
			for (const [pattern, what] of awsErrorTells) {
				if (pattern.test(line)) problems.push(`${relative(root, file)}:${index + 1}: flows/ ${what}: ${line.trim()}`);
			}
		});
}
if (problems.length > 0) {
	console.error(problems.join('\n'));
	process.exit(1);
}
console.error(`layers ok (${files.length} files)`);
