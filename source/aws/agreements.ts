import {BedrockClient, CreateFoundationModelAgreementCommand, ListFoundationModelAgreementOffersCommand} from '@aws-sdk/client-bedrock';
import type {AgreementPort} from '../flows/ports.js';

/** The admin-side fix for a missing Marketplace subscription: accept the model's offer once for the account. */
export function createAgreementPort(client: BedrockClient): AgreementPort {
	return {
		async subscribe(modelId) {
			const {offers} = await client.send(new ListFoundationModelAgreementOffersCommand({modelId}));
			const offerToken = offers?.[0]?.offerToken;
			if (!offerToken) throw new Error(`No Marketplace offer was found for ${modelId}.`);
			await client.send(new CreateFoundationModelAgreementCommand({modelId, offerToken}));
		},
	};
}
