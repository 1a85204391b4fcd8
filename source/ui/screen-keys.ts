/** The footer of each screen: the keys that screen acts on, in the person's language. */
import type {Messages} from '../core/i18n/index.js';
import type {ListFocus} from './components/use-select-list.js';

export type ScreenId =
	| 'connecting'
	| 'signed-out'
	| 'guided'
	| 'guided-policy'
	| 'welcome'
	| 'region'
	| 'clients'
	| 'models'
	| 'key'
	| 'review'
	| 'review-question'
	/** A review question's typed fields (the use-case form): q and ? are letters there. */
	| 'review-text'
	| 'working'
	| 'done'
	| 'done-revealed'
	| 'error'
	| 'quit-dialog'
	| 'quit-dialog-no-keep';

/**
 * `focus` is where a filterable list's keys go (the Region and models screens): in the filter every
 * printable key is text, so only the arrows move, tab goes to the list and ctrl+c quits; in the list j/k
 * move, space selects, tab or / goes back to the filter and q quits.
 */
export function screenKeys(screen: ScreenId, messages: Messages, focus: ListFocus = 'filter'): readonly string[] {
	const k = messages.ui.keys;
	switch (screen) {
		case 'connecting':
		case 'working':
			return [k.explain, k.quit];
		case 'signed-out':
			return [k.move, k.confirm, k.explain, k.quit];
		case 'guided':
			return [k.confirm, k.back, k.explain, k.ctrlC];
		case 'guided-policy':
			return [k.scroll, k.copy, k.next, k.back, k.explain, k.quit];
		case 'welcome':
			return [k.next, k.explain, k.quit];
		case 'region':
			return focus === 'filter'
				? [k.moveArrows, k.filter, k.toList, k.confirm, k.back, k.explain, k.ctrlC]
				: [k.move, k.toFilter, k.confirm, k.back, k.explain, k.quit];
		case 'clients':
			return [k.move, k.toggle, k.confirm, k.back, k.explain, k.quit];
		case 'models':
			return focus === 'filter'
				? [k.moveArrows, k.filter, k.toList, k.confirm, k.back, k.explain, k.ctrlC]
				: [k.move, k.toggle, k.toFilter, k.confirm, k.back, k.explain, k.quit];
		case 'key':
			return [k.move, k.toggle, '←→', k.confirm, k.back, k.explain, k.ctrlC];
		case 'review':
			return [k.scroll, k.copy, k.apply, k.back, k.explain, k.quit];
		case 'review-question':
			return [k.move, k.confirm, k.back, k.explain, k.quit];
		case 'review-text':
			return [k.confirm, k.back, k.ctrlC];
		case 'done':
			return [k.reveal, k.copy, k.scroll, k.exit, k.explain];
		case 'done-revealed':
			return [k.hide, k.copy, k.scroll, k.exit, k.explain];
		case 'error':
			return [k.move, k.confirm, k.explain, k.quit];
		case 'quit-dialog':
			return ['r', 'k', 'esc'];
		case 'quit-dialog-no-keep':
			return ['r', 'esc'];
	}
}
