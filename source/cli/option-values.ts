/**
 * Commander hands a command its options as unknown values. These read them with their types checked (a
 * text, a list, a switch, one of the declared choices), so each command's options are typed without a
 * cast. A value of another type is a bug in the declaration (cli/program.ts), never the person's mistake.
 * Create's options are read through its questions table instead (flows/create/questions.ts).
 */
export interface OptionValues {
	/** `--name <value>`: the text, or undefined when absent. */
	text(name: string): string | undefined;
	/** A comma-separated, repeatable flag. */
	list(name: string): readonly string[] | undefined;
	/** A switch: false when absent (commander sets a `--no-…` flag's true itself). */
	flag(name: string): boolean;
	/** A flag declared with `.choices()` and a default: always one of them. */
	choice<T extends string>(name: string, choices: readonly T[]): T;
}

export function optionValues(options: Readonly<Record<string, unknown>>): OptionValues {
	const wrong = (name: string, expected: string): Error => new Error(`Option ${name} should be ${expected}, but holds ${JSON.stringify(options[name])}`);
	return {
		text(name) {
			const value = options[name];
			if (value === undefined || typeof value === 'string') return value;
			throw wrong(name, 'a text');
		},
		list(name) {
			const value = options[name];
			if (value === undefined) return undefined;
			if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
			throw wrong(name, 'a list of texts');
		},
		flag(name) {
			const value = options[name] ?? false;
			if (typeof value === 'boolean') return value;
			throw wrong(name, 'a switch');
		},
		choice(name, choices) {
			const value = options[name];
			const found = choices.find((choice) => choice === value);
			if (found === undefined) throw wrong(name, `one of ${choices.join(', ')}`);
			return found;
		},
	};
}
