/**
 * The Huawei Cloud Meeting Trigger's checks of a delivery, beside the trigger (as nodes-base keeps
 * Stripe's and Cal's): the envelope, the signature over it with the keys this process knows, the
 * meeting.verify handshake, the age window and the delivery's identity.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { MeetingEnvelope } from './events';
import { envelopeSchema, VERIFY_EVENT } from './events';
import { hexSignaturesMatch, hmacSha256Hex } from '../shared/crypto';
import { JsonBodyError, parseJsonBody, topLevelMemberText } from '../shared/json';
import { passes, valueList } from '../shared/parameters';
import type { Answer } from '../shared/webhook';
import { zodSummary } from '../shared/zod';

/** Huawei retries failed deliveries for up to 24 h; the default window covers that with a margin. */
export const DEFAULT_MAX_AGE_MINUTES = 25 * 60;

interface SubscriberKey {
	subscriberId: string;
	key: string;
}

/**
 * Keys of registrations in progress, by webhook URL. Enabling a configuration makes Huawei send the
 * meeting.verify handshake while create() is still running, before n8n has saved the static data.
 */
export const pendingKeys = new Map<string, SubscriberKey>();

/** The signature as Huawei computes it: HMAC-SHA256(key, appID + timestamp + nonce + eventInfo JSON). */
export function meetingSignature(
	key: string,
	appId: string,
	timestamp: string,
	nonce: string,
	eventInfoJson: string,
) {
	return hmacSha256Hex(key, `${appId}${timestamp}${nonce}${eventInfoJson}`);
}

/**
 * Checks the signature over eventInfo as re-serialised (the documented form), and only if that fails
 * over eventInfo's text as received (escaped or spaced JSON, which re-serialising would change).
 */
function signatureMatches(envelope: MeetingEnvelope, rawBody: string, key: string): boolean {
	const check = (eventInfoJson: string) =>
		hexSignaturesMatch(
			meetingSignature(
				key,
				String(envelope.appID),
				String(envelope.timestamp),
				String(envelope.nonce),
				eventInfoJson,
			),
			envelope.signature,
		);
	const serialised = JSON.stringify(envelope.eventInfo);
	if (check(serialised)) return true;
	const received = topLevelMemberText(rawBody, 'eventInfo');
	return received !== undefined && received !== serialised && check(received);
}

/** The keys this process knows for the workflow: the saved one, and one being registered right now. */
function knownKeys(ctx: IWebhookFunctions): SubscriberKey[] {
	const state = ctx.getWorkflowStaticData('node');
	const keys: SubscriberKey[] = [];
	if (typeof state.subscriberKey === 'string' && typeof state.subscriberId === 'string') {
		keys.push({ subscriberId: state.subscriberId, key: state.subscriberKey });
	}
	// Only while some registration runs (n8n resolves the webhook URL's description on each call).
	const pending =
		pendingKeys.size > 0 ? pendingKeys.get(ctx.getNodeWebhookUrl('default') ?? '') : undefined;
	if (pending) keys.push(pending);
	return keys;
}

/** The body parsed and checked as a push envelope, or the 400 answer. */
export function parseEnvelope(
	rawBody: string,
): { envelope: MeetingEnvelope; body: IDataObject } | { answer: Answer } {
	let body: unknown;
	try {
		body = parseJsonBody(rawBody);
	} catch (error) {
		return {
			answer: {
				status: 400,
				body: { error: error instanceof JsonBodyError ? error.message : 'Unreadable body' },
			},
		};
	}
	const parsed = envelopeSchema.safeParse(body);
	if (!parsed.success) {
		return {
			answer: {
				status: 400,
				body: { error: `Not a Huawei Cloud Meeting event push: ${zodSummary(parsed.error)}` },
			},
		};
	}
	return { envelope: parsed.data, body: body as IDataObject };
}

/**
 * The signature check, and the handshake: undefined when the delivery is a verified event;
 * otherwise the answer (the meeting.verify reply, or 401).
 */
