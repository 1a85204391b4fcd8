import {Box, Text, useInput} from 'ink';
import {useEffect, useState} from 'react';
import type {Catalog} from '../../core/catalog/index.js';
import type {PolicyPlan} from '../../core/policy/index.js';
import type {ProbeResult} from '../../core/verify/report.js';
import {Problem} from '../../core/problem.js';
import {Secret} from '../../core/secret.js';
import {ACCOUNT_ID, guidedPolicy, guidedProbes} from '../../flows/guided/guided-console.js';
import {INLINE_POLICY_NAME} from '../../flows/create/review.js';
import {copyRows, plain, wrapLine, wrapText, type Line} from '../cells.js';
import {ProbeTable} from '../components/probe-table.js';
import {ScrollView} from '../components/scroll-view.js';
import {TextField} from '../components/text-field.js';
import {CopyNote, useCopy} from '../components/use-copy.js';
import type {ListFocus} from '../components/use-select-list.js';
import {jsonLine} from '../review-lines.js';
import {ModelsScreen} from '../screens/models-screen.js';
import {RegionScreen} from '../screens/region-screen.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface GuidedHost {
	readonly catalog: Catalog;
	/** Runs the live check of a pasted key; reports each probe as it settles. */
	readonly verify: (
		token: string,
		plan: PolicyPlan,
		region: string,
		onResult: (index: number, result: ProbeResult, retrying: boolean) => void,
	) => Promise<readonly ProbeResult[]>;
}

type Stage = 'account' | 'region' | 'models' | 'steps' | 'paste' | 'verifying' | 'result';

export interface GuidedConsoleProps {
	readonly host: GuidedHost;
	readonly active: boolean;
	readonly height: number;
	readonly onDone: () => void;
	/** Told which list has the keys (the Region or models stage, and where in it), or none, for the footer. */
	readonly onList?: (list: GuidedList | undefined) => void;
}

export interface GuidedList {
	/** The Region or models list, or the policy to paste (its own keys: scroll, c copy). */
	readonly screen: 'region' | 'models' | 'guided-policy';
	readonly focus: ListFocus;
}

