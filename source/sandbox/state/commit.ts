/**
 * One change of the account as a transaction (docs/security.md, 'State, limits and memory'): the change
 * works on a draft, and the draft becomes the account only once it is saved. Committed records are frozen,
 * so nothing changes them behind a commit's back, and a record the change left as it was is the very
 * object it was before: the live account, the propagation history and the next draft share it.
 *
 * A draft costs what the change touches, not the size of the account: its lists are copies of the lists
 * of references, and a record is wrapped only when the change reads it from a list, and copied only when
 * the change writes one of its fields (copy on write). Handlers write fields (`user.tags = …`) and replace
 * the arrays and maps in them, never edit those in place (a frozen array refuses a `push`).
 */
import type {RecordChange} from './account-index.js';
import type {AccessKeyRecord, AccountData, CustomerPolicyRecord, RoleRecord, ServiceCredentialRecord, UserRecord} from './model.js';

export interface Draft {
	readonly data: AccountData;
}

export interface Commit {
	readonly data: AccountData;
	readonly changes: readonly RecordChange[];
}

/** A committed record as a draft sees it: reads go to the record (or its copy), the first write copies it. */
interface RecordState {
	readonly original: object;
	copy: Record<string | symbol, unknown> | undefined;
	/** Once committed, the wrapper takes no more writes. */
	sealed: boolean;
}

/** Asked of a wrapper, answers its state (one shared handler, the state as the proxy's target). */
const stateOf = Symbol('draft record state');
/** Each draft list (a Proxy) to the array of references behind it. */
const listItems = new WeakMap<object, unknown[]>();

const current = (state: RecordState): object => state.copy ?? state.original;
const writable = (state: RecordState): Record<string | symbol, unknown> | undefined => {
	if (state.sealed) return undefined;
	state.copy ??= {...(state.original as Record<string, unknown>)};
	return state.copy;
};

const recordHandler: ProxyHandler<RecordState> = {
	get: (state, property) => (property === stateOf ? state : Reflect.get(current(state), property)),
	set: (state, property, value) => {
		const copy = writable(state);
		if (!copy) return false;
		copy[property] = value;
		return true;
	},
	deleteProperty: (state, property) => {
		const copy = writable(state);
		if (!copy) return false;
		delete copy[property];
		return true;
	},
	defineProperty: (state, property, descriptor) => {
		const copy = writable(state);
		if (!copy || !('value' in descriptor)) return false;
		copy[property] = descriptor.value;
		return true;
	},
	has: (state, property) => property in current(state),
	ownKeys: (state) => Reflect.ownKeys(current(state)),
	getOwnPropertyDescriptor: (state, property) => {
		const descriptor = Reflect.getOwnPropertyDescriptor(current(state), property);
		return descriptor && {value: descriptor.value, writable: true, enumerable: descriptor.enumerable ?? true, configurable: true};
	},
	getPrototypeOf: () => Object.prototype,
};

const wrapRecord = (original: object): object => new Proxy<RecordState>({original, copy: undefined, sealed: false}, recordHandler);

/** The state of a wrapped record; undefined for a committed record or a new plain one. */
const wrapperState = (value: unknown): RecordState | undefined =>
	typeof value === 'object' && value !== null ? ((value as Record<symbol, unknown>)[stateOf] as RecordState | undefined) : undefined;

const isIndex = (property: string | symbol): property is string => {
	if (typeof property !== 'string') return false;
	const code = property.charCodeAt(0);
	return code >= 48 && code <= 57;
};

/** A list of the draft: a copy of the references; a committed record read from it comes wrapped (once). */
function draftList<T extends object>(committed: readonly T[]): T[] {
	const items: unknown[] = [...committed];
	const list = new Proxy(items, {
		get: (target, property, receiver) => {
			const value: unknown = Reflect.get(target, property, receiver);
			if (isIndex(property) && typeof value === 'object' && value !== null && Object.isFrozen(value)) {
				const wrapped = wrapRecord(value);
				target[Number(property)] = wrapped;
				return wrapped;
			}
			return value;
		},
	});
	listItems.set(list, items);
	return list as T[];
}

export function draftOf(data: AccountData): Draft {
	return {
		data: {
			...data,
			users: draftList(data.users),
			policies: draftList(data.policies),
			accessKeys: draftList(data.accessKeys),
			serviceCredentials: draftList(data.serviceCredentials),
			roles: draftList(data.roles ?? []),
			modelAgreements: [...data.modelAgreements],
		},
	};
}

