/**
 * The quota plan's screen (`workshop plan` in a terminal, ui/quota-plan/): the heading, and the verdict in
 * words, short by how much of what for which model. The table's columns and marks are the plain table's
 * (workshop.en.ts, `quotas`). Japanese: quota-plan.ja.ts.
 */
import type {QuotaMeasure} from '../workshop/quota-plan.js';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const number = (value: number): string => value.toLocaleString('en-US');

const measureLong: Readonly<Record<QuotaMeasure, string>> = {
	'tokens-per-minute': 'tokens per minute',
	'requests-per-minute': 'requests per minute',
	'tokens-per-day': 'tokens per day',
};

export const quotaPlanEn = () => ({
	title: (seats: number, region: string) => `Bedrock quotas for ${plural(seats, 'seat')} in ${region}`,
	rate: (rpm: number, input: number, output: number, hours: number) =>
		`Each seat: ${rpm} requests a minute, ${number(input)} input and ${number(output)} output tokens each, ${hours} hours a day.`,
	enough: (seats: number) => `✓ Enough headroom: the quotas cover ${plural(seats, 'seat')} at this rate.`,
	notEnough: (count: number) =>
		`✗ Not enough for this class: ${plural(count, 'quota')} ${count === 1 ? 'falls' : 'fall'} short, and participants will get "Too many tokens" (ThrottlingException).`,
	shortBy: (by: number, measure: QuotaMeasure, model: string, crossRegion: boolean) =>
		`Short by ${number(by)} ${measureLong[measure]} for ${model} (${crossRegion ? 'cross-Region' : 'on-demand'})`,
	incomplete: '? Not every quota was found, so the verdict is incomplete: see the note below.',
	requestsNote: 'AWS says it no longer enforces requests-per-minute quotas on bedrock-runtime; they are shown where Service Quotas still lists them.',
});

export type QuotaPlanMessages = ReturnType<typeof quotaPlanEn>;
