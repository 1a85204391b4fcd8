/**
 * What became of the keys an existing user held before this run (the report's `existingKeys`), and
 * their deletion once the new key works and is saved (why so late: existing-keys.ts).
 */
import {describeFailure, isAwsFailure} from '../../core/aws-failure.js';
import type {ExistingKeyRecord} from '../../core/verify/report.js';
import type {IamPort} from '../ports.js';
import type {ApplyEvent, JournalEntry} from './apply.js';
import {deleteHeldKey, type HeldKey} from './existing-keys.js';

/**
 * Each held key: `deleted` if the apply made room with it, `to-delete` when the person chose to replace
 * them and the new key passed its checks, `kept` otherwise.
 */
export function existingKeyRecords(held: readonly HeldKey[], journal: readonly JournalEntry[], deleteRest: boolean): ExistingKeyRecord[] {
	const madeRoom = new Set(journal.flatMap((entry) => (entry.kind === 'old-key-deleted' ? [entry.keyId] : [])));
	return held.map((key) => (madeRoom.has(key.id) ? {...key, action: 'deleted', madeRoom: true} : {...key, action: deleteRest ? 'to-delete' : 'kept'}));
}

/**
 * Deletes every `to-delete` key. It never throws: the new key is saved by now, and a failure here must
 * not roll it back; a key that could not be deleted is reported with AWS's words instead.
 */
export async function retireOldKeys(
	records: readonly ExistingKeyRecord[],
	userName: string,
	iam: IamPort,
	onEvent?: (event: ApplyEvent) => void,
): Promise<ExistingKeyRecord[]> {
	const result: ExistingKeyRecord[] = [];
	for (const record of records) {
		if (record.action !== 'to-delete') {
			result.push(record);
			continue;
		}
		onEvent?.({type: 'step', step: 'retire-old-key', status: 'running', detail: record.id});
		try {
			await deleteHeldKey(iam, userName, record.type, record.id);
		} catch (error) {
			// Deleted by someone else meanwhile: gone all the same.
			if (!isAwsFailure(error, 'not-found')) {
				const reason = describeFailure(error);
				result.push({...record, action: 'delete-failed', error: reason});
				onEvent?.({type: 'step', step: 'retire-old-key', status: 'failed', detail: `${record.id}: ${reason}`});
				continue;
			}
		}
		result.push({...record, action: 'deleted'});
		onEvent?.({type: 'step', step: 'retire-old-key', status: 'done', detail: record.id});
	}
	return result;
}
