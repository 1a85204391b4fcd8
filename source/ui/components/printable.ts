/** Text a key handler may insert: no control characters (Ink passes those as named keys anyway). */
export const isPrintable = (input: string): boolean => input.length > 0 && [...input].every((char) => char >= ' ' && char !== '\u007f');
