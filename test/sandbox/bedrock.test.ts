import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {createBedrockRouter} from '../../source/sandbox/bedrock/index.js';
import {accountId, dispatch, fakeContext, jsonBody, marketplaceGrants, type FakeOptions} from './bedrock-handler-context.js';

const catalog = bundledCatalog();
const router = createBedrockRouter({catalog});

async function call(options: FakeOptions) {
	const context = fakeContext(options);
	const response = await dispatch(router, context);
	return {context, response, body: jsonBody(response)};
}

type Summary = Record<string, unknown> & {modelId: string};
const summaries = (body: Record<string, unknown>): Summary[] => body['modelSummaries'] as Summary[];
const ids = (body: Record<string, unknown>): string[] => summaries(body).map((summary) => summary.modelId);

describe('routing', () => {
	it('matches each operation by method and path, and nothing else', () => {
		const route = (method: string, rawPath: string) => router({method, rawPath, query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0)})?.operation;
		expect(route('GET', '/foundation-models')).toBe('ListFoundationModels');
		expect(route('GET', '/foundation-models/amazon.nova-lite-v1%3A0')).toBe('GetFoundationModel');
		expect(route('GET', '/inference-profiles')).toBe('ListInferenceProfiles');
		expect(route('GET', '/inference-profiles/us.amazon.nova-lite-v1%3A0')).toBe('GetInferenceProfile');
		expect(route('GET', '/foundation-model-availability/x')).toBe('GetFoundationModelAvailability');
		expect(route('GET', '/list-foundation-model-agreement-offers/x')).toBe('ListFoundationModelAgreementOffers');
		expect(route('POST', '/create-foundation-model-agreement')).toBe('CreateFoundationModelAgreement');
		expect(route('POST', '/foundation-models')).toBeUndefined();
		expect(route('GET', '/guardrails')).toBeUndefined();
	});
});

