/** Creating a key once, whatever happens to the reply: the reconciliation rule on its own, with scripted answers. */
import {describe, expect, it} from 'vitest';
import {toAwsFailure} from '../../source/aws/errors.js';
import {createReconciled} from '../../source/aws/reconciled-create.js';

// What the calls throw once the client's errors are translated (aws/errors.ts): AwsFailure.
const lostReply = toAwsFailure(Object.assign(new Error('socket hang up'), {name: 'Error', code: 'ECONNRESET'}), 'iam:CreateAccessKey');
const serverError = toAwsFailure(Object.assign(new Error('boom'), {name: 'InternalFailure', $metadata: {httpStatusCode: 500}}), 'iam:CreateAccessKey');
const refused = toAwsFailure(Object.assign(new Error('no'), {name: 'LimitExceededException', $metadata: {httpStatusCode: 409}}), 'iam:CreateAccessKey');
const listDenied = toAwsFailure(
	Object.assign(new Error('not allowed'), {name: 'AccessDeniedException', $metadata: {httpStatusCode: 403}}),
	'iam:ListAccessKeys',
);
const listThrottled = toAwsFailure(Object.assign(new Error('Rate exceeded'), {name: 'Throttling', $metadata: {httpStatusCode: 400}}), 'iam:ListAccessKeys');

function account(initial: string[]) {
	const keys = [...initial];
	const removed: string[] = [];
	let made = 0;
	return {
		keys,
		removed,
		list: async () => [...keys],
		remove: async (id: string) => {
			removed.push(id);
			keys.splice(keys.indexOf(id), 1);
		},
		/** Each attempt makes a key; the scripted errors say what the caller sees. */
		create: (errors: unknown[]) => async () => {
			const id = `key-${++made}`;
			keys.push(id);
			const error = errors.shift();
			if (error) throw error;
			return id;
		},
	};
}

describe('createReconciled', () => {
	it('a lost reply: the key IAM made but nobody holds is removed before the retry; one key remains', async () => {
		const a = account(['old']);
		const id = await createReconciled({attempts: 3, list: a.list, remove: a.remove, create: a.create([lostReply]), sleep: async () => {}});
		expect(id).toBe('key-2');
		expect(a.removed).toEqual(['key-1']);
		expect(a.keys).toEqual(['old', 'key-2']);
	});

	it('a 5xx after the commit is treated the same way', async () => {
		const a = account([]);
		await createReconciled({attempts: 3, list: a.list, remove: a.remove, create: a.create([serverError, serverError]), sleep: async () => {}});
		expect(a.keys).toEqual(['key-3']);
	});

	it('a refusal is final and not retried (and nothing is removed: IAM did not act)', async () => {
		const a = account([]);
		a.keys.length = 0;
		const create = async () => {
			throw refused;
		};
		await expect(createReconciled({attempts: 3, list: a.list, remove: a.remove, create, sleep: async () => {}})).rejects.toBe(refused);
		expect(a.removed).toEqual([]);
	});

	it('out of attempts: what the last try made is removed too, then the error is reported', async () => {
		const a = account([]);
		await expect(createReconciled({attempts: 2, list: a.list, remove: a.remove, create: a.create([lostReply, lostReply]), sleep: async () => {}})).rejects.toBe(
			lostReply,
		);
		expect(a.keys).toEqual([]);
	});

	it('without permission to list, a create still works (only a lost reply cannot be reconciled then)', async () => {
		const a = account([]);
		const list = async (): Promise<string[]> => {
			throw listDenied;
		};
		expect(await createReconciled({attempts: 2, list, remove: a.remove, create: a.create([]), sleep: async () => {}})).toBe('key-1');
	});

	it('a reconcile whose listing is throttled is tried again, and the lost key still goes', async () => {
		const a = account([]);
		let lists = 0;
		const list = async (): Promise<string[]> => {
			// The first listing (before the create) passes; the one after the lost reply is throttled once.
			if (++lists === 2) throw listThrottled;
			return a.list();
		};
		expect(await createReconciled({attempts: 3, list, remove: a.remove, create: a.create([lostReply]), sleep: async () => {}})).toBe('key-2');
		expect(a.removed).toEqual(['key-1']);
		expect(a.keys).toEqual(['key-2']);
	});

	it('a reconcile that cannot finish reports the create as ambiguous, and the create is not tried again', async () => {
		const a = account([]);
		let lists = 0;
		const list = async (): Promise<string[]> => {
			if (++lists >= 2) throw serverError;
			return a.list();
		};
		await expect(createReconciled({attempts: 3, list, remove: a.remove, create: a.create([lostReply]), sleep: async () => {}})).rejects.toBe(lostReply);
		// One create only: a second could have made a second key while the first one's secret is lost.
		expect(a.keys).toEqual(['key-1']);
	});
});
