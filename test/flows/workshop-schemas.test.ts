/** workshop create / status / teardown --json, from real runs against the sandbox, match schemas/workshop-*.v1.json. */
import {mkdtempSync, readFileSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv} from 'ajv';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';

const schemaDir = join(import.meta.dirname, '../../schemas');
const ajv = new Ajv({allErrors: true, validateFormats: false});
for (const file of readdirSync(schemaDir).filter((name) => name.startsWith('workshop-')))
	ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as object, file);

let sandbox: RunningSandbox;
let dir: string;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	dir = mkdtempSync(join(tmpdir(), 'bkw-workshop-schema-'));
});
afterAll(async () => sandbox.close());

const workshop = (args: readonly string[], outDir = dir): Promise<CliRun> =>
	runCliCaptured(['workshop', ...args, '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', outDir, '--max-rps', '100', '--json'], {
		env: adminEnv(sandbox),
	});

function expectValid(schema: string, run: CliRun): void {
	expect(run.code, run.stderr).toBe(0);
	expect(ajv.validate(schema, JSON.parse(run.stdout)), `${schema}: ${ajv.errorsText()}`).toBe(true);
}

describe('workshop --json documents match their schemas', () => {
	it('create, status (with --verify), teardown (dry run and for real)', async () => {
		expectValid(
			'workshop-create.v1.json',
			await workshop(['create', '--name', 'schema', '--seats', '3', '--models', 'amazon.nova-lite-v1:0', '--expires-in-days', '1']),
		);
		expectValid('workshop-status.v1.json', await workshop(['status', '--name', 'schema', '--verify', '--verify-timeout', '10']));
		const changed = await workshop(['create', '--name', 'schema', '--models', 'amazon.nova-lite-v1:0,amazon.titan-embed-text-v2:0', '--yes']);
		expectValid('workshop-create.v1.json', changed);
		expect(JSON.parse(changed.stdout).changes).toMatchObject({existingSeats: 3, rotations: []});
		expectValid('workshop-teardown.v1.json', await workshop(['teardown', '--name', 'schema']));
		expectValid('workshop-teardown.v1.json', await workshop(['teardown', '--name', 'schema', '--yes']));
	});

	it('with a customer managed policy: create records it, status judges it, teardown plans and deletes it', async () => {
		// Its own folder: workshop.json is one event's.
		const own = mkdtempSync(join(tmpdir(), 'bkw-workshop-schema-managed-'));
		const create = await workshop(
			['create', '--name', 'schema-managed', '--seats', '2', '--models', 'amazon.nova-lite-v1:0', '--expires-in-days', '1', '--policy-type', 'managed'],
			own,
		);
		expectValid('workshop-create.v1.json', create);
		expect(JSON.parse(create.stdout).policy).toMatchObject({type: 'managed', policies: [{name: 'bedrock-key-wizard-workshop-schema-managed'}]});
		const status = await workshop(['status', '--name', 'schema-managed'], own);
		expectValid('workshop-status.v1.json', status);
		expect(JSON.parse(status.stdout).manifest.policy).toMatchObject({type: 'managed'});
		const dry = await workshop(['teardown', '--name', 'schema-managed'], own);
		expectValid('workshop-teardown.v1.json', dry);
		expect(JSON.parse(dry.stdout).plannedPolicies).toHaveLength(1);
		const down = await workshop(['teardown', '--name', 'schema-managed', '--yes'], own);
		expectValid('workshop-teardown.v1.json', down);
		expect(JSON.parse(down.stdout).policies).toEqual({deleted: ['bedrock-key-wizard-workshop-schema-managed'], left: [], remaining: 0});
	});
});