/** The article's path done right: console steps with the console's own words, the policy, then live proof. */
export function GuidedConsole(props: GuidedConsoleProps) {
	const {messages, colour, columns, terminalColumns, clipboard} = useUi();
	const t = messages.ui.guided;
	const {copied, copy} = useCopy();
	// The policy is saved as a file as soon as it is shown (its name is on screen), to paste from it.
	const [savedPolicy, setSavedPolicy] = useState<string | undefined>(undefined);
	const [stage, setStage] = useState<Stage>('account');
	const [accountId, setAccountId] = useState('');
	const [accountProblem, setAccountProblem] = useState(false);
	const [region, setRegion] = useState<string | undefined>(undefined);
	const [modelIds, setModelIds] = useState<readonly string[] | undefined>(undefined);
	const [plan, setPlan] = useState<PolicyPlan | undefined>(undefined);
	const [planProblem, setPlanProblem] = useState<string | undefined>(undefined);
	const [focus, setFocus] = useState<ListFocus>('filter');
	const onList = props.onList;
	useEffect(
		() => onList?.(stage === 'region' || stage === 'models' ? {screen: stage, focus} : stage === 'steps' ? {screen: 'guided-policy', focus} : undefined),
		[onList, stage, focus],
	);
	const policyJson = stage === 'steps' ? plan?.compiled.json : undefined;
	useEffect(() => {
		if (!policyJson || !clipboard) return;
		let current = true;
		clipboard.save('policy.json', policyJson).then(
			(path) => current && setSavedPolicy(path),
			() => undefined,
		);
		return () => void (current = false);
	}, [policyJson, clipboard]);
	const [token, setToken] = useState('');
	const [results, setResults] = useState<ReadonlyArray<{result: ProbeResult; retrying: boolean} | undefined>>([]);

	useInput(
		(input, key) => {
			if (key.return) props.onDone();
			else if (key.escape) setStage('paste');
			else if (input === 'q') props.onDone();
		},
		{isActive: props.active && stage === 'result'},
	);

	const check = (pasted: string): void => {
		if (!plan || !region || pasted.trim().length === 0) return;
		setToken(pasted.trim());
		setResults([]);
		setStage('verifying');
		void props.host
			.verify(pasted.trim(), plan, region, (index, result, retrying) =>
				setResults((current) => {
					const next = [...current];
					next[index] = {result, retrying};
					return next;
				}),
			)
			.then(() => setStage('result'));
	};

	const intro = wrapText(t.intro, columns).map((line, index) => <Text key={`i${index}`}>{line.map((s) => s.text).join('')}</Text>);
	if (stage === 'account')
		return (
			<Box flexDirection="column">
				<Text bold>{t.title}</Text>
				{intro}
				<Text> </Text>
				<TextField
					label={t.accountPrompt}
					initial={accountId}
					active={props.active}
					onChange={() => setAccountProblem(false)}
					onSubmit={(value) => {
						if (!ACCOUNT_ID.test(value.trim())) return setAccountProblem(true);
						setAccountId(value.trim());
						setStage('region');
					}}
					onBack={props.onDone}
				/>
				{accountProblem ? <Text color={colourOf('bad', colour)}>✗ {t.accountInvalid}</Text> : null}
			</Box>
		);
	if (stage === 'region')
		return (
			<RegionScreen
				catalog={props.host.catalog}
				{...(region ? {initial: region} : {})}
				active={props.active}
				height={props.height}
				onChoose={(chosen) => (setRegion(chosen), setStage('models'))}
				onBack={() => setStage('account')}
				onQuit={props.onDone}
				onFocus={setFocus}
			/>
		);
	if (stage === 'models')
		return (
			<Box flexDirection="column">
				<ModelsScreen
					catalog={props.host.catalog}
					region={region!}
					{...(modelIds ? {initial: modelIds} : {})}
					active={props.active}
					height={props.height - 1}
					onChoose={(chosen) => {
						setModelIds(chosen);
						try {
							setPlan(guidedPolicy({catalog: props.host.catalog, region: region!, accountId, modelIds: chosen}, messages));
							setPlanProblem(undefined);
							setStage('steps');
						} catch (error) {
							setPlanProblem(error instanceof Problem ? error.textIn(messages).message : (error as Error).message);
						}
					}}
					onBack={() => setStage('region')}
					onQuit={props.onDone}
					onFocus={setFocus}
				/>
				{planProblem ? <Text color={colourOf('bad', colour)}>✗ {planProblem}</Text> : null}
			</Box>
		);
	if (stage === 'steps') {
		const lines: Line[] = [plain(t.steps, 'accent', true)];
		t.step(INLINE_POLICY_NAME).forEach((step, index) => lines.push(...wrapLine(plain(`${index + 1}. ${step}`), columns, 3)));
		lines.push([], plain(t.policy, 'accent', true));
		// Each line of the policy whole, for the terminal to wrap: a copy from the screen is the policy exactly.
		for (const text of plan!.compiled.json.trimEnd().split('\n')) lines.push(...copyRows(jsonLine(text), terminalColumns ?? columns));
		return (
			<Box flexDirection="column">
				<Text bold>{t.title}</Text>
				<ScrollView
					lines={lines}
					// One line under it: where the policy is saved, then what c sent.
					height={Math.max(3, props.height - (copied ? 2 : 1))}
					active={props.active}
					onEnter={() => setStage('paste')}
					onBack={() => setStage('models')}
					onQuit={props.onDone}
					onKey={(input) => input === 'c' && copy({what: messages.ui.copy.policy, text: plan!.compiled.json, file: 'policy.json'})}
				/>
				{copied ? <CopyNote copied={copied} /> : savedPolicy ? <Text dimColor>{messages.ui.copy.savedIn(savedPolicy)}</Text> : <Text> </Text>}
			</Box>
		);
	}
	if (stage === 'paste')
		return (
			<Box flexDirection="column">
				<Text bold>{t.title}</Text>
				<TextField label={t.pastePrompt} hint={t.pasteHint} masked active={props.active} onSubmit={check} onBack={() => setStage('steps')} />
			</Box>
		);
	const specs = guidedProbes(plan!);
	const rows = specs.map((spec, index) => {
		const entry = results[index];
		return {
			spec: {target: spec.target, auth: spec.auth, expected: spec.expected, operation: spec.request.operation},
			...(entry ? {result: entry.result, retrying: entry.retrying && stage === 'verifying'} : {}),
		};
	});
	const pass = rows.length > 0 && rows.every((row) => row.result?.pass);
	return (
		<Box flexDirection="column">
			<Text bold>{t.title}</Text>
			<Text dimColor>{t.pasted(new Secret(token).maskedWith(messages.ui.maskedKey))}</Text>
			<Text>{stage === 'verifying' ? t.verifying : ''}</Text>
			<ProbeTable rows={rows} />
			{stage === 'result' ? (
				<Text bold color={colourOf(pass ? 'good' : 'bad', colour)}>
					{pass ? `✓ ${t.works}` : `✗ ${t.doesNotWork}`}
				</Text>
			) : null}
		</Box>
	);
}
