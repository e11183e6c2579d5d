/**
 * The Tencent Cloud TRTC Trigger's checks of a callback, beside the trigger (as nodes-base keeps
 * Stripe's and Cal's): the SdkAppId header, the Sign header over the raw body, the body, its time
 * window and its identity. Each step returns the answer that ends the delivery, or passes.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { Callback } from './callback';
import { callbackSchema, sentAtMs } from './callback';
import { readCredentials } from '../shared/credentialCache';
import { hexSignaturesMatch, hmacSha256Base64, sha256Hex } from '../shared/crypto';
import { JsonBodyError, parseJsonBody } from '../shared/json';
import type { Answer } from '../shared/webhook';
import { header } from '../shared/webhook';
import { zodSummary } from '../shared/zod';

export const CREDENTIAL_TYPE = 'tencentRtcCallbackApi';

/**
 * Default window on CallbackTs, in seconds. Tencent retries a failed callback at once, then every
 * 10 s, and gives up once the message is over a minute old: 5 minutes covers the last retry (if
 * CallbackTs is not renewed between retries, which is not documented) plus clock skew.
 */
export const DEFAULT_WINDOW_SECONDS = 300;
/** Duplicates are possible for Tencent's retry minute; never remember a delivery for less than 2. */
export const DEDUPE_FLOOR_MS = 2 * 60_000;

/** The answer Tencent expects (HTTP 200; the body is ignored, `{"code":0}` is suggested). */
export const OK = { code: 0 };

/** Sign: standard base64 HMAC-SHA256 of the raw body (UTF-8) under the callback key. */
export function trtcCallbackSign(callbackKey: string, rawBody: string): string {
	return hmacSha256Base64(callbackKey, Buffer.from(rawBody));
}

/** 32 bytes in canonical standard base64: 43 characters (the last with its low bits zero) and `=`. */
const SIGN_FORMAT = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/** True when `received` is exactly `expected` (both base64), compared in constant time. */
export function signMatches(expected: string, received: string | undefined): boolean {
	const given = String(received);
	if (!SIGN_FORMAT.test(given)) return false;
	return hexSignaturesMatch(
		Buffer.from(expected, 'base64').toString('hex'),
		Buffer.from(given, 'base64').toString('hex'),
	);
}

/**
 * The credential's Test: there is no TRTC request to try (callbacks have no API), so the values are
 * checked against the console's rules: a positive SDKAppID, a key of letters and digits (≤ 32).
 */
export function testCallbackCredential(
	credential: ICredentialsDecrypted,
): INodeCredentialTestResult {
	const data = credential.data ?? {};
	const sdkAppId = Number(data.sdkAppId);
	if (!Number.isSafeInteger(sdkAppId) || sdkAppId <= 0)
		return { status: 'Error', message: 'Enter the SDKAppID (a positive number)' };
	const key = String(data.callbackSecret ?? '');
	if (!/^[A-Za-z0-9]{0,32}$/.test(key))
		return {
			status: 'Error',
			message: 'The TRTC console allows only letters and digits (at most 32) in a callback key',
		};
	return {
		status: 'OK',
		message: key
			? 'Looks valid'
			: 'Valid, but without a callback key callbacks are not authenticated',
	};
}

const refuse = (status: number, error: string): Answer => ({ status, body: { error } });

/** The SdkAppId and Sign checks against one credential read; undefined when they pass. */
function check(
	ctx: IWebhookFunctions,
	credentials: ICredentialDataDecryptedObject,
	rawBody: string,
): Answer | undefined {
	if (header(ctx, 'sdkappid')?.trim() !== String(credentials.sdkAppId))
		return refuse(403, 'SdkAppId does not match this trigger');
	const key = String(credentials.callbackSecret ?? '');
	if (key === '') return undefined;
	const sign = header(ctx, 'sign');
	if (!sign) return refuse(401, 'The Sign header is required');
	if (!signMatches(trtcCallbackSign(key, rawBody), sign)) return refuse(401, 'Invalid Sign');
	return undefined;
}

/**
 * Verify: the SdkAppId header is the credential's SDKAppID (else 403) and, when the credential has
 * a callback key, Sign matches the raw body (else 401). Returns the SDKAppID, or the refusal. The
 * credential is kept between callbacks (shared/credentialCache.ts); a callback the kept copy
 * refuses is checked again with a fresh read, so a changed credential never refuses a valid one.
 */
export async function verifyCallback(
	ctx: IWebhookFunctions,
	rawBody: string,
	now = Date.now(),
): Promise<{ sdkAppId: string } | { answer: Answer }> {
	let credentials = await readCredentials(ctx, CREDENTIAL_TYPE, false, now);
	let refusal = check(ctx, credentials, rawBody);
	if (refusal) {
		credentials = await readCredentials(ctx, CREDENTIAL_TYPE, true, now);
		refusal = check(ctx, credentials, rawBody);
	}
	return refusal ? { answer: refusal } : { sdkAppId: String(credentials.sdkAppId) };
}

/** Parse: the body as a TRTC callback (lossless JSON, then the schema); else the 400. */
export function parseCallback(
	rawBody: string,
): { callback: Callback; body: IDataObject } | { answer: Answer } {
	let body: unknown;
	try {
		body = parseJsonBody(rawBody);
	} catch (error) {
		// parseJsonBody throws only JsonBodyError, whose message names no value of the body.
		return { answer: refuse(400, (error as JsonBodyError).message) };
	}
	const parsed = callbackSchema.safeParse(body);
	if (!parsed.success)
		return { answer: refuse(400, `Not a TRTC callback: ${zodSummary(parsed.error)}`) };
	return { callback: parsed.data, body: body as IDataObject };
}

/** The time window in seconds, from the trigger's option (0 = no window). */
export function windowSeconds(ctx: IWebhookFunctions): number {
	return Number(ctx.getNodeParameter('options.timeWindow', DEFAULT_WINDOW_SECONDS));
}

/**
 * Window: CallbackTs (else EventMsTs) within `seconds` of now, either way; else the 401. Nothing
 * else dates a callback: the signature covers no time of its own.
 */
export function checkWindow(
	callback: Callback,
	seconds: number,
	now = Date.now(),
): Answer | undefined {
	if (seconds <= 0) return undefined;
	const sentAt = sentAtMs(callback);
	if (sentAt === undefined) return refuse(400, 'CallbackTs is required');
	if (Math.abs(now - sentAt) <= seconds * 1000) return undefined;
	return refuse(401, 'CallbackTs is outside the allowed window');
}

/**
 * A callback's identity, the same for each of Tencent's retries: SdkAppId, group, type, room,
 * user, task and EventMsTs (CallbackTs may change between retries), plus the Payload, which
 * tells apart the several 310 callbacks of one task (one per file).
 */
export function callbackIdentity(sdkAppId: string, callback: Callback): string {
	const info = callback.EventInfo;
	const payload = info.Payload === undefined ? '' : sha256Hex(JSON.stringify(info.Payload));
	return [
		sdkAppId,
		callback.EventGroupId,
		callback.EventType,
		info.RoomId ?? '',
		info.UserId ?? '',
		info.TaskId ?? '',
		info.EventMsTs ?? info.EventTsMs ?? info.EventTs ?? '',
		payload.slice(0, 32),
	].join('|');
}
