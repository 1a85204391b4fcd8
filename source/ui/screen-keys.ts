/** The footer of each screen: the keys that screen acts on, in the person's language. */
import type {Messages} from '../core/i18n/index.js';

export type ScreenId =
	| 'connecting'
	| 'signed-out'
	| 'guided'
	| 'welcome'
	| 'region'
	| 'models'
	| 'key'
	| 'review'
	| 'review-question'
	| 'working'
	| 'done'
	| 'error'
	| 'quit-dialog';

export function screenKeys(screen: ScreenId, messages: Messages): readonly string[] {
	const k = messages.ui.keys;
	switch (screen) {
		case 'connecting':
		case 'working':
			return [k.explain, k.quit];
		case 'signed-out':
			return [k.move, k.confirm, k.explain, k.quit];
		case 'guided':
			return [k.confirm, k.back, k.explain, k.ctrlC];
		case 'welcome':
			return [k.next, k.explain, k.quit];
		case 'region':
			return [k.move, k.filter, k.confirm, k.back, k.explain, k.quit];
		case 'models':
			return [k.move, k.filter, k.toggle, k.confirm, k.back, k.explain, k.quit];
		case 'key':
			return [k.move, k.toggle, '←→', k.confirm, k.back, k.explain, k.ctrlC];
		case 'review':
			return [k.scroll, k.apply, k.back, k.explain, k.quit];
		case 'review-question':
			return [k.move, k.confirm, k.back, k.explain, k.quit];
		case 'done':
			return [k.reveal, k.copy, k.scroll, k.exit, k.explain];
		case 'error':
			return [k.move, k.confirm, k.explain, k.quit];
		case 'quit-dialog':
			return ['r', 'k', 'esc'];
	}
}
