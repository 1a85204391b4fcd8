/** The terminal's size, following resizes, so the screens adapt to narrower and wider terminals. */
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export function useTerminalSize(fixed?: {columns?: number; rows?: number}): {columns: number; rows: number} {
	const {stdout} = useStdout();
	// 0 rows or columns is a terminal nobody sized: unknown, like undefined (never a 0-row layout).
	const read = () => ({columns: fixed?.columns ?? (stdout.columns || 80), rows: fixed?.rows ?? (stdout.rows || 24)});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = (): void => setSize(read());
		stdout.on('resize', onResize);
		return () => void stdout.off('resize', onResize);
	}, [stdout]);
	return size;
}