export function verifyDelivery(
	ctx: IWebhookFunctions,
	envelope: MeetingEnvelope,
	rawBody: string,
): Answer | undefined {
	const allKeys = knownKeys(ctx);
	const keys = allKeys.filter((k) => k.subscriberId === String(envelope.appID));
	const verified = keys.some((k) => signatureMatches(envelope, rawBody, k.key));
	if (envelope.eventInfo.event === VERIFY_EVENT) {
		// The handshake starts nothing. It is answered when signed with a key we know, or when this
		// process holds no key for the workflow (registration running in another n8n process).
		if (!verified && allKeys.length > 0)
			return { status: 401, body: { error: 'Invalid signature' } };
		return { status: 200, body: { event: VERIFY_EVENT, nonce: String(envelope.nonce) } };
	}
	if (verified) return undefined;
	return {
		status: 401,
		body: {
			error:
				keys.length === 0 ? 'Unknown subscriber or trigger not registered' : 'Invalid signature',
		},
	};
}

/** The age window in ms (0 = off), from the trigger's option. */
export function maxAgeMs(options: IDataObject): number {
	return Number(options.maxAgeMinutes ?? DEFAULT_MAX_AGE_MINUTES) * 60_000;
}

/** True when the signed timestamp is within the window, in either direction. */
export function withinWindow(envelope: MeetingEnvelope, windowMs: number, now: number): boolean {
	return windowMs <= 0 || Math.abs(now - Number(envelope.timestamp)) <= windowMs;
}

/** Window: the signed timestamp within the window (either way); else the 401. */
export function checkWindow(
	envelope: MeetingEnvelope,
	windowMs: number,
	now: number,
): Answer | undefined {
	if (withinWindow(envelope, windowMs, now)) return undefined;
	return { status: 401, body: { error: 'Delivery timestamp is outside the allowed window' } };
}

/** What a Huawei retry repeats (no event ID exists): nonce, timestamp, event and meeting. */
export function deliveryIdentity(envelope: MeetingEnvelope): string {
	const payload = envelope.eventInfo.payload as
		| { meetingInfo?: { meetingUUID?: unknown } }
		| undefined;
	return [
		envelope.nonce,
		envelope.timestamp,
		envelope.eventInfo.event,
		payload?.meetingInfo?.meetingUUID ?? '',
	].join('|');
}

/** The trigger's Filters: meeting IDs (or UUIDs), hosts (name or user UUID), subject text. */
export interface MeetingFilters {
	meetings?: Set<string>;
	hosts?: Set<string>;
	subject?: string;
}

export function meetingFilters(filters: IDataObject): MeetingFilters {
	const subject = String(filters.subjectContains ?? '')
		.trim()
		.toLowerCase();
	return {
		meetings: valueList(filters.meetingIds),
		hosts: valueList(String(filters.hosts ?? '').toLowerCase()),
		subject: subject || undefined,
	};
}

/** Filter, before anything is read: the meeting's ID or UUID. */
export function meetingSelected(filters: MeetingFilters, item: IDataObject): boolean {
	return passes(filters.meetings, item.meetingId, item.meetingUuid);
}

/** True when a filter needs the meeting's details (host, subject). */
export function needsDetails(filters: MeetingFilters): boolean {
	return filters.hosts !== undefined || filters.subject !== undefined;
}

/**
 * Filter, once the details are known: host and subject. Without details (the lookup failed) the
 * delivery passes: an event is never dropped for a lookup that did not answer.
 */
export function detailsSelected(filters: MeetingFilters, meeting: unknown): boolean {
	if (!meeting || typeof meeting !== 'object') return true;
	const m = meeting as IDataObject;
	const host = [m.host, m.hostUserUuid].map((v) => (typeof v === 'string' ? v.toLowerCase() : v));
	const subject = typeof m.subject === 'string' ? m.subject.toLowerCase() : '';
	return passes(filters.hosts, ...host) && (!filters.subject || subject.includes(filters.subject));
}
