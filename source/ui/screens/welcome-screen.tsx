import {Box, Text, useInput} from 'ink';
import type {CallerIdentity} from '../../flows/ports.js';
import {cells, copyRows, fitCells, plain} from '../cells.js';
import {StyledLine} from '../components/styled-line.js';
import type {CredentialSource} from '../create-store.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface WelcomeScreenProps {
	readonly identity: CallerIdentity;
	readonly source?: CredentialSource;
	readonly endpointUrl?: string;
	readonly active: boolean;
	readonly onNext: () => void;
	readonly onQuit: () => void;
}

/** Who the wizard acts as: the account, the principal, and where those credentials came from. */
export function WelcomeScreen(props: WelcomeScreenProps) {
	const {messages, colour, columns, terminalColumns} = useUi();
	const t = messages.ui.welcome;
	useInput(
		(input, key) => {
			if (key.return) props.onNext();
			else if (input === 'q' || key.escape) props.onQuit();
		},
		{isActive: props.active},
	);
	const source = props.source;
	const from =
		source?.kind === 'profile'
			? t.sourceProfile(source.name)
			: source?.kind === 'environment'
				? t.sourceEnvironment
				: source?.kind === 'sandbox'
					? t.sourceSandbox(source.endpoint)
					: t.sourceDefault;
	const labelWidth = Math.max(cells(t.account), cells(t.principal), cells(t.source)) + 1;
	return (
		<Box flexDirection="column">
			<Text bold color={colourOf('good', colour)}>
				✓ {t.title}
			</Text>
			<Text>
				{fitCells(t.account, labelWidth)} {props.identity.accountId}
			</Text>
			{/* The ARN whole, for the terminal to wrap (a long assumed-role ARN is copied from here). */}
			{copyRows(plain(`${fitCells(t.principal, labelWidth)} ${props.identity.arn}`), terminalColumns ?? columns).map((line, index) => (
				<StyledLine key={index} line={line} />
			))}
			<Text>
				{fitCells(t.source, labelWidth)} {from}
			</Text>
			{props.endpointUrl && source?.kind !== 'sandbox' ? <Text dimColor>{t.endpoint(props.endpointUrl)}</Text> : null}
			{props.identity.kind === 'root' ? <Text color={colourOf('warn', colour)}>! {t.root}</Text> : null}
			<Text> </Text>
			<Text>{t.next}</Text>
		</Box>
	);
}