/** The draft as the next committed account: unchanged records and lists kept, changed ones frozen, and what changed. */
export function commitDraft(previous: AccountData, draft: Draft): Commit {
	const removals: RecordChange[] = [];
	const additions: RecordChange[] = [];
	const settle = <T extends object>(list: readonly T[], before: readonly T[], change: (key: T, record: T | undefined) => RecordChange): T[] => {
		const raw = (listItems.get(list) ?? list) as readonly unknown[];
		const settled: T[] = new Array<T>(raw.length);
		let unchanged = raw.length === before.length;
		// Whether each place holds its own record or a copy of it: then only the copied ones were replaced.
		let inPlace = unchanged;
		const replaced: T[] = [];
		for (let index = 0; index < raw.length; index++) {
			let record = raw[index] as T;
			const state = wrapperState(record);
			if (state) {
				state.sealed = true;
				record = (state.copy ? freezeRecord(state.copy) : state.original) as T;
				if (state.copy) {
					additions.push(change(record, record));
					if (inPlace && state.original === before[index]) replaced.push(state.original as T);
					else inPlace = false;
				}
			} else if (!Object.isFrozen(record)) {
				record = freezeRecord(record);
				additions.push(change(record, record));
				inPlace = false;
			}
			settled[index] = record;
			if (unchanged && record !== before[index]) unchanged = false;
			if (inPlace && !state?.copy && record !== before[index]) inPlace = false;
		}
		if (unchanged) return before as T[];
		// A record that is not in the list any more was removed (or replaced: the addition above then wins).
		if (inPlace) for (const record of replaced) removals.push(change(record, undefined));
		else {
			const present = new Set<T>(settled);
			for (const record of before) if (!present.has(record)) removals.push(change(record, undefined));
		}
		return Object.freeze(settled) as T[];
	};
	const users = settle<UserRecord>(draft.data.users, previous.users, (user, record) => ({kind: 'user', key: user.userName, record}));
	const policies = settle<CustomerPolicyRecord>(draft.data.policies, previous.policies, (policy, record) => ({kind: 'policy', key: policy.arn, record}));
	const accessKeys = settle<AccessKeyRecord>(draft.data.accessKeys, previous.accessKeys, (key, record) => ({
		kind: 'accessKey',
		key: key.accessKeyId,
		record,
	}));
	const serviceCredentials = settle<ServiceCredentialRecord>(draft.data.serviceCredentials, previous.serviceCredentials, (credential, record) => ({
		kind: 'credential',
		key: credential.id,
		record,
	}));
	const roles = settle<RoleRecord>(draft.data.roles ?? [], previous.roles ?? [], (role, record) => ({kind: 'role', key: role.roleName, record}));
	const agreements = draft.data.modelAgreements;
	const modelAgreements =
		agreements.length === previous.modelAgreements.length && agreements.every((id, index) => id === previous.modelAgreements[index])
			? previous.modelAgreements
			: (Object.freeze([...agreements]) as string[]);
	const data: AccountData = Object.freeze({...draft.data, users, policies, accessKeys, serviceCredentials, roles, modelAgreements});
	// Removals first: a key removed and added again in one commit ends up added.
	return {data, changes: [...removals, ...additions]};
}

/** The account as first committed: every record frozen. */
export function freezeAccount(data: AccountData): AccountData {
	return Object.freeze({
		...data,
		users: Object.freeze(data.users.map(freezeRecord)) as UserRecord[],
		policies: Object.freeze(data.policies.map(freezeRecord)) as CustomerPolicyRecord[],
		accessKeys: Object.freeze(data.accessKeys.map(freezeRecord)) as AccessKeyRecord[],
		serviceCredentials: Object.freeze(data.serviceCredentials.map(freezeRecord)) as ServiceCredentialRecord[],
		roles: Object.freeze((data.roles ?? []).map(freezeRecord)) as RoleRecord[],
		modelAgreements: Object.freeze([...data.modelAgreements]) as string[],
	});
}

/** Freezes a record, its arrays and maps, and the records in its arrays (tags, policy versions). */
function freezeRecord<T extends object>(record: T): T {
	if (Object.isFrozen(record)) return record;
	for (const value of Object.values(record)) {
		if (Array.isArray(value)) {
			for (const item of value) if (typeof item === 'object' && item !== null) Object.freeze(item);
			Object.freeze(value);
		} else if (typeof value === 'object' && value !== null) Object.freeze(value);
	}
	return Object.freeze(record);
}