describe('ListFoundationModels', () => {
	it('lists ACTIVE and LEGACY models offered in the region, never end-of-life ones', async () => {
		const {body} = await call({path: '/foundation-models'});
		const listed = ids(body);
		expect(listed).toContain('amazon.nova-lite-v1:0');
		expect(listed).toContain('anthropic.claude-sonnet-4-5-20250929-v1:0'); // LEGACY, profile-only here
		expect(listed).not.toContain('anthropic.claude-3-opus-20240229-v1:0'); // EOL
		expect(listed).not.toContain('anthropic.claude-3-haiku-20240307-v1:0'); // LEGACY, but not offered in us-east-1
		expect(summaries(body).every((summary) => ['ACTIVE', 'LEGACY'].includes((summary['modelLifecycle'] as {status: string}).status))).toBe(true);
	});

	it("lists a model whose own Regions the sources left out where its profiles route (Claude Haiku 5.5), so a profile's model is always known", async () => {
		const {body} = await call({path: '/foundation-models', region: 'us-west-2'});
		const haiku = summaries(body).find((summary) => summary.modelId === 'anthropic.claude-haiku-5-5');
		expect(haiku?.['inferenceTypesSupported']).toEqual(['INFERENCE_PROFILE']);
	});

	it('answers the region it is asked in', async () => {
		const {body} = await call({path: '/foundation-models', region: 'ca-central-1'});
		expect(ids(body)).toContain('anthropic.claude-3-haiku-20240307-v1:0');
		expect(summaries(body)[0]?.['modelArn']).toMatch(/^arn:aws:bedrock:ca-central-1::foundation-model\//);
	});

	it('gives every field the SDK knows, with inference types from the region', async () => {
		const {body} = await call({path: '/foundation-models'});
		const nova = summaries(body).find((summary) => summary.modelId === 'amazon.nova-lite-v1:0');
		expect(nova).toEqual({
			modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
			modelId: 'amazon.nova-lite-v1:0',
			modelName: expect.any(String),
			providerName: 'Amazon',
			inputModalities: expect.arrayContaining(['TEXT']),
			outputModalities: ['TEXT'],
			responseStreamingSupported: true,
			customizationsSupported: [],
			inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
			modelLifecycle: {status: 'ACTIVE'},
		});
		const haiku = summaries(body).find((summary) => summary.modelId === 'anthropic.claude-haiku-4-5-20251001-v1:0');
		expect(haiku?.['inferenceTypesSupported']).toEqual(['INFERENCE_PROFILE']);
	});

	it('gives a LEGACY model its end-of-life time as an RFC 3339 date-time', async () => {
		const {body} = await call({path: '/foundation-models'});
		const sonnet = summaries(body).find((summary) => summary.modelId === 'anthropic.claude-sonnet-4-5-20250929-v1:0');
		expect(sonnet?.['modelLifecycle']).toEqual({status: 'LEGACY', endOfLifeTime: '2027-04-08T00:00:00.000Z'});
	});

	it('filters by provider (case-insensitively), output modality and inference type', async () => {
		const anthropic = await call({path: '/foundation-models', query: {byProvider: 'anthropic'}});
		expect(summaries(anthropic.body).length).toBeGreaterThan(0);
		expect(new Set(summaries(anthropic.body).map((summary) => summary['providerName']))).toEqual(new Set(['Anthropic']));

		const embeddings = await call({path: '/foundation-models', query: {byOutputModality: 'EMBEDDING'}});
		expect(ids(embeddings.body)).toContain('amazon.titan-embed-text-v2:0');
		expect(ids(embeddings.body)).not.toContain('amazon.nova-lite-v1:0');

		const onDemand = await call({path: '/foundation-models', query: {byInferenceType: 'ON_DEMAND'}});
		expect(ids(onDemand.body)).toContain('amazon.nova-lite-v1:0');
		expect(ids(onDemand.body)).not.toContain('anthropic.claude-haiku-4-5-20251001-v1:0');

		const customizable = await call({path: '/foundation-models', query: {byCustomizationType: 'FINE_TUNING'}});
		expect(ids(customizable.body)).toEqual([]);
	});

	it('rejects a filter value outside the enum with a ValidationException', async () => {
		await expect(call({path: '/foundation-models', query: {byOutputModality: 'SMELL'}})).rejects.toMatchObject({
			code: 'ValidationException',
			status: 400,
			message: expect.stringContaining("Value 'SMELL' at 'byOutputModality'"),
		});
	});

	it('authorizes bedrock:ListFoundationModels on * and says who was denied', async () => {
		const allowed = await call({path: '/foundation-models', allow: [{action: 'bedrock:ListFoundationModels', resource: '*'}]});
		expect(allowed.context.authorizations).toEqual([{action: 'bedrock:ListFoundationModels', resource: '*', context: undefined}]);
		await expect(call({path: '/foundation-models', allow: []})).rejects.toMatchObject({
			code: 'AccessDeniedException',
			status: 403,
			message: expect.stringContaining('is not authorized to perform: bedrock:ListFoundationModels on resource: *'),
		});
	});
});

describe('GetFoundationModel', () => {
	it('answers by id and by ARN, authorized on the model ARN', async () => {
		const byId = await call({path: '/foundation-models/amazon.nova-lite-v1%3A0'});
		expect((byId.body['modelDetails'] as Summary).modelId).toBe('amazon.nova-lite-v1:0');
		expect(byId.context.authorizations[0]).toMatchObject({
			action: 'bedrock:GetFoundationModel',
			resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
		});
		const arn = encodeURIComponent('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0');
		const byArn = await call({path: `/foundation-models/${arn}`});
		expect(byArn.body).toEqual(byId.body);
	});

	it('calls an unknown id invalid and an end-of-life model gone', async () => {
		await expect(call({path: '/foundation-models/acme.nothing-v1'})).rejects.toMatchObject({
			code: 'ValidationException',
			message: 'The provided model identifier is invalid.',
		});
		await expect(call({path: '/foundation-models/anthropic.claude-3-opus-20240229-v1%3A0'})).rejects.toMatchObject({
			code: 'ResourceNotFoundException',
			status: 404,
			message: expect.stringMatching(/^This model version has reached the end of its life\./),
		});
	});

	it('calls a model this region does not offer invalid', async () => {
		await expect(call({path: `/foundation-models/${encodeURIComponent('anthropic.claude-3-haiku-20240307-v1:0')}`})).rejects.toMatchObject({
			code: 'ValidationException',
		});
		const there = await call({path: `/foundation-models/${encodeURIComponent('anthropic.claude-3-haiku-20240307-v1:0')}`, region: 'ca-central-1'});
		expect((there.body['modelDetails'] as Summary).modelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
	});

	it('denies before it looks the model up', async () => {
		await expect(call({path: '/foundation-models/acme.nothing-v1', allow: []})).rejects.toMatchObject({code: 'AccessDeniedException'});
	});
});

describe('ListInferenceProfiles and GetInferenceProfile', () => {
	type Profile = {inferenceProfileId: string; inferenceProfileArn: string; models: Array<{modelArn: string}>; [key: string]: unknown};
	const profiles = (body: Record<string, unknown>): Profile[] => body['inferenceProfileSummaries'] as Profile[];

	it('lists the system profiles sourced from the region, with the destination model ARNs', async () => {
		const {body} = await call({path: '/inference-profiles'});
		const listed = profiles(body);
		expect(listed.map((profile) => profile.inferenceProfileId)).not.toContain('eu.amazon.nova-2-lite-v1:0');
		const haiku = listed.find((profile) => profile.inferenceProfileId === 'us.anthropic.claude-haiku-4-5-20251001-v1:0');
		expect(haiku).toMatchObject({
			inferenceProfileArn: `arn:aws:bedrock:us-east-1:${accountId}:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0`,
			status: 'ACTIVE',
			type: 'SYSTEM_DEFINED',
			inferenceProfileName: expect.stringContaining('Claude Haiku 4.5'),
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			description: expect.any(String),
		});
		expect(haiku?.models).toEqual(
			['us-east-1', 'us-east-2', 'us-west-2'].map((region) => ({
				modelArn: `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0`,
			})),
		);
	});

	it('routes from the asking region: us-west-1 may also land in us-west-1', async () => {
		const {body} = await call({path: '/inference-profiles', region: 'us-west-1'});
		const haiku = profiles(body).find((profile) => profile.inferenceProfileId === 'us.anthropic.claude-haiku-4-5-20251001-v1:0');
		expect(haiku?.models.map((model) => model.modelArn.split(':')[3])).toEqual(['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2']);
		expect(haiku?.inferenceProfileArn).toMatch(/^arn:aws:bedrock:us-west-1:/);
	});

	it('pages with maxResults and nextToken, every profile exactly once', async () => {
		const all = profiles((await call({path: '/inference-profiles'})).body).map((profile) => profile.inferenceProfileId);
		const paged: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const query: Record<string, string> = {maxResults: '7', ...(token ? {nextToken: token} : {})};
			const {body} = await call({path: '/inference-profiles', query});
			const page = profiles(body);
			expect(page.length).toBeLessThanOrEqual(7);
			paged.push(...page.map((profile) => profile.inferenceProfileId));
			token = body['nextToken'] as string | undefined;
			pages++;
		} while (token);
		expect(paged).toEqual(all);
		expect(pages).toBe(Math.ceil(all.length / 7));
	});

	it('filters by type and rejects a bad page token', async () => {
		expect(profiles((await call({path: '/inference-profiles', query: {type: 'APPLICATION'}})).body)).toEqual([]);
		expect(profiles((await call({path: '/inference-profiles', query: {type: 'SYSTEM_DEFINED'}})).body).length).toBeGreaterThan(0);
		await expect(call({path: '/inference-profiles', query: {nextToken: 'garbage!'}})).rejects.toMatchObject({code: 'ValidationException'});
		await expect(call({path: '/inference-profiles', query: {maxResults: '0'}})).rejects.toMatchObject({code: 'ValidationException'});
	});

	it('gets one profile by id or ARN, authorized on the profile ARN', async () => {
		const arn = `arn:aws:bedrock:us-east-1:${accountId}:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0`;
		const byId = await call({path: '/inference-profiles/global.anthropic.claude-haiku-4-5-20251001-v1%3A0'});
		expect(byId.body['inferenceProfileArn']).toBe(arn);
		expect(byId.context.authorizations[0]).toMatchObject({action: 'bedrock:GetInferenceProfile', resource: arn});
		const byArn = await call({path: `/inference-profiles/${encodeURIComponent(arn)}`});
		expect(byArn.body).toEqual(byId.body);
	});

	it('does not find a profile the region cannot call', async () => {
		await expect(call({path: '/inference-profiles/eu.amazon.nova-2-lite-v1%3A0'})).rejects.toMatchObject({code: 'ResourceNotFoundException', status: 404});
	});
});

describe('marketplace agreements', () => {
	const haiku = 'anthropic.claude-haiku-4-5-20251001-v1:0';

	it('reports a third-party model NOT_AVAILABLE until the account has an agreement', async () => {
		const before = await call({path: `/foundation-model-availability/${encodeURIComponent(haiku)}`});
		expect(before.body).toEqual({
			modelId: haiku,
			agreementAvailability: {status: 'NOT_AVAILABLE'},
			authorizationStatus: 'AUTHORIZED',
			entitlementAvailability: 'AVAILABLE',
			regionAvailability: 'AVAILABLE',
		});
		const after = await call({path: `/foundation-model-availability/${encodeURIComponent(haiku)}`, agreements: [haiku]});
		expect(after.body['agreementAvailability']).toEqual({status: 'AVAILABLE'});
	});

	it('needs no agreement for an Amazon model, and says where a model is not offered', async () => {
		const nova = await call({path: '/foundation-model-availability/amazon.nova-lite-v1%3A0'});
		expect(nova.body['agreementAvailability']).toEqual({status: 'AVAILABLE'});
		const elsewhere = await call({path: `/foundation-model-availability/${encodeURIComponent('anthropic.claude-3-haiku-20240307-v1:0')}`});
		expect(elsewhere.body['regionAvailability']).toBe('NOT_AVAILABLE');
	});

	it('lists an offer whose token creates the agreement', async () => {
		const offers = await call({path: `/list-foundation-model-agreement-offers/${encodeURIComponent(haiku)}`});
		const [offer] = offers.body['offers'] as Array<{offerToken: string; termDetails: unknown}>;
		expect(offer?.termDetails).toMatchObject({usageBasedPricingTerm: {rateCard: expect.any(Array)}, legalTerm: {}, supportTerm: {}});
		const context = fakeContext({method: 'POST', path: '/create-foundation-model-agreement', body: {modelId: haiku, offerToken: offer?.offerToken}});
		const response = await dispatch(router, context);
		expect(response.status).toBe(202);
		expect(jsonBody(response)).toEqual({modelId: haiku});
		expect(context.agreements.has(haiku)).toBe(true);
	});

	it('has no offers for an Amazon model', async () => {
		const offers = await call({path: '/list-foundation-model-agreement-offers/amazon.nova-lite-v1%3A0'});
		expect(offers.body['offers']).toEqual([]);
	});

	it('rejects a wrong offer token and a caller without marketplace permissions', async () => {
		await expect(call({method: 'POST', path: '/create-foundation-model-agreement', body: {modelId: haiku, offerToken: 'forged'}})).rejects.toMatchObject({
			code: 'ValidationException',
		});
		const offers = await call({path: `/list-foundation-model-agreement-offers/${encodeURIComponent(haiku)}`});
		const offerToken = (offers.body['offers'] as Array<{offerToken: string}>)[0]?.offerToken;
		const body = {modelId: haiku, offerToken};
		await expect(call({method: 'POST', path: '/create-foundation-model-agreement', body, allow: [{action: 'bedrock:*', resource: '*'}]})).rejects.toMatchObject(
			{code: 'AccessDeniedException', message: expect.stringContaining('aws-marketplace:Subscribe')},
		);
		const permitted = await call({
			method: 'POST',
			path: '/create-foundation-model-agreement',
			body,
			allow: [{action: 'bedrock:*', resource: '*'}, ...marketplaceGrants],
		});
		expect(permitted.response.status).toBe(202);
		expect(permitted.context.authorizations.find((entry) => entry.action === 'aws-marketplace:Subscribe')?.context).toMatchObject({
			'aws:CalledViaLast': 'bedrock.amazonaws.com',
		});
	});
});
