/**
 * check's tightened policy: what changes against the policy the user has now (a line diff), or the whole
 * policy when there is none to compare with; every line whole for the terminal to wrap (ui/cells.ts,
 * copyRows), and `c` copies the new policy in full (OSC 52 and a file: ui/clipboard.ts).
 */
import {Box, useInput} from 'ink';
import type {TightenProposal} from '../../flows/check/tighten.js';
import {copyRows, plain, type Line} from '../cells.js';
import {StyledLine} from '../components/styled-line.js';
import {CopyNote, useCopy} from '../components/use-copy.js';
import {jsonLine, lineDiff} from '../review-lines.js';
import {useUi} from '../use-ui.js';

export function TightenDiff({proposal, active}: {readonly proposal: TightenProposal; readonly active: boolean}) {
	const {messages, columns, terminalColumns} = useUi();
	const {copied, copy} = useCopy();
	const width = terminalColumns ?? columns;
	const json = proposal.plan.compiled.json;
	useInput((input) => input === 'c' && copy({what: messages.ui.copy.tightened, text: json, file: 'tightened-policy.json'}), {isActive: active});
	const lines: Line[] = [];
	if (proposal.previousPolicy !== undefined && proposal.previousPolicy.trim() !== json.trim())
		for (const change of lineDiff(proposal.previousPolicy.trimEnd().split('\n'), json.trimEnd().split('\n'))) {
			if (change.op !== '=') lines.push(...copyRows(plain(`${change.op} ${change.text}`, change.op === '+' ? 'good' : 'bad'), width));
		}
	else for (const text of json.trimEnd().split('\n')) lines.push(...copyRows(jsonLine(text), width));
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				<StyledLine key={index} line={line} />
			))}
			<CopyNote copied={copied} />
		</Box>
	);
}
