/**
 * `check` in the terminal: the same live verification table as create, the key's user and, with admin
 * credentials, the offer to tighten. The flow runs in flows/check; this only renders its states.
 */
import {Box, Text, useInput} from 'ink';
import {useSyncExternalStore} from 'react';
import {summarizeDiscovery} from '../../core/verify/discovery.js';
import {ProbeTable, type ProbeRow} from '../components/probe-table.js';
import {Spinner} from '../components/spinner.js';
import {TextField} from '../components/text-field.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';
import type {CheckTuiStore} from './check-store.js';
import {TightenDiff} from './tighten-diff.js';

export function CheckApp({store, onInterrupt}: {readonly store: CheckTuiStore; readonly onInterrupt: () => void}) {
	const {messages, colour, columns, final} = useUi();
	const t = {...messages.check.tui, discovery: messages.check.discovery};
	const view = useSyncExternalStore(
		(listener) => store.subscribe(listener),
		() => store.view,
	);
	const {state, question} = view;
	useInput((input, key) => {
		// Ctrl+C (and Ctrl+D, end of input) stops the check on every screen; Esc too at the key prompt, which has no step to go back to.
		if (key.ctrl && (input === 'c' || input === 'd')) return onInterrupt();
		if (key.escape && question?.kind === 'key') return onInterrupt();
		if (question?.kind === 'tighten' && (input === 'y' || input === 'n')) question.answer(input === 'y');
	});
	const rows: ProbeRow[] = (state?.probes ?? []).flatMap((result) =>
		result ? [{spec: {target: result.model, operation: result.operation, auth: result.auth, expected: result.expected}, result}] : [],
	);
	const pending = (state?.probes ?? []).filter((result) => result === undefined).length;
	// With no expectations every model of the Region is tried: counts by group while they come in, and the
	// grouped table once done (printed below the screen), never a diagnosis per model.
	const discovery = state?.mode === 'discovery' ? summarizeDiscovery(state.probes) : undefined;
	return (
		<Box flexDirection="column" width={columns}>
			<Text bold color={colourOf('accent', colour)}>
				{messages.ui.title} ▸{t.title}
			</Text>
			{state?.key ? <Text>{t.key(state.key.masked, state.key.tokenType ?? state.key.auth)}</Text> : null}
			{(state?.notices ?? []).slice(-3).map((notice) => (
				<Text key={notice} color={colourOf('warn', colour)}>
					! {notice}
				</Text>
			))}
			<Box marginTop={1} flexDirection="column">
				{discovery ? (
					<Text>
						{pending > 0 ? <Spinner /> : null}
						{pending > 0 ? ' ' : ''}
						{t.discovery.progress(
							discovery.tried,
							state!.probes.length,
							discovery.allowed.length,
							discovery.iamRefused.length,
							discovery.other.reduce((count, group) => count + group.models.length, 0),
						)}
					</Text>
				) : rows.length > 0 ? (
					<ProbeTable rows={rows} />
				) : null}
				{pending > 0 && !discovery ? (
					<Text>
						<Spinner /> {t.running(pending)}
					</Text>
				) : null}
			</Box>
			{question?.kind === 'key' ? <TextField label={messages.check.promptKey} masked active onSubmit={(value) => question.answer(value)} /> : null}
			{question?.kind === 'tighten' && state?.proposal ? (
				<Box flexDirection="column" marginTop={1}>
					<TightenDiff proposal={state.proposal} active />
					{state.proposal.managed ? <Text>{messages.check.tighten.managed(state.proposal.managed.map((part) => part.name))}</Text> : null}
					{state.proposal.noNewAccess ? <Text>{t.noNewAccess(state.proposal.noNewAccess)}</Text> : null}
					<Text bold>{t.tightenQuestion}</Text>
				</Box>
			) : null}
			{/* The frame left after exit: no keys, and an empty last line (see components/footer.tsx). */}
			{final ? <Text> </Text> : <Text dimColor>{question?.kind === 'tighten' ? `${t.keys} · ${messages.ui.keys.copy}` : t.keys}</Text>}
		</Box>
	);
}
