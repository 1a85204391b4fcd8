/**
 * The catalog's verdict on an invocation IAM has allowed, in the order Bedrock applies it, with AWS's
 * exceptions and messages (docs/aws-facts.md, 'Runtime errors').
 */
import type {Catalog, CatalogModel} from '../../core/catalog/index.js';
import {reachability} from '../../core/catalog/index.js';
import type {HandlerContext} from '../contracts.js';
import {accessDenied, resourceNotFound, validationError} from '../bedrock/rest-json.js';
import {endOfLifeMessage, invalidModelIdentifierMessage} from '../bedrock/foundation-models.js';
import {mayManageSubscriptions, subscriptionFailedReason} from '../bedrock/agreements.js';
import type {RuntimeOperation} from './authorize-invocation.js';
import type {InvocationRoute} from './resolve-target.js';

export const onDemandUnsupportedMessage = (modelId: string): string =>
	`Invocation of model ID ${modelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;

export const legacyNotInUseMessage =
	'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock.';

export const marketplaceDeniedMessage =
	'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 15 minutes.';

/** The wording while a subscription is pending is not confirmed (docs/aws-facts.md, 'Not confirmed'). */
export const marketplacePendingMessage =
	'Model access is denied while the AWS Marketplace subscription for this model is being set up. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 15 minutes.';

/**
 * A subscription AWS Marketplace could not complete, as for an account without a valid payment method
 * (`sandbox --subscription-outcome error`): AWS's words, doubled full stop included, as public projects quote
 * them (docs/aws-facts.md, 'Model access and AWS Marketplace': the reason is cited, the rest is not confirmed;
 * 2 and 10 minutes have been seen at the end).
 */
export const subscriptionFailedMessage = `Model access is denied due to ${subscriptionFailedReason}. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 2 minutes.`;

export const useCaseFormRequiredMessage =
	'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.';

export const unsupportedActionMessage = "This action doesn't support the model that you provided. Try again with a supported text or chat model.";

export const streamingUnsupportedMessage = 'The model is unsupported for streaming.';

export interface ModelAccessOptions {
	/**
	 * LEGACY models answer only accounts that used them recently (AWS: "not been actively using the model
	 * in the last 30 days"). A fresh sandbox account has used nothing; list models here (or `'all'`) to
	 * play an account that has, beside the account's own setting (`sandbox --legacy-in-use`).
	 */
	readonly legacyModelsInUse?: 'all' | readonly string[];
}

/** Returns the model that answers, or throws the exception AWS gives for this model, region and account. */
export function admitInvocation(
	catalog: Catalog,
	context: HandlerContext,
	operation: RuntimeOperation,
	requestedId: string,
	route: InvocationRoute,
	options: ModelAccessOptions,
): CatalogModel {
	const {target} = route;
	if (target.kind === 'invalid') throw validationError(invalidModelIdentifierMessage);
	const {model} = target;
	if (model.lifecycle === 'EOL') throw resourceNotFound(endOfLifeMessage);
	if (target.kind === 'model') {
		const reach = reachability(catalog, model, context.region);
		if (reach.kind === 'profile-only') throw validationError(onDemandUnsupportedMessage(requestedId));
		if (reach.kind === 'not-offered') throw validationError(invalidModelIdentifierMessage);
	}
	if (model.lifecycle === 'LEGACY' && !legacyInUse(options, context, model)) throw resourceNotFound(legacyNotInUseMessage);
	// Anthropic's models also need the account's one-time use-case form (AWS's words, from a client's report).
	if (model.provider === 'Anthropic' && context.account.useCaseForm() === undefined) throw resourceNotFound(useCaseFormRequiredMessage);
	if (model.thirdParty && !context.account.hasModelAgreement(model.modelId)) {
		// The first call by a principal with marketplace permissions subscribes the whole account.
		if (!mayManageSubscriptions(context)) throw accessDenied(marketplaceDeniedMessage);
		context.account.addModelAgreement(model.modelId);
	}
	// A subscription still being set up (sandbox --subscription-delay-ms) refuses the call like a missing one;
	// one that failed (sandbox --subscription-outcome error) says why.
	const agreement = model.thirdParty ? context.account.modelAgreementStatus(model.modelId) : 'AVAILABLE';
	if (agreement === 'PENDING') throw accessDenied(marketplacePendingMessage);
	if (agreement === 'ERROR') throw accessDenied(subscriptionFailedMessage);
	requireOperationSupport(model, operation);
	return model;
}

function legacyInUse(options: ModelAccessOptions, context: HandlerContext, model: CatalogModel): boolean {
	const inUse = (list: 'all' | readonly string[]): boolean => list === 'all' || list.includes(model.modelId);
	return inUse(options.legacyModelsInUse ?? []) || inUse(context.account.legacyModelsInUse());
}

function requireOperationSupport(model: CatalogModel, operation: RuntimeOperation): void {
	const converse = operation === 'Converse' || operation === 'ConverseStream';
	const streaming = operation === 'ConverseStream' || operation === 'InvokeModelWithResponseStream';
	if (converse && model.kind !== 'chat') throw validationError(unsupportedActionMessage);
	if (streaming && !model.streaming) throw validationError(streamingUnsupportedMessage);
	// Unverified wording: speech-to-speech models only take the bidirectional stream, video models only StartAsyncInvoke.
	if (model.kind === 'speech') throw validationError(`The model ${model.modelId} only supports InvokeModelWithBidirectionalStream.`);
	if (model.kind === 'video') throw validationError(`The model ${model.modelId} only supports StartAsyncInvoke.`);
}
