import {
	BedrockClient,
	CreateFoundationModelAgreementCommand,
	GetFoundationModelAvailabilityCommand,
	ListFoundationModelAgreementOffersCommand,
} from '@aws-sdk/client-bedrock';
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
	};
}
