import {Box, Text} from 'ink';
import {accountChanges} from '../../flows/create/apply.js';
import type {CreateState} from '../../flows/create/machine.js';
import type {AfterStop} from '../create-store.js';
import {SelectList} from '../components/select-list.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface ErrorScreenProps {
	readonly state: CreateState;
	readonly active: boolean;
	readonly onChoose: (choice: AfterStop) => void;
}

/** Old keys deleted to make room before the run failed: no rollback brings them back, so they are named. */
export function LostKeys({state}: {readonly state: CreateState}) {
	const {messages, colour} = useUi();
	const lost = (state.rollback?.lost ?? state.kept?.lost ?? []).flatMap((entry) => (entry.kind === 'old-key-deleted' ? [entry.keyId] : []));
	return lost.length > 0 ? <Text color={colourOf('warn', colour)}>! {messages.create.heldKeys.lost(lost)}</Text> : null;
}

/** What the run made and kept instead of rolling back (--keep-on-failure, or kept when quitting), each named. */
export function KeptChanges({state}: {readonly state: CreateState}) {
	const {messages, colour} = useUi();
	const kept = state.kept?.kept ?? [];
	if (kept.length === 0) return null;
	return (
		<Box flexDirection="column">
			<Text color={colourOf('warn', colour)}>! {messages.create.keptChanges(kept.length)}</Text>
			{kept.map((entry, index) => (
				<Text key={`${entry.kind}${index}`}>{`  - ${messages.run.keptEntry(entry.kind, entry.userName)}`}</Text>
			))}
		</Box>
	);
}

/**
 * How the undo went, as the last frame says it: everything undone (nothing this run made is left in AWS),
 * or each change left there named; and the files the run wrote, deleted or put back.
 */
export function RolledBack({state}: {readonly state: CreateState}) {
	const {messages, colour} = useUi();
	const rollback = state.rollback;
	const account = accountChanges(state.applyLog);
	const left = [
		...(account.subscriptions.length > 0 ? [messages.create.notUndone.subscriptions(account.subscriptions)] : []),
		...(account.useCaseForm ? [messages.create.notUndone.useCaseForm] : []),
	];
	if (!rollback) return left.length > 0 && !state.kept ? <NotUndone lines={left} /> : null;
	const files = rollback.files;
	return (
		<Box flexDirection="column">
			<Text color={colourOf(rollback.failed.length === 0 ? 'good' : 'bad', colour)}>
				{rollback.failed.length > 0
					? `✗ ${messages.create.rollbackFailed(rollback.failed.length)}`
					: left.length > 0
						? `↶ ${messages.create.notUndone.rolledBack(rollback.undone.length)}`
						: `↶ ${messages.create.rolledBack(rollback.undone.length)}`}
			</Text>
			{rollback.failed.map(({entry, message}) => (
				<Text key={`${entry.kind}${message}`}>{`  - ${messages.run.rollbackFailedEntry(entry.kind, entry.userName, message)}`}</Text>
			))}
			{files && files.removed.length > 0 ? <Text>{`↶ ${messages.create.filesUndone.removed(files.removed)}`}</Text> : null}
			{files?.restored.map((path) => (
				<Text key={path}>{`↶ ${messages.create.filesUndone.restored(path)}`}</Text>
			))}
			{files?.failed.map(({path, message}) => (
				<Text key={path} color={colourOf('bad', colour)}>{`✗ ${messages.create.filesUndone.failed(path, message)}`}</Text>
			))}
			<NotUndone lines={left} />
		</Box>
	);
}

function NotUndone({lines}: {readonly lines: readonly string[]}) {
	const {colour} = useUi();
	return (
		<>
			{lines.map((line) => (
				<Text key={line} color={colourOf('warn', colour)}>{`! ${line}`}</Text>
			))}
		</>
	);
}

/** What happened, why, how to fix it; then retry the step, change the answers, or quit. */
export function ErrorScreen(props: ErrorScreenProps) {
	const {messages, colour} = useUi();
	const t = messages.ui.error;
	const problem = props.state.problem?.textIn(messages);
	const options: Array<{id: AfterStop; label: string}> = [
		{id: 'retry', label: t.retry},
		{id: 'back', label: t.back},
		{id: 'quit', label: t.quit},
	];
	return (
		<Box flexDirection="column">
			<Text bold color={colourOf('bad', colour)}>
				✗ {t.title} ({messages.ui.steps[props.state.step]})
			</Text>
			<Text>
				<Text bold>{t.what}: </Text>
				{problem?.message ?? ''}
			</Text>
			{problem?.fix ? (
				<Text>
					<Text bold>{t.fix}: </Text>
					{problem.fix}
				</Text>
			) : null}
			<RolledBack state={props.state} />
			<KeptChanges state={props.state} />
			<LostKeys state={props.state} />
			<Text> </Text>
			<SelectList
				items={options.map((option) => ({id: option.id, search: option.label.toLowerCase()}))}
				multi={false}
				filterable={false}
				height={options.length}
				active={props.active}
				noMatch=""
				onSubmit={(_, id) => id && props.onChoose(id as AfterStop)}
				onQuit={() => props.onChoose('quit')}
				render={(item) => <Text>{options.find((option) => option.id === item.id)?.label}</Text>}
			/>
		</Box>
	);
}
