/**
 * Anthropic's one-time use-case form, per account (docs/aws-facts.md, 'Model access and AWS
 * Marketplace'): GetUseCaseForModelAccess reads what was submitted, PutUseCaseForModelAccess submits it
 * (`formData`, base64 JSON, 10 to 16,384 characters; 201 with no body). Until it is submitted, Anthropic
 * models refuse calls (runtime/model-access.ts). What Get answers for an account that never submitted is
 * not confirmed: the sandbox says ResourceNotFoundException.
 */
import type {HandlerContext, SandboxResponse} from '../contracts.js';
import {jsonResponse, readJsonObject, requireAllowed, resourceNotFound, validationError} from './rest-json.js';

export const useCaseFormMissingMessage = 'No use case details have been submitted for this account.';

export async function getUseCaseForModelAccess(_catalog: unknown, context: HandlerContext): Promise<SandboxResponse> {
	requireAllowed(context, 'bedrock:GetUseCaseForModelAccess', '*');
	const formData = context.account.useCaseForm();
	if (formData === undefined) throw resourceNotFound(useCaseFormMissingMessage);
	return jsonResponse(context, {formData});
}

export async function putUseCaseForModelAccess(_catalog: unknown, context: HandlerContext): Promise<SandboxResponse> {
	const body = readJsonObject(context.request.body, 'Malformed input request, please reformat your input and try again.');
	const {formData} = body;
	if (typeof formData !== 'string' || formData.length < 10 || formData.length > 16384)
		throw validationError("1 validation error detected: Value at 'formData' failed to satisfy constraint: Member must have length between 10 and 16384");
	requireAllowed(context, 'bedrock:PutUseCaseForModelAccess', '*');
	context.account.submitUseCaseForm(formData);
	return jsonResponse(context, {}, 201);
}
