/**
 * The order of `String.prototype.localeCompare` in English (ICU's root collation), computed without ICU
 * for the printable ASCII without capitals this tool sorts (ARNs, model and inference profile ids): a
 * process's first Intl use loads ICU's data (10 to 30 ms measured), which `policy` paid for sorting ten
 * ids. It does not follow the person's locale (in Danish, localeCompare puts "aa" after "z"): a policy
 * document reads the same everywhere. Other text is compared by localeCompare itself.
 * test/core/text-order.test.ts checks that the two agree.
 */
const ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';
const rank = new Uint8Array(128);
for (let index = 0; index < ORDER.length; index++) rank[ORDER.charCodeAt(index)] = index;
/** Printable ASCII without A-Z: each character has a weight of its own, so the order is character by character. */
const simple = /^[\x20-\x40\x5b-\x7e]*$/;

export function compareText(a: string, b: string): number {
	if (!simple.test(a) || !simple.test(b)) return a.localeCompare(b);
	const length = Math.min(a.length, b.length);
	for (let index = 0; index < length; index++) {
		const difference = rank[a.charCodeAt(index)]! - rank[b.charCodeAt(index)]!;
		if (difference !== 0) return difference < 0 ? -1 : 1;
	}
	return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
