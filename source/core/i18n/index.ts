import {en, type Messages} from './en.js';
import {ja} from './ja.js';
import type {Language} from './language.js';

export type {Messages} from './en.js';
export {detectLanguage, languages, type Language} from './language.js';

export const messagesFor = (language: Language): Messages => (language === 'ja' ? ja : en);
