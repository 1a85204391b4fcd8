export type Language = 'en' | 'ja';

export const languages: readonly Language[] = ['en', 'ja'];

/** `--lang` wins; otherwise the POSIX locale variables in their order of precedence. */
export function detectLanguage(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Language {
	if (flag === 'en' || flag === 'ja') return flag;
	const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
	return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
