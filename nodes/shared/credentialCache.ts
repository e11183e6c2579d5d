/**
 * A webhook trigger's credential, read once per workflow, node and credential and then kept for a
 * while. n8n's getCredentials resolves the credential through its expression engine, which costs an
 * isolate per request with the default engine settings. A trigger re-reads (`fresh`) before it
 * refuses a delivery the kept copy refused, so a changed credential never refuses a valid delivery.
 */
import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

import { nodeFacts } from './webhook';

/** How long a read serves later deliveries, and how many workflow nodes are kept. */
export const credentialCacheLimits = { ttlMs: 5 * 60_000, maxEntries: 100 };

const cache = new Map<string, { expiresAt: number; credentials: ICredentialDataDecryptedObject }>();

export function clearCredentialCache(): void {
	cache.clear();
}

export async function readCredentials(
	ctx: IWebhookFunctions,
	type: string,
	fresh: boolean,
	now: number,
): Promise<ICredentialDataDecryptedObject> {
	const { scope, credentialIds } = nodeFacts(ctx);
	const key = `${type}|${scope}|${credentialIds[type] ?? ''}`;
	const kept = cache.get(key);
	if (!fresh && kept && kept.expiresAt > now) return kept.credentials;
	const credentials = await ctx.getCredentials(type);
	cache.delete(key);
	cache.set(key, { expiresAt: now + credentialCacheLimits.ttlMs, credentials });
	while (cache.size > credentialCacheLimits.maxEntries)
		cache.delete(cache.keys().next().value as string);
	return credentials;
}
