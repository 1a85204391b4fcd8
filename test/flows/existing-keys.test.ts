/**
 * The rules for keys an existing user already holds, without I/O: which kinds are at IAM's limit, which
 * keys make room (dead ones first, then the oldest), and what the report says became of each.
 */
import {describe, expect, it} from 'vitest';
import type {JournalEntry} from '../../source/flows/create/apply.js';
import {heldKeysOf, roomToMake, typesAtLimit, type HeldKey} from '../../source/flows/create/existing-keys.js';
import {existingKeyRecords} from '../../source/flows/create/retire-keys.js';

const apiKey = (id: string, createdAt: string, status: HeldKey['status'] = 'Active'): HeldKey => ({type: 'api-key', id, status, createdAt});
const accessKey = (id: string, createdAt: string, status: HeldKey['status'] = 'Active'): HeldKey => ({type: 'access-key', id, status, createdAt});

describe('typesAtLimit', () => {
	const two = [apiKey('A1', '2026-01-01T00:00:00Z'), apiKey('A2', '2026-02-01T00:00:00Z'), accessKey('K1', '2026-01-01T00:00:00Z')];

	it('names a kind only when this run makes one more of it', () => {
		expect(typesAtLimit(two, ['api-key'])).toEqual(['api-key']);
		expect(typesAtLimit(two, ['access-key'])).toEqual([]);
		expect(typesAtLimit([...two, accessKey('K2', '2026-03-01T00:00:00Z')], ['access-key'])).toEqual(['access-key']);
	});

	it('a short-term key is signed with a new access key, so it counts against the access keys', () => {
		expect(typesAtLimit([accessKey('K1', '2026-01-01T00:00:00Z'), accessKey('K2', '2026-01-02T00:00:00Z')], ['short-term'])).toEqual(['access-key']);
	});

	it('inactive and expired keys count: IAM counts every key until it is deleted', () => {
		expect(typesAtLimit([apiKey('A1', '2026-01-01T00:00:00Z', 'Expired'), apiKey('A2', '2026-01-02T00:00:00Z', 'Inactive')], ['api-key'])).toEqual(['api-key']);
	});
});

describe('roomToMake', () => {
	it('below the limit, nothing', () => {
		expect(roomToMake([apiKey('A1', '2026-01-01T00:00:00Z')], ['api-key'])).toEqual([]);
	});

	it('at the limit, one per kind made: the oldest when all work', () => {
		const held = [apiKey('NEWER', '2026-02-01T00:00:00Z'), apiKey('OLDER', '2026-01-01T00:00:00Z')];
		expect(roomToMake(held, ['api-key']).map((key) => key.id)).toEqual(['OLDER']);
	});

	it('a key that no longer works goes before an older working one', () => {
		const held = [apiKey('OLD-WORKING', '2026-01-01T00:00:00Z'), apiKey('NEW-EXPIRED', '2026-02-01T00:00:00Z', 'Expired')];
		expect(roomToMake(held, ['api-key']).map((key) => key.id)).toEqual(['NEW-EXPIRED']);
		const inactive = [apiKey('OLD-WORKING', '2026-01-01T00:00:00Z'), apiKey('NEW-OFF', '2026-02-01T00:00:00Z', 'Inactive')];
		expect(roomToMake(inactive, ['api-key']).map((key) => key.id)).toEqual(['NEW-OFF']);
	});

	it('both kinds at once when the run makes both', () => {
		const held = [
			apiKey('A1', '2026-01-01T00:00:00Z'),
			apiKey('A2', '2026-01-02T00:00:00Z'),
			accessKey('K1', '2026-01-01T00:00:00Z'),
			accessKey('K2', '2026-01-02T00:00:00Z'),
		];
		expect(roomToMake(held, ['api-key', 'access-key']).map((key) => key.id)).toEqual(['A1', 'K1']);
		expect(roomToMake(held, ['api-key']).map((key) => key.id)).toEqual(['A1']);
	});
});

describe('heldKeysOf', () => {
	it('API keys first, each kind oldest first, with expiry only where IAM gives one', () => {
		const keys = heldKeysOf(
			[
				{userName: 'u', credentialId: 'A2', status: 'Active', createdAt: '2026-02-01T00:00:00.000Z', expiresAt: '2026-03-01T00:00:00.000Z'},
				{userName: 'u', credentialId: 'A1', status: 'Expired', createdAt: '2026-01-01T00:00:00.000Z'},
			],
			[{userName: 'u', accessKeyId: 'K1', status: 'Inactive', createdAt: '2025-01-01T00:00:00.000Z'}],
		);
		expect(keys).toEqual([
			{type: 'api-key', id: 'A1', status: 'Expired', createdAt: '2026-01-01T00:00:00.000Z'},
			{type: 'api-key', id: 'A2', status: 'Active', createdAt: '2026-02-01T00:00:00.000Z', expiresAt: '2026-03-01T00:00:00.000Z'},
			{type: 'access-key', id: 'K1', status: 'Inactive', createdAt: '2025-01-01T00:00:00.000Z'},
		]);
	});
});

describe('existingKeyRecords: what the report says became of each held key', () => {
	const held = [apiKey('A1', '2026-01-01T00:00:00Z'), apiKey('A2', '2026-01-02T00:00:00Z')];
	const madeRoom: JournalEntry[] = [{kind: 'old-key-deleted', userName: 'u', keyType: 'api-key', keyId: 'A1'}];

	it('replacing, with a new key that passed: room made is deleted, the rest waits for after the save', () => {
		expect(existingKeyRecords(held, madeRoom, true).map((key) => [key.id, key.action, key.madeRoom])).toEqual([
			['A1', 'deleted', true],
			['A2', 'to-delete', undefined],
		]);
	});

	it('not replacing, or a new key that did not pass: the rest is kept', () => {
		expect(existingKeyRecords(held, madeRoom, false).map((key) => [key.id, key.action])).toEqual([
			['A1', 'deleted'],
			['A2', 'kept'],
		]);
		expect(existingKeyRecords(held, [], false).map((key) => key.action)).toEqual(['kept', 'kept']);
	});
});
