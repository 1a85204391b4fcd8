/**
 * The key options form: the key step's questions of the table (flows/create/questions.ts) in its order,
 * which keys, the API key's expiry, the IAM user name; its state and keys.
 */
import {useReducer, useRef} from 'react';
import {isPrintable} from '../components/printable.js';
import {useKeys} from '../components/use-keys.js';
import {createQuestions, keyKinds, policyTypes, questionsAt, type KeyKind, type QuestionsAt} from '../../flows/create/questions.js';
import type {PolicyType} from '../../core/policy/index.js';

/** The expiries offered (the table's choices; --expires-in-days and --plain take any number). */
export const expiryChoices = createQuestions.expiresInDays.choices ?? [];
/** IAM's user name rule, the table's (as create's --user-name and --plain check it). */
export const isUserName = (name: string): boolean => createQuestions.userName.parse?.(name) !== undefined;

/** A row of the form: each kind of key (its checkbox), then the other questions of the key step. */
export type KeyField = KeyKind | Exclude<QuestionsAt<'key'>, 'keyKinds'>;
const fields: readonly KeyField[] = questionsAt('key').flatMap((id) => (id === 'keyKinds' ? keyKinds : [id]));

export interface KeyFormState {
	readonly focus: KeyField;
	readonly kinds: readonly KeyKind[];
	readonly expiry: number | null;
	readonly userName: string;
	readonly policyType: PolicyType;
	/** The folder typed; undefined: the default, which follows the user name (questions.ts, defaultOutDir). */
	readonly outDir?: string | undefined;
	readonly problem?: 'userName' | 'keyKinds' | 'outDir';
}

/** The rows that are text fields: every printable key goes into them. */
type TextField = 'userName' | 'outDir';
const isTextField = (field: KeyField): field is TextField => field === 'userName' || field === 'outDir';

export interface KeyFormOptions {
	readonly initial: Omit<KeyFormState, 'focus' | 'problem'>;
	readonly active: boolean;
	readonly onSubmit: (form: KeyFormState) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
	readonly onUserName?: (name: string) => void;
	/** The folder offered until one is typed (it follows the user name). */
	readonly defaultOutDir: (userName: string) => string;
}

/** The folder the form would save to: the one typed, or the default for its user name. */
export const outDirOf = (form: KeyFormState, options: Pick<KeyFormOptions, 'defaultOutDir'>): string => form.outDir ?? options.defaultOutDir(form.userName);

export function useKeyForm(options: KeyFormOptions): KeyFormState {
	const state = useRef<KeyFormState>({...options.initial, focus: options.initial.kinds.length > 0 ? 'userName' : keyKinds[0]});
	const [, rerender] = useReducer((count: number) => count + 1, 0);
	const latest = useRef(options);
	latest.current = options;
	const update = (next: Partial<KeyFormState>): void => {
		state.current = {...state.current, ...next};
		if (next.userName !== undefined) latest.current.onUserName?.(next.userName);
		rerender();
	};
	const move = (delta: number): void => update({focus: fields[(fields.indexOf(state.current.focus) + delta + fields.length) % fields.length]!});

	useKeys(
		(input, key) => {
			const o = latest.current;
			const s = state.current;
			const onText = isTextField(s.focus);
			if (key.upArrow || (key.tab && key.shift) || (!onText && input === 'k')) return move(-1);
			if (key.downArrow || key.tab || (!onText && input === 'j')) return move(1);
			if (key.escape) return o.onBack();
			if (key.return) {
				if (s.kinds.length === 0) return update({problem: 'keyKinds'});
				if (!isUserName(s.userName)) return update({problem: 'userName', focus: 'userName'});
				if (createQuestions.outDir.parse?.(outDirOf(s, o)) === undefined) return update({problem: 'outDir', focus: 'outDir'});
				return o.onSubmit(s);
			}
			if (s.focus === 'expiresInDays' && (key.leftArrow || key.rightArrow || input === ' ' || input === 'h' || input === 'l')) {
				const index = expiryChoices.indexOf(s.expiry);
				const delta = key.leftArrow || input === 'h' ? -1 : 1;
				return update({expiry: expiryChoices[(index + delta + expiryChoices.length) % expiryChoices.length]!});
			}
			if (s.focus === 'policyType' && (key.leftArrow || key.rightArrow || input === ' ' || input === 'h' || input === 'l')) {
				const index = policyTypes.indexOf(s.policyType as (typeof policyTypes)[number]);
				const delta = key.leftArrow || input === 'h' ? -1 : 1;
				return update({policyType: policyTypes[(index + delta + policyTypes.length) % policyTypes.length]!});
			}
			if (!onText && input === ' ' && s.focus !== 'expiresInDays' && s.focus !== 'policyType') {
				const kind = s.focus as KeyKind;
				const kinds = s.kinds.includes(kind) ? s.kinds.filter((k) => k !== kind) : keyKinds.filter((k) => k === kind || s.kinds.includes(k));
				return update({kinds, problem: undefined});
			}
			if (!onText) {
				if (input === 'q') o.onQuit();
				return;
			}
			const field = s.focus as TextField;
			const text = field === 'outDir' ? outDirOf(s, o) : s.userName;
			const edit = (value: string): void => update({[field]: value, problem: undefined});
			if (key.backspace || key.delete) return edit(text.slice(0, -1));
			if (key.ctrl && input === 'u') return edit('');
			if (key.ctrl || key.meta || input === '?') return;
			if (isPrintable(input)) edit(text + input);
		},
		{isActive: options.active},
	);
	return state.current;
}
