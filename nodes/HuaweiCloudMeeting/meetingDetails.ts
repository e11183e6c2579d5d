/**
 * "Which meeting?": the trigger's meeting details. Huawei's push names a meeting only by ID and
 * UUID; the subject, host and times come from the conference-detail calls, made inside the webhook
 * call before n8n stores the execution (and answers Huawei), bounded in time, and shared by bursts of
 * deliveries for one meeting.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ApiContext } from '../shared/http';
import { httpFailureOf } from '../shared/http';
import type { MeetingLookup, MeetingOutputOptions } from './meetings';
import { describeMeeting, getDownloadLinks, getMeetingDetail } from './meetings';

/** Events about a meeting that has ended: read the history first (by UUID). */
const ENDED_EVENTS = new Set(['meeting.end', 'meeting.conclude', 'record.finish']);
/** Events whose details a recent lookup may answer (a burst of joins and leaves). */
const CACHEABLE_EVENTS = new Set(['meeting.join', 'meeting.left']);

/**
 * Huawei documents no time-out for one push, only its retries (30 s later, three times, then every
 * 30 min for 24 h); 3 s keeps the answer (details + n8n storing the execution) near the few seconds
 * webhook providers commonly wait. A retry a slow answer causes is absorbed by the duplicate guard.
 */
export const DEFAULT_DETAILS_TIMEOUT_SECONDS = 3;
/** How long a lookup serves later deliveries for the same meeting, and how many meetings are held. */
export const detailCacheLimits = { ttlMs: 60_000, maxEntries: 200 };

/** The calls to try, in order: the one that fits the event, then the other one. */
export function detailLookups(
	event: string,
	meetingId: string,
	meetingUuid: string,
): MeetingLookup[] {
	const byId: MeetingLookup = { by: 'id', conferenceId: meetingId };
	const byUuid: MeetingLookup = { by: 'uuid', confUuid: meetingUuid };
	const lookups = ENDED_EVENTS.has(event) ? [byUuid, byId] : [byId, byUuid];
	return lookups.filter((l) => (l.by === 'id' ? l.conferenceId : l.confUuid));
}

interface CacheEntry {
	expiresAt: number;
	details: Promise<IDataObject>;
}

/** Recent lookups by workflow, node and meeting; oldest forgotten first (Map keeps insertion order). */
class DetailCache {
	private readonly entries = new Map<string, CacheEntry>();

	get(key: string, now: number): Promise<IDataObject> | undefined {
		const entry = this.entries.get(key);
		if (entry && entry.expiresAt > now) return entry.details;
		if (entry) this.entries.delete(key);
		return undefined;
	}

	set(key: string, details: Promise<IDataObject>, now: number): void {
		this.entries.delete(key);
		this.entries.set(key, { expiresAt: now + detailCacheLimits.ttlMs, details });
		while (this.entries.size > detailCacheLimits.maxEntries) {
			this.entries.delete(this.entries.keys().next().value as string);
		}
		// A failed lookup is not kept: the next delivery tries again.
		details.catch(() => {
			if (this.entries.get(key)?.details === details) this.entries.delete(key);
		});
	}

	get size(): number {
		return this.entries.size;
	}

	clear(): void {
		this.entries.clear();
	}
}

export const meetingDetailCache = new DetailCache();

/** True when the call was answered and found nothing (worth trying the other call). */
function notFound(error: unknown): boolean {
	const { status } = httpFailureOf(error);
	const httpCode = Number((error as { httpCode?: string }).httpCode);
	const code = status ?? (Number.isFinite(httpCode) ? httpCode : undefined);
	if (code === undefined) return (error as Error)?.message === 'the answer holds no conferenceData';
	return code === 400 || code === 404;
}

async function lookUp(
	ctx: IWebhookFunctions,
	lookups: MeetingLookup[],
	timeoutMs: number,
): Promise<IDataObject> {
	let lastError: unknown;
	for (const lookup of lookups) {
		try {
			return await getMeetingDetail(ctx, lookup, { timeoutMs, policy: { retry: false } });
		} catch (error) {
			lastError = error;
			if (!notFound(error)) break;
		}
	}
	throw lastError;
}

class DetailsTimeout extends Error {}

/** Rejects after `ms` (n8n-workflow's sleep: no timer globals in node code). */
async function deadline(ms: number): Promise<never> {
	await sleep(ms);
	throw new DetailsTimeout(`no answer within ${ms / 1000} s`);
}

export interface MeetingDetailsResult {
	meeting: IDataObject | null;
	meetingDetailsError?: string;
}

/**
 * The details of the meeting a delivery is about: `meeting`, or `meeting: null` and a readable
 * `meetingDetailsError` (never throws: the event is never lost to a failed lookup).
 */
export async function resolveMeetingDetails(
	ctx: IWebhookFunctions,
	scope: string,
	event: string,
	meetingId: string,
	meetingUuid: string,
	options: MeetingOutputOptions & { timeoutMs: number },
	now = Date.now(),
): Promise<MeetingDetailsResult> {
	const lookups = detailLookups(event, meetingId, meetingUuid);
	if (lookups.length === 0)
		return { meeting: null, meetingDetailsError: 'The event names no meeting' };
	const key = `${scope}|${meetingUuid || meetingId}`;
	let details = CACHEABLE_EVENTS.has(event) ? meetingDetailCache.get(key, now) : undefined;
	if (!details) {
		details = lookUp(ctx, lookups, options.timeoutMs);
		meetingDetailCache.set(key, details, now);
	}
	try {
		const data = await Promise.race([details, deadline(options.timeoutMs + 500)]);
		return { meeting: describeMeeting(data, options) };
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return { meeting: null, meetingDetailsError: `Meeting details could not be read: ${reason}` };
	}
}

export interface RecordingFilesResult {
	recordingFiles: IDataObject[] | null;
	recordingFilesError?: string;
}

/**
 * A finished recording's files with their download links (Include Download Links), within
 * `timeoutMs`; `recordingFiles: null` and a readable `recordingFilesError` when they cannot be read
 * (never throws: the event is never lost to a failed lookup).
 */
export async function resolveRecordingFiles(
	ctx: ApiContext,
	meetingUuid: string,
	timeoutMs: number,
): Promise<RecordingFilesResult> {
	if (!meetingUuid)
		return { recordingFiles: null, recordingFilesError: 'The event names no meeting UUID' };
	try {
		const lookup = getDownloadLinks(ctx, meetingUuid, { timeoutMs, policy: { retry: false } });
		const { links } = await Promise.race([lookup, deadline(timeoutMs + 500)]);
		return { recordingFiles: links };
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return {
			recordingFiles: null,
			recordingFilesError: `Recording files could not be read: ${reason}`,
		};
	}
}
