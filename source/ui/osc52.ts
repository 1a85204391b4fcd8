/**
 * Copy to the clipboard with the OSC 52 escape sequence: it works over SSH and needs no clipboard
 * tool, as long as the terminal allows it (tmux needs `set -g set-clipboard on`).
 */
export const osc52 = (text: string): string => `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
