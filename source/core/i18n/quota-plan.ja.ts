/** クォータ計画の画面 (ターミナルでの `workshop plan`) の文言。形は quota-plan.en.ts と同じ。 */
import type {QuotaMeasure} from '../workshop/quota-plan.js';
import type {QuotaPlanMessages} from './quota-plan.en.js';

const number = (value: number): string => value.toLocaleString('ja-JP');

const measureLong: Readonly<Record<QuotaMeasure, string>> = {
	'tokens-per-minute': 'トークン/分',
	'requests-per-minute': 'リクエスト/分',
	'tokens-per-day': 'トークン/日',
};

export const quotaPlanJa: QuotaPlanMessages = {
	title: (seats, region) => `${region} の ${seats} 席分の Bedrock クォータ`,
	rate: (rpm, input, output, hours) =>
		`1 席あたり: 1 分に ${rpm} リクエスト、1 回に入力 ${number(input)} トークンと出力 ${number(output)} トークン、1 日 ${hours} 時間。`,
	enough: (seats) => `✓ 余裕があります: この利用量なら ${seats} 席分をクォータでまかなえます。`,
	notEnough: (count) => `✗ このクラスには足りません: ${count} 件のクォータが不足し、参加者に「Too many tokens」(ThrottlingException) が返ります。`,
	shortBy: (by, measure, model, crossRegion) =>
		`${model} (${crossRegion ? 'クロスリージョン' : 'オンデマンド'}) の ${measureLong[measure]} が ${number(by)} 不足`,
	incomplete: '? 見つからないクォータがあるため、判定は完全ではありません。下の注記を参照してください。',
	requestsNote: 'AWS は bedrock-runtime でリクエスト/分のクォータをもう適用していないとしています。Service Quotas に残っている場合だけ表示します。',
};
