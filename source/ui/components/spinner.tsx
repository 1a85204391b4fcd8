import {Text} from 'ink';
import {useEffect, useState} from 'react';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner() {
	const {motion, colour, final} = useUi();
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		if (!motion || final) return;
		const timer = setInterval(() => setFrame((current) => (current + 1) % frames.length), 80);
		return () => clearInterval(timer);
	}, [motion, final]);
	// Nothing is under way any more in the frame left after exit: a dash where the spinner was.
	if (final) return <Text>-</Text>;
	return <Text color={colourOf('accent', colour)}>{frames[frame]}</Text>;
}
