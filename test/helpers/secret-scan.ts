/**
 * Where a secret may hide in text: as is, base64- or URL-encoded, or in part (a masked form must never
 * keep more than the key's kind prefix). Returns the names of the texts that contain any of these.
 */
export function secretForms(secret: string): readonly string[] {
	// The distinctive middle: past any fixed prefix (ABSK, bedrock-api-key-, sandboxSecret).
	const body = secret.replace(/^(ABSK|bedrock-api-key-|sandboxSecret)/, '');
	const windows: string[] = [];
	for (let start = 0; start + 16 <= body.length; start += 16) windows.push(body.slice(start, start + 16));
	return [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret), ...windows];
}

export function findSecretLeaks(secret: string, texts: Readonly<Record<string, string>>): readonly string[] {
	const forms = secretForms(secret);
	return Object.entries(texts)
		.filter(([, text]) => forms.some((form) => text.includes(form)))
		.map(([name]) => name);
}
