/**
 * The Tencent Cloud Room Trigger's checks of a callback, beside the trigger (as nodes-base keeps
 * Stripe's and Cal's): the app ID, Tencent's Sign and its time window. The credential is kept
 * between callbacks (shared/credentialCache.ts); a callback the kept copy refuses is checked again
 * with a fresh read.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './api';
import { canonicalCommand } from './events';
import { readCredentials } from '../shared/credentialCache';
import { hexSignaturesMatch, sha256Hex } from '../shared/crypto';
import { JsonBodyError, parseJsonBody } from '../shared/json';
import type { Answer } from '../shared/webhook';

export { clearCredentialCache, credentialCacheLimits } from '../shared/credentialCache';

export const DEFAULT_WINDOW_SECONDS = 300;

/** The RequestTime window in seconds, from the trigger's option (the Sign check and the duplicate memory). */
export function requestTimeWindowSeconds(options: IDataObject): number {
	return Number(options.requestTimeWindow ?? DEFAULT_WINDOW_SECONDS);
}

/** Error codes of our FAIL replies (any non-zero code means "rejected" to Tencent). */
export const REJECT = {
	badSign: 4001,
	staleRequest: 4002,
	foreignApp: 4003,
	badBody: 4004,
	commandMismatch: 4005,
} as const;

/** A refusal as Tencent's callback protocol expects it: HTTP 200, ActionStatus FAIL, a non-zero code. */
export function failure(code: number, info: string): Answer {
	return { status: 200, body: { ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info } };
}

/**
 * Parse: the body as a JSON object and its CallbackCommand (the body's, else the query's; when both
 * are there they must agree), or the FAIL answer.
 */
export function parseCallback(
	query: Record<string, string | undefined>,
	rawBody: string,
): { command: string; body: IDataObject } | { answer: Answer } {
	let body: unknown;
	try {
		body = parseJsonBody(rawBody);
	} catch (error) {
		const info = error instanceof JsonBodyError ? error.message : 'Unreadable body';
		return { answer: failure(REJECT.badBody, info) };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return { answer: failure(REJECT.badBody, 'The body must be a JSON object') };
	const bodyCommand = (body as IDataObject).CallbackCommand;
	const command = typeof bodyCommand === 'string' ? bodyCommand : query.CallbackCommand;
	if (!command) return { answer: failure(REJECT.badBody, 'CallbackCommand is missing') };
	if (
		query.CallbackCommand &&
		canonicalCommand(query.CallbackCommand) !== canonicalCommand(command)
	)
		return {
			answer: failure(REJECT.commandMismatch, 'CallbackCommand differs between query and body'),
		};
	return { command, body: body as IDataObject };
}

/** Tencent's callback Sign: hex SHA-256 of token + RequestTime (plain concatenation). */
export function roomCallbackSign(token: string, requestTime: string): string {
	return sha256Hex(`${token}${requestTime}`);
}

export interface Rejection {
	code: number;
	info: string;
}

/** The app ID, Sign and window checks against one credential read; undefined when they pass. */
function check(
	query: Record<string, string | undefined>,
	options: IDataObject,
	credentials: ICredentialDataDecryptedObject,
	now: number,
): Rejection | undefined {
	if (String(query.SdkAppid ?? '') !== String(credentials.sdkAppId))
		return { code: REJECT.foreignApp, info: 'SdkAppid does not match' };
	const token = credentials.callbackToken as string | undefined;
	if (!token || options.verifySign === false) return undefined;
	const requestTime = String(query.RequestTime ?? '');
	if (!/^\d{1,12}$/.test(requestTime) || !query.Sign)
		return { code: REJECT.badSign, info: 'Sign and RequestTime are required' };
	const windowSeconds = requestTimeWindowSeconds(options);
	if (Math.abs(now / 1000 - Number(requestTime)) > windowSeconds) {
		return { code: REJECT.staleRequest, info: 'RequestTime is outside the allowed window' };
	}
	if (!hexSignaturesMatch(roomCallbackSign(token, requestTime), query.Sign))
		return { code: REJECT.badSign, info: 'Invalid Sign' };
	return undefined;
}

/**
 * Verifies a callback's query (SdkAppid, Sign, RequestTime). Returns the app ID it belongs to, or
 * the rejection. A refusal by the kept credential is re-checked with a fresh read.
 */
export async function verifyCallback(
	ctx: IWebhookFunctions,
	query: Record<string, string | undefined>,
	options: IDataObject,
	now = Date.now(),
): Promise<{ sdkAppId: string } | { rejection: Rejection }> {
	let credentials = await readCredentials(ctx, CREDENTIAL_TYPE, false, now);
	let rejection = check(query, options, credentials, now);
	if (rejection && rejection.code !== REJECT.staleRequest) {
		credentials = await readCredentials(ctx, CREDENTIAL_TYPE, true, now);
		rejection = check(query, options, credentials, now);
	}
	return rejection ? { rejection } : { sdkAppId: String(credentials.sdkAppId) };
}
