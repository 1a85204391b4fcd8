import {Text} from 'ink';
import {useEffect, useState} from 'react';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner() {
	const {motion, colour} = useUi();
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		if (!motion) return;
		const timer = setInterval(() => setFrame((current) => (current + 1) % frames.length), 80);
		return () => clearInterval(timer);
	}, [motion]);
	return <Text color={colourOf('accent', colour)}>{frames[frame]}</Text>;
}
