/** Claude Code's slots: which chosen id each one is pinned to, and the picker's defaults per Region. */
import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../../source/core/catalog/index.js';
import {assignSlots, claudeFamily, compareStrength, defaultClaudeCodeModels} from '../../../source/core/clients/claude-code.js';
import {clientNeeds} from '../../../source/core/clients/index.js';

const haiku45 = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const sonnet5 = 'us.anthropic.claude-sonnet-5';
const opus5 = 'us.anthropic.claude-opus-5';

describe('Claude Code slots', () => {
	it('reads the family and version of Claude ids in every form, and nothing else', () => {
		expect(claudeFamily(haiku45)).toEqual({family: 'haiku', version: [4, 5]});
		expect(claudeFamily('anthropic.claude-opus-4-6-v1')).toEqual({family: 'opus', version: [4, 6]});
		expect(claudeFamily('global.anthropic.claude-sonnet-5')).toEqual({family: 'sonnet', version: [5]});
		expect(claudeFamily('openai.gpt-oss-120b-1:0')).toBeUndefined();
	});

	it('orders Opus before Sonnet before Haiku, newer first, a geographic profile before the global one', () => {
		expect(
			[haiku45, 'us.anthropic.claude-opus-4-8', sonnet5, opus5, 'global.anthropic.claude-opus-5', 'us.anthropic.claude-haiku-5-5'].sort(compareStrength),
		).toEqual([opus5, 'global.anthropic.claude-opus-5', 'us.anthropic.claude-opus-4-8', sonnet5, 'us.anthropic.claude-haiku-5-5', haiku45]);
	});

	it('Haiku 4.5 + Sonnet 5 + Opus 5: main and Opus on Opus 5, Sonnet on Sonnet 5, the background model on Haiku 4.5', () => {
		expect(assignSlots([haiku45, sonnet5, opus5, 'openai.gpt-oss-120b-1:0'])).toEqual({main: opus5, opus: opus5, sonnet: sonnet5, haiku: haiku45});
	});

	it('a missing family falls back to a chosen model, never to one outside the choice', () => {
		expect(assignSlots([sonnet5])).toEqual({main: sonnet5, opus: sonnet5, sonnet: sonnet5, haiku: sonnet5});
		expect(assignSlots([opus5, haiku45])).toEqual({main: opus5, opus: opus5, sonnet: haiku45, haiku: haiku45});
		expect(assignSlots(['openai.gpt-oss-120b-1:0'])).toBeUndefined();
	});

	it('the picker defaults: one callable profile per family in the Region', () => {
		const defaults = defaultClaudeCodeModels(bundledCatalog(), 'us-west-2');
		expect(defaults.map((id) => claudeFamily(id)?.family)).toEqual(['opus', 'sonnet', 'haiku']);
		expect(defaults.every((id) => id.startsWith('us.'))).toBe(true);
	});

	it('what each client needs from the policy and the probes', () => {
		expect(clientNeeds(['claude-code'], false)).toEqual({surfaces: ['runtime'], profileReads: true, mantle: false});
		expect(clientNeeds(['openai'], false)).toEqual({surfaces: ['runtime', 'openai'], profileReads: false, mantle: false});
		expect(clientNeeds(['openai'], true).surfaces).toEqual(['runtime', 'openai', 'mantle']);
		expect(clientNeeds(['curl'], false).surfaces).toEqual(['runtime', 'openai', 'anthropic']);
		expect(clientNeeds(['boto3', 'vercel-ai', 'litellm'], false)).toEqual({surfaces: ['runtime'], profileReads: false, mantle: false});
	});
});
