import type {Language} from '../core/i18n/language.js';

/** Flags every command accepts (docs/architecture.md, 'The CLI contract'). */
export interface GlobalOptions {
	readonly region?: string;
	readonly profile?: string;
	readonly endpointUrl?: string;
	readonly sandbox: boolean;
	readonly lang: Language;
	readonly json: boolean;
	readonly input: boolean;
	readonly plain: boolean;
	readonly yes: boolean;
	readonly debug: boolean;
	/** Walkthrough mode: explanations open on every screen of the TUI. */
	readonly explain: boolean;
}
