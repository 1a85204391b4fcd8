import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import type {CreateState} from '../../flows/create/machine.js';
import {CopyNote, useCopy} from '../components/use-copy.js';
import {ScrollView} from '../components/scroll-view.js';
import {doneLines, type CopyTarget} from '../done-lines.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface DoneScreenProps {
	readonly state: CreateState;
	readonly active: boolean;
	readonly height: number;
	readonly onExit: () => void;
	/** Told when the key is shown or hidden again (the footer names what r does next). */
	readonly onReveal?: (revealed: boolean) => void;
}

/**
 * The key masked, r to reveal it, where the files went, and how to use it. `c` copies what is on screen:
 * the first snippet (or path) in view, or the key, but the key only once it is revealed and in view, so
 * a secret reaches the clipboard only when the person can see that it is the key they copy
 * (docs/security.md, "Copying").
 */
export function DoneScreen(props: DoneScreenProps) {
	const {messages, colour, columns, terminalColumns, final} = useUi();
	const [revealed, setRevealed] = useState(false);
	const [view, setView] = useState<readonly [number, number]>([0, 0]);
	const {copied, copy} = useCopy();
	const [copiedFrom, setCopiedFrom] = useState<number | undefined>(undefined);
	const t = messages.ui.done;
	// The last frame stays on the terminal after exit: never leave the key there in clear.
	const reveal = (shown: boolean): void => {
		setRevealed(shown);
		props.onReveal?.(shown);
	};
	const leave = (): void => {
		reveal(false);
		setTimeout(props.onExit, 50);
	};
	// The frame left on the terminal after exit never holds the key in clear, however the TUI was closed (a signal too).
	// Made once per state, size and reveal, not on each scroll step (every scroll step sets `view`).
	const shown = revealed && !final;
	const {lines, targets} = useMemo(
		() => doneLines(props.state, messages, columns, shown, terminalColumns ?? columns),
		[props.state, messages, columns, shown, terminalColumns],
	);
	const target = targetInView(targets, view[0], view[1]);
	// A note is about what was copied; once another thing is in view, the line names that instead.
	const shownNote = copied && copiedFrom === target?.from ? copied : undefined;
	return (
		<Box flexDirection="column">
			<Text bold color={colourOf(props.state.report?.pass ? 'good' : 'bad', colour)}>
				{props.state.report?.pass ? t.title : t.failedTitle}
			</Text>
			<ScrollView
				lines={lines}
				// The same height whatever the line under it says (what c copies, or what it copied, over up to three
				// lines: the finished screen has no notices, so the rows are there); a view that shrank with the note
				// would change what is in view, and so the note.
				height={props.height}
				active={props.active}
				onEnter={leave}
				onQuit={leave}
				onBack={leave}
				onView={(first, last) => setView((current) => (current[0] === first && current[1] === last ? current : [first, last]))}
				onKey={(input) => {
					if (input === 'r') reveal(!revealed);
					if (input === 'c' && target) {
						copy(target);
						setCopiedFrom(target.from);
					}
				}}
			/>
			{shownNote ? <CopyNote copied={shownNote} /> : target && !final ? <Text dimColor>{messages.ui.keys.copyWhat(target.what)}</Text> : null}
		</Box>
	);
}

/**
 * What `c` copies in the lines [first, last): the first thing wholly in view, else the one with most lines
 * in view; the key only when wholly in view (the person sees that it is the key they copy).
 */
function targetInView(targets: readonly CopyTarget[], first: number, last: number): CopyTarget | undefined {
	const whole = targets.find((target) => target.from >= first && target.to <= last);
	if (whole) return whole;
	const seen = (target: CopyTarget): number => Math.min(target.to, last) - Math.max(target.from, first);
	return targets.filter((target) => target.file !== undefined && seen(target) > 0).sort((a, b) => seen(b) - seen(a))[0];
}
