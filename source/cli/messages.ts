import {en, type Messages} from '../core/i18n/en.js';
import type {Language} from '../core/i18n/language.js';

/**
 * One language's catalog: Japanese is loaded only when asked for (its own chunk in the bundle), so a
 * command that speaks English compiles none of it (about 135 KB) and `policy` starts faster
 * (docs/contributing.md, 'The build'). English is imported with this file: every command that reads it
 * has already loaded it through core/problem.ts, and a second `import()` would only wait for another file.
 * core/i18n's messagesFor loads both, for code that cannot wait.
 */
export const loadMessages = async (language: Language): Promise<Messages> => (language === 'ja' ? (await import('../core/i18n/ja.js')).ja : en);
