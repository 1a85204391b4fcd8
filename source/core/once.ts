/** The first call makes the value (a promise too: started once); every later call gets that value. `make` never gives undefined. */
export function once<T>(make: () => T): () => T {
	let made: T | undefined;
	return () => (made ??= make());
}
