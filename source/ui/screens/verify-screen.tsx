import {Box, Text} from 'ink';
import {planProbes, type ProbeAuth} from '../../core/verify/probe-plan.js';
import type {CreateState} from '../../flows/create/machine.js';
import {ProbeTable, type ProbeRow} from '../components/probe-table.js';
import {Spinner} from '../components/spinner.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

/** The probes the runner will make, in its order (api-key before sigv4, as runner.ts builds them). */
export function plannedRows(state: CreateState): readonly ProbeRow[] {
	const review = state.review;
	if (!review) return [];
	const kinds = state.answers.keyKinds ?? ['api-key'];
	const auth: ProbeAuth[] = [
		...(kinds.includes('api-key') || kinds.includes('short-term') ? (['api-key'] as const) : []),
		...(kinds.includes('access-key') || kinds.includes('short-term') ? (['sigv4'] as const) : []),
	];
	const specs = planProbes({allowed: review.plan.request.targets, denied: review.plan.denyProbes, auth, streaming: state.answers.streaming});
	const waiting = state.waitingSinceMs !== undefined && !state.verification;
	return specs.map((spec, index) => {
		const result = state.probes[index];
		return {
			spec: {target: spec.target, auth: spec.auth, expected: spec.expected, operation: spec.request.operation},
			...(result ? {result} : {}),
			...(waiting && result && !result.pass ? {retrying: true} : {}),
		};
	});
}

export function VerifyScreen({state}: {readonly state: CreateState}) {
	const {messages, colour} = useUi();
	const rows = plannedRows(state);
	const pending = rows.filter((row) => !row.result || row.retrying).length;
	return (
		<Box flexDirection="column">
			<Text bold>{messages.ui.verify.title}</Text>
			<ProbeTable rows={rows} />
			{state.waitingSinceMs !== undefined && !state.verification ? (
				<Text color={colourOf('warn', colour)}>
					<Spinner /> {messages.create.waiting(Math.round(state.waitingSinceMs / 1000), pending)}
				</Text>
			) : null}
		</Box>
	);
}
