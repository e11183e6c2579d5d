/**
 * The Huawei Cloud SparkRTC Trigger's checks of a callback, beside the trigger (as nodes-base keeps
 * Stripe's and Cal's): the X-Rtc-* signature over the raw body, the time window, the event and its
 * app, and a callback's identity. Each step returns the answer that ends the delivery, or passes.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { RecordingEvent } from './events';
import { recordingEventSchema } from './events';
import { hexSignaturesMatch, hmacSha256Hex } from '../shared/crypto';
import { bodyIdentity } from '../shared/dedupe';
import { JsonBodyError, parseJsonBody } from '../shared/json';
import type { Answer } from '../shared/webhook';
import { header } from '../shared/webhook';
import { zodSummary } from '../shared/zod';

export const DEFAULT_MAX_AGE_SECONDS = 600;
/** SparkRTC's retry policy is not documented; repeated callbacks within a day are dropped. */
export const DEDUPE_WINDOW_MS = 24 * 3600_000;

/** X-Rtc-Signature: lowercase hex HMAC-SHA256(auth key, X-Rtc-Rand + X-Rtc-Timestamp + raw body). */
export function rtcCallbackSignature(
	authKey: string,
	rand: string,
	timestamp: string,
	rawBody: string,
): string {
	return hmacSha256Hex(authKey, `${rand}${timestamp}${rawBody}`);
}

/** Seconds or milliseconds (the unit is not documented): 13-digit values are milliseconds. */
function timestampMs(value: string): number {
	const n = Number(value);
	return n > 1e11 ? n : n * 1000;
}

/** The signed headers of a callback, or undefined when one is missing or malformed. */
export function signedHeaders(
	ctx: IWebhookFunctions,
): { rand: string; timestamp: string; signature: string } | undefined {
	const rand = header(ctx, 'x-rtc-rand');
	const timestamp = header(ctx, 'x-rtc-timestamp');
	const signature = header(ctx, 'x-rtc-signature');
	if (!rand || !timestamp || !signature || !/^\d{1,16}$/.test(timestamp)) return undefined;
	return { rand, timestamp, signature };
}

export function signatureMatches(
	authKey: string,
	signed: { rand: string; timestamp: string; signature: string },
	rawBody: string,
): boolean {
	return hexSignaturesMatch(
		rtcCallbackSignature(authKey, signed.rand, signed.timestamp, rawBody),
		signed.signature,
	);
}

/** True when X-Rtc-Timestamp is within `maxAgeSeconds` of now, either way (0 = no window). */
export function withinWindow(timestamp: string, maxAgeSeconds: number, now = Date.now()): boolean {
	return maxAgeSeconds <= 0 || Math.abs(now - timestampMs(timestamp)) <= maxAgeSeconds * 1000;
}

/** Verify: the trigger is registered and X-Rtc-Signature matches the raw body; else the 401. */
export function verifyCallback(ctx: IWebhookFunctions, rawBody: string): Answer | undefined {
	const authKey = ctx.getWorkflowStaticData('node').authKey as string | undefined;
	if (!authKey) return { status: 401, body: { error: 'Trigger not registered' } };
	const signed = signedHeaders(ctx);
	if (!signed)
		return {
			status: 401,
			body: { error: 'X-Rtc-Rand, X-Rtc-Timestamp and X-Rtc-Signature are required' },
		};
	if (!signatureMatches(authKey, signed, rawBody))
		return { status: 401, body: { error: 'Invalid signature' } };
	return undefined;
}

/** The window in seconds, from the trigger's option (the time check and the duplicate memory). */
export function maxAgeSeconds(ctx: IWebhookFunctions): number {
	return Number(ctx.getNodeParameter('options.maxAgeSeconds', DEFAULT_MAX_AGE_SECONDS));
}

/** Window: X-Rtc-Timestamp (verified) within the window; else the 401. */
export function checkWindow(ctx: IWebhookFunctions, windowSeconds: number): Answer | undefined {
	if (withinWindow(header(ctx, 'x-rtc-timestamp')!, windowSeconds)) return undefined;
	return { status: 401, body: { error: 'X-Rtc-Timestamp is outside the allowed window' } };
}

/** Parse: the body as a recording event of this trigger's app (400 or 403 otherwise). */
export function parseEvent(
	ctx: IWebhookFunctions,
	rawBody: string,
): { event: RecordingEvent; body: IDataObject } | { answer: Answer } {
	let body: unknown;
	try {
		body = parseJsonBody(rawBody);
	} catch (error) {
		const message = error instanceof JsonBodyError ? error.message : 'Unreadable body';
		return { answer: { status: 400, body: { error: message } } };
	}
	const parsed = recordingEventSchema.safeParse(body);
	if (!parsed.success)
		return {
			answer: {
				status: 400,
				body: { error: `Not a SparkRTC recording event: ${zodSummary(parsed.error)}` },
			},
		};
	const event = parsed.data;
	const state = ctx.getWorkflowStaticData('node');
	const appId = String(state.appId ?? ctx.getNodeParameter('appId', ''));
	if (event.app_id !== undefined && event.app_id !== appId)
		return { answer: { status: 403, body: { error: 'app_id does not match this trigger' } } };
	return { event, body: body as IDataObject };
}

/** A recording event is identified by its job, type and file (and times); without a job ID, by its body. */
export function callbackIdentity(event: RecordingEvent, rawBody: string): string {
	return event.job_id
		? `${event.job_id}|${event.event_type}|${event.obs_object ?? ''}|${event.start_time ?? ''}|${event.end_time ?? ''}`
		: bodyIdentity(rawBody);
}
