import type {Messages} from '../core/i18n/en.js';
import type {Language} from '../core/i18n/language.js';

/**
 * One language's catalog, loaded alone: in the bundle each is its own chunk, so a command that speaks
 * English compiles none of the Japanese (about 135 KB) and `policy` starts faster (docs/contributing.md,
 * 'The build'). core/i18n's messagesFor loads both, for code that cannot wait.
 */
export const loadMessages = async (language: Language): Promise<Messages> =>
	language === 'ja' ? (await import('../core/i18n/ja.js')).ja : (await import('../core/i18n/en.js')).en;
