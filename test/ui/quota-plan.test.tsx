/**
 * `workshop plan` in a terminal (ui/quota-plan/): per model a table of its quotas with a mark, and the verdict in
 * words, enough headroom or short by how much of what for which model, in English and Japanese, within 80
 * columns. The plan is the pure planner's (core/workshop/quota-plan.ts) from quotas as Service Quotas names them.
 */
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {bundledCatalog, findModel} from '../../source/core/catalog/index.js';
import {en} from '../../source/core/i18n/en.js';
import {ja} from '../../source/core/i18n/ja.js';
import {DEFAULT_SEAT_RATE, planQuotas, quotaName, shortfalls} from '../../source/core/workshop/quota-plan.js';
import {QuotaPlanView} from '../../source/ui/quota-plan/quota-plan-view.js';

const catalog = bundledCatalog();
const haiku = findModel(catalog, 'anthropic.claude-haiku-4-5-20251001-v1:0')!;
const nova = findModel(catalog, 'amazon.nova-lite-v1:0')!;
const models = [
	{requestedId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', model: haiku},
	{requestedId: 'amazon.nova-lite-v1:0', model: nova},
];
const quota = (measure: Parameters<typeof quotaName>[0], crossRegion: boolean, model: typeof haiku, value: number) => ({
	code: `L-${measure}-${String(crossRegion)}-${model.modelId}`,
	name: quotaName(measure, crossRegion, model),
	value,
	adjustable: true,
});
const quotas = (haikuTpm: number) => [
	quota('tokens-per-minute', true, haiku, haikuTpm),
	quota('requests-per-minute', true, haiku, 400),
	quota('tokens-per-day', true, haiku, 576_000_000),
	quota('tokens-per-minute', false, nova, 200_000),
	quota('tokens-per-day', false, nova, 288_000_000),
];
const frame = (haikuTpm: number, messages = en, lang = 'en'): string =>
	render(
		<QuotaPlanView
			plan={planQuotas({seats: 30, rate: DEFAULT_SEAT_RATE, models}, quotas(haikuTpm))}
			region="us-west-2"
			messages={messages}
			lang={lang}
			columns={80}
		/>,
	).lastFrame()!;

describe('the quota plan screen', () => {
	it('shows each model as a table and says by how much of what the class falls short, within 80 columns', () => {
		const shown = frame(20_000);
		expect(shown).toContain('Bedrock quotas for 30 seats in us-west-2');
		expect(shown).toMatch(/^Anthropic Claude Haiku 4\.5, cross-Region\s+\(us\.anthropic\.claude-haiku-4-5-20251001-v1:0\)$/m);
		expect(shown).toMatch(/quota\s+quota now\s+class needs\s+headroom\s+verdict/);
		// 30 seats x 2 requests a minute x (1,000 input + 500 output x 5, Claude's burndown).
		expect(shown).toMatch(/tokens\/min\s+20,000\s+210,000\s+-190,000\s+✗ short/);
		expect(shown).toMatch(/requests\/min\s+400\s+60\s+340\s+✓ enough/);
		expect(shown).toContain('Amazon Nova Lite, on-demand (amazon.nova-lite-v1:0)');
		expect(shown).toContain('✗ Not enough for this class: 1 quota falls short');
		expect(shown).toMatch(/^ {2}✗ Short by 190,000 tokens per minute for Anthropic Claude Haiku 4\.5\s+\(cross-Region\)$/m);
		expect(shown).toMatch(/no longer enforces\s+requests-per-minute quotas/);
		// Nova Lite lists no requests-per-minute quota here: not a gap in the plan (AWS no longer enforces them).
		expect(shown).not.toContain('? not found');
		for (const line of shown.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
	});

	it('says there is enough headroom when every quota covers the class', () => {
		const shown = frame(1_000_000);
		expect(shown).toContain('✓ Enough headroom: the quotas cover 30 seats at this rate.');
		expect(shown).not.toContain('Short by');
	});

	it('in Japanese, within 80 columns', () => {
		const shown = frame(20_000, ja, 'ja');
		expect(shown).toContain('us-west-2 の 30 席分の Bedrock クォータ');
		expect(shown).toMatch(/トークン\/分\s+20,000\s+210,000\s+-190,000\s+✗ 不足/);
		expect(shown.replace(/\n\s*/g, '')).toContain('✗ Anthropic Claude Haiku 4.5 (クロスリージョン) の トークン/分 が 190,000 不足');
		expect(shown).toContain('✗ このクラスには足りません');
		for (const line of shown.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
	});

	it('orders the shortfalls, the largest first', () => {
		const plan = planQuotas({seats: 30, rate: DEFAULT_SEAT_RATE, models}, [
			...quotas(20_000).slice(0, 3),
			quota('tokens-per-minute', false, nova, 1),
			quota('tokens-per-day', false, nova, 1),
		]);
		expect(shortfalls(plan).map(({row, by}) => [row.modelName, row.measure, by])).toEqual([
			['Amazon Nova Lite', 'tokens-per-day', 43_200_000 - 1],
			['Anthropic Claude Haiku 4.5', 'tokens-per-minute', 190_000],
			['Amazon Nova Lite', 'tokens-per-minute', 90_000 - 1],
		]);
	});
});
