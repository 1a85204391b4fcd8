import {
	BedrockClient,
	CreateFoundationModelAgreementCommand,
	GetFoundationModelAvailabilityCommand,
	GetUseCaseForModelAccessCommand,
	ListFoundationModelAgreementOffersCommand,
	PutUseCaseForModelAccessCommand,
} from '@aws-sdk/client-bedrock';
import {isAwsFailure} from '../core/aws-failure.js';
import type {AgreementPort, AgreementStatus} from '../flows/ports.js';

const statuses: ReadonlySet<string> = new Set<AgreementStatus>(['AVAILABLE', 'PENDING', 'NOT_AVAILABLE', 'ERROR']);

/** The admin-side fix for a missing Marketplace subscription: accept the model's offer once for the account. */
export function createAgreementPort(client: BedrockClient): AgreementPort {
	return {
		async availability(modelId) {
			const answer = await client.send(new GetFoundationModelAvailabilityCommand({modelId}));
			const status = answer.agreementAvailability?.status ?? 'ERROR';
			return {
				status: statuses.has(status) ? (status as AgreementStatus) : 'ERROR',
				...(answer.agreementAvailability?.errorMessage ? {errorMessage: answer.agreementAvailability.errorMessage} : {}),
			};
		},
		async subscribe(modelId) {
			const {offers} = await client.send(new ListFoundationModelAgreementOffersCommand({modelId}));
			const offerToken = offers?.[0]?.offerToken;
			if (!offerToken) throw new Error(`No Marketplace offer was found for ${modelId}.`);
			await client.send(new CreateFoundationModelAgreementCommand({modelId, offerToken}));
		},
		async useCaseForm() {
			try {
				const {formData} = await client.send(new GetUseCaseForModelAccessCommand({}));
				return formData && formData.length > 0 ? 'submitted' : 'missing';
			} catch (error) {
				// Never submitted: AWS has nothing to return (the exact answer is not confirmed; docs/aws-facts.md).
				if (isAwsFailure(error, 'not-found')) return 'missing';
				throw error;
			}
		},
		async submitUseCaseForm(form) {
			await client.send(new PutUseCaseForModelAccessCommand({formData: new TextEncoder().encode(JSON.stringify(form))}));
		},
	};
}
