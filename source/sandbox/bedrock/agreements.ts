/**
 * AWS Marketplace agreements for third-party models: GetFoundationModelAvailability,
 * ListFoundationModelAgreementOffers and CreateFoundationModelAgreement. An admin who creates the
 * agreement spares the key's user the marketplace permissions its first call would otherwise need
 * (docs/aws-facts.md, 'Model access and AWS Marketplace').
 */
import type {Catalog, CatalogModel} from '../../core/catalog/index.js';
import type {HandlerContext, SandboxResponse} from '../contracts.js';
import {AwsServiceError} from '../contracts.js';
import {isOfferedIn, modelResource, requireFoundationModel, requireKnownModel} from './foundation-models.js';
import {decodePathLabel, jsonResponse, readJsonObject, requireAllowed, validationError} from './rest-json.js';

/**
 * Bedrock acts in the marketplace on the caller's behalf, so the caller's marketplace permissions are
 * evaluated with `aws:CalledVia` = bedrock (AmazonBedrockLimitedAccess grants them only under that condition).
 */
export const calledViaBedrock = {
	'aws:CalledVia': ['bedrock.amazonaws.com'],
	'aws:CalledViaFirst': 'bedrock.amazonaws.com',
	'aws:CalledViaLast': 'bedrock.amazonaws.com',
} as const;

/** The actions AWS's marketplace AccessDeniedException names. */
export const marketplaceActions = ['aws-marketplace:ViewSubscriptions', 'aws-marketplace:Subscribe'] as const;

export function mayManageSubscriptions(context: HandlerContext): boolean {
	return marketplaceActions.every((action) => context.authorize(action, '*', calledViaBedrock).allowed);
}

/** Deterministic, so an admin's List -> Create round trip works across sandbox restarts. */
export const offerTokenFor = (modelId: string): string => Buffer.from(`sandbox-offer:${modelId}`).toString('base64url');

/**
 * What `agreementAvailability.errorMessage` says for a subscription that failed (`sandbox --subscription-outcome
 * error`): the reason AWS gives at runtime for an account without a valid payment method. That the field
 * carries these words is **not confirmed** (docs/aws-facts.md, 'Not confirmed'); the runtime's wording is.
 */
export const subscriptionFailedReason = 'INVALID_PAYMENT_INSTRUMENT:A valid payment instrument must be provided.';

function agreementAvailability(context: HandlerContext, model: CatalogModel): {status: string; errorMessage?: string} {
	const status = model.thirdParty ? context.account.modelAgreementStatus(model.modelId) : 'AVAILABLE';
	return status === 'ERROR' ? {status, errorMessage: subscriptionFailedReason} : {status};
}

export async function getFoundationModelAvailability(catalog: Catalog, context: HandlerContext, rawModelId: string): Promise<SandboxResponse> {
	const modelId = decodePathLabel(rawModelId);
	requireAllowed(context, 'bedrock:GetFoundationModelAvailability', modelResource(context.region, modelId));
	const model = requireKnownModel(catalog, context.region, modelId);
	const offered = isOfferedIn(model, context.region) ? 'AVAILABLE' : 'NOT_AVAILABLE';
	return jsonResponse(context, {
		modelId: model.modelId,
		agreementAvailability: agreementAvailability(context, model),
		// Meaning not confirmed (docs/aws-facts.md, 'Not confirmed'); the sandbox has no use-case form, so every account is authorized.
		authorizationStatus: 'AUTHORIZED',
		entitlementAvailability: offered,
		regionAvailability: offered,
	});
}

export async function listFoundationModelAgreementOffers(catalog: Catalog, context: HandlerContext, rawModelId: string): Promise<SandboxResponse> {
	const modelId = decodePathLabel(rawModelId);
	requireAllowed(context, 'bedrock:ListFoundationModelAgreementOffers', '*');
	const offerType = context.request.query.get('offerType');
	if (offerType !== null && offerType !== 'ALL' && offerType !== 'PUBLIC') {
		throw validationError(
			`1 validation error detected: Value '${offerType}' at 'offerType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, PUBLIC]`,
		);
	}
	const model = requireFoundationModel(catalog, context.region, modelId);
	// First-party models are not sold through AWS Marketplace: nothing to agree to (unverified: AWS may answer an error).
	const offers = model.thirdParty
		? [
				{
					offerId: `offer-${model.modelId.replace(/[^a-z0-9]/gi, '-')}`,
					offerToken: offerTokenFor(model.modelId),
					termDetails: {
						usageBasedPricingTerm: {
							rateCard: [
								{dimension: 'input_tokens', price: '0.0', description: 'Sandbox input tokens', unit: 'Units'},
								{dimension: 'output_tokens', price: '0.0', description: 'Sandbox output tokens', unit: 'Units'},
							],
						},
						legalTerm: {url: 'https://aws.amazon.com/legal/bedrock/third-party-models/'},
						supportTerm: {refundPolicyDescription: 'The sandbox charges nothing.'},
					},
				},
			]
		: [];
	return jsonResponse(context, {modelId: model.modelId, offers});
}

export async function createFoundationModelAgreement(catalog: Catalog, context: HandlerContext): Promise<SandboxResponse> {
	const body = readJsonObject(context.request.body, 'Malformed input request, please reformat your input and try again.');
	const {modelId, offerToken} = body;
	if (typeof modelId !== 'string' || typeof offerToken !== 'string') {
		throw validationError('1 validation error detected: modelId and offerToken are required.');
	}
	requireAllowed(context, 'bedrock:CreateFoundationModelAgreement', '*');
	if (!mayManageSubscriptions(context)) {
		throw new AwsServiceError(
			'AccessDeniedException',
			`User: ${context.caller.arn} is not authorized to perform the required AWS Marketplace actions (${marketplaceActions.join(', ')}) to create an agreement for this model.`,
			403,
		);
	}
	const model = requireFoundationModel(catalog, context.region, modelId);
	if (!model.thirdParty || offerToken !== offerTokenFor(model.modelId)) {
		throw validationError('The provided offer token is invalid.');
	}
	context.account.addModelAgreement(model.modelId);
	return jsonResponse(context, {modelId: model.modelId}, 202);
}
