/**
 * The Huawei Cloud SparkRTC Trigger's checks of a callback, beside the trigger (as nodes-base keeps
 * Stripe's and Cal's): the X-Rtc-* signature headers, the time window, and a callback's identity.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import type { RecordingEvent } from './events';
import { hexSignaturesMatch, hmacSha256Hex } from '../shared/crypto';
import { bodyIdentity } from '../shared/dedupe';
import { header } from '../shared/webhook';

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

/** A recording event is identified by its job, type and file (and times); without a job ID, by its body. */
export function callbackIdentity(event: RecordingEvent, rawBody: string): string {
	return event.job_id
		? `${event.job_id}|${event.event_type}|${event.obs_object ?? ''}|${event.start_time ?? ''}|${event.end_time ?? ''}`
		: bodyIdentity(rawBody);
}
