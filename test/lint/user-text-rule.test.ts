/**
 * The lint rule that keeps words for the user in the catalogs (scripts/eslint-user-text.mjs): what it
 * rejects and what it lets through, case by case.
 */
import {RuleTester} from 'eslint';
import tseslint from 'typescript-eslint';
import {describe, it} from 'vitest';
// @ts-expect-error: a plain JavaScript module of the lint setup, without types.
import rule from '../../scripts/eslint-user-text.mjs';

RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({languageOptions: {parser: tseslint.parser, parserOptions: {ecmaFeatures: {jsx: true}}}});
const literal = [{messageId: 'literal'}];

tester.run('no-literal-user-text', rule, {
	valid: [
		"new Problem('usage', (m) => m.problems.flags.noRegion());",
		"new Problem('usage', ...messages.check.keyOnArgv);",
		'log(`! ${notice}`);',
		'log(`  - ${t.key(key)}`);',
		"io.stderr.write('\\n');",
		"log(messages.check.missingFlags(['--region']).join(' '));",
		"dispatch({type: 'NOTICE', notice: messages.run.notice.rootUser});",
		'prompts.text(messages.questions.region.prompt, {validate: (value) => (ok(value) ? true : messages.questions.region.invalid)});',
		'<Text>{t.title}</Text>;',
		'<Text> </Text>;',
		'<Box flexDirection="column"><Text color="red">{\'✗ \'}</Text></Box>;',
		"throw new Error('Nothing to ask at step');",
		"if (status === 'waiting for answer') log(line);",
		"log(`${flag === '--port' ? '4566' : '3000'}`);",
	],
	invalid: [
		{code: "new Problem('usage', 'No Region was given.', 'Pass --region.');", errors: [...literal, ...literal]},
		{code: "new Problem('cancelled', 'Cancelled.');", errors: literal},
		{code: 'usageProblem(`--seats ${value} is wrong`);', errors: literal},
		{code: 'class TooLarge extends Problem { constructor() { super("usage", "Too large a policy."); } }', errors: literal},
		{code: 'io.stderr.write(`Sandbox stopped (${signal}).\\n`);', errors: literal},
		{code: 'run.log(`• Sandbox: ${endpoint}; nothing here touches real AWS.`);', errors: literal},
		{code: "log(pass ? 'works' : `✗ ${failed} failed`);", errors: [...literal, ...literal]},
		{code: "dispatch({type: 'NOTICE', notice: 'You are signed in as the root user.'});", errors: literal},
		{code: 'warnings.push(x); const saved = {warnings: [`${path} could not be updated`]};', errors: literal},
		{code: "prompts.confirm('Apply this to your AWS account?', true);", errors: literal},
		{code: "checkbox({message: 'Kinds of key', required: 'Pick at least one.'});", errors: [...literal, ...literal]},
		{code: "const answer = {validate: (value) => (ok(value) ? true : 'A Region looks like us-west-2.')};", errors: literal},
		{code: '<Text>Access Analyzer says {result}</Text>;', errors: literal},
		{code: "<Text>{'Press enter'}</Text>;", errors: literal},
		{code: '<TextField label="Profile name" />;', errors: literal},
		{code: "log('キャンセルしました。');", errors: literal},
	],
});
