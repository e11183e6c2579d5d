/**
 * The Huawei Cloud Meeting Polling Trigger's reading side: which lists a poll reads (meetings not
 * yet ended, ended meetings, recordings), over which time range, with how many calls, and what
 * each list entry means as an event. The state a poll keeps is in pollingState.ts.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { listOffsetPaged, MAX_PAGE, MEETING_PATHS } from './meetings';
import { toNumber, utcMinutesToIso } from '../shared/time';

/** The events this trigger emits, named as the webhook trigger names them. */
export const POLLING_EVENTS = {
	'meeting.create': 'Meeting Scheduled',
	'meeting.started': 'Meeting Started',
	'meeting.end': 'Meeting Ended',
	'record.finish': 'Recording Ready',
} as const;
export type PollingEvent = keyof typeof POLLING_EVENTS;

/** The lists a poll can read. */
export type PollList = 'meetings' | 'history' | 'recordings';

/** Which lists each event needs (a meeting that started and ended between two polls is in history only). */
const LISTS_OF: Record<PollingEvent, PollList[]> = {
	'meeting.create': ['meetings'],
	'meeting.started': ['meetings', 'history'],
	'meeting.end': ['history'],
	'record.finish': ['recordings'],
};

export const POLL_LIMITS = {
	/** Entries per call: the documented maximum of the meeting lists. */
	meetingPageSize: MAX_PAGE,
	/** Entries per call of the recording list: Huawei's API Explorer caps it at 100 (the page says 500). */
	recordingPageSize: 100,
	/** Calls per list and poll at most (the newest entries first where the list can sort). */
	maxPagesPerList: 4,
	/**
	 * How far before the last successful poll the time-ranged lists are read. They filter on the
	 * meeting's start time, and a meeting ends (and its recording is ready) well after it started:
	 * 24 h covers the longest meeting that can be scheduled (1,440 min), 1 h more the recording's
	 * processing and the minute-precision times.
	 */
	lookbackMs: 25 * 3600_000,
	/** The catch-up horizon: nothing that started more than 7 days ago is read. */
	horizonMs: 7 * 24 * 3600_000,
	/** Recordings whose download links are read in one poll at most (Include Download Links). */
	maxDownloadLookups: 10,
};

/** The lists the selected events need, in reading order. */
export function listsFor(events: string[]): PollList[] {
	const selected = events.includes('*') ? (Object.keys(LISTS_OF) as PollingEvent[]) : events;
	const lists = new Set<PollList>();
	for (const event of selected)
		for (const list of LISTS_OF[event as PollingEvent] ?? []) lists.add(list);
	return (['meetings', 'history', 'recordings'] as PollList[]).filter((l) => lists.has(l));
}

export function eventSelected(events: string[], event: string): boolean {
	return events.includes('*') || events.includes(event);
}

/** The time range of the history and recording lists, in Unix ms. */
export interface PollWindow {
	startDate: number;
	endDate: number;
}

/**
 * From the last successful poll minus the look-back (the first poll: now minus the look-back),
 * never further back than the catch-up horizon.
 */
export function pollWindow(now: number, lastPollAt: number | undefined): PollWindow {
	const from = (lastPollAt ?? now) - POLL_LIMITS.lookbackMs;
	return { startDate: Math.max(now - POLL_LIMITS.horizonMs, Math.min(from, now)), endDate: now };
}

/** The window Fetch Test Event looks at: the whole horizon. */
export function testWindow(now: number): PollWindow {
	return { startDate: now - POLL_LIMITS.horizonMs, endDate: now };
}

export interface ListRead {
	entries: IDataObject[];
	/** True when the page cap was reached (older entries were left unread). */
	capped: boolean;
}

/** One list, all its pages up to the cap. */
export async function readList(
	ctx: IPollFunctions,
	list: PollList,
	window: PollWindow,
	queryAll: boolean,
): Promise<ListRead> {
	const all = { queryAll: queryAll ? 'true' : 'false' };
	const range = { startDate: window.startDate, endDate: window.endDate };
	const request = {
		meetings: ['Get meetings', MEETING_PATHS.list, { ...all, queryConfMode: 'ALL' }],
		history: [
			'Get ended meetings',
			MEETING_PATHS.historyList,
			{ ...all, ...range, sortType: 'DSC_StartTIME' },
		],
		recordings: [
			'Get recordings',
			MEETING_PATHS.recordings,
			{ ...all, ...range, sortType: 'DSC_StartTIME' },
		],
	}[list] as [string, string, IDataObject];
	const pageSize =
		list === 'recordings' ? POLL_LIMITS.recordingPageSize : POLL_LIMITS.meetingPageSize;
	const limit = pageSize * POLL_LIMITS.maxPagesPerList;
	const entries = await listOffsetPaged(
		ctx,
		request[0],
		request[1],
		request[2],
		limit,
		undefined,
		undefined,
		undefined,
		{
			pageSize,
		},
	);
	return { entries, capped: entries.length >= limit };
}

/** One thing that happened, as a list shows it. */
export interface Candidate {
	event: PollingEvent;
	/** What the event is about: meeting ID (scheduled) or meeting UUID (the rest). */
	key: string;
	/** Other IDs the same event may have been remembered under (a running entry without a UUID). */
	aliases?: string[];
	/** When it happened as far as Huawei's times tell (ms), for ordering. */
	at: number;
	/** The list that showed it. */
	list: PollList;
	/** ConferenceInfo (or what a recording entry says of its meeting). */
	meeting: IDataObject;
	/** The recording entry (Recording Ready). */
	recording?: IDataObject;
}

const text = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : '';
const timeOf = (value: unknown) => {
	const iso = utcMinutesToIso(value);
	return iso ? Date.parse(iso) : 0;
};

/** The meeting's UUID, or its ID when the entry has no UUID. */
export const meetingKey = (m: IDataObject) => text(m.confUUID) || text(m.conferenceID);

/** What the entries of one list mean as events. */
export function candidatesOf(list: PollList, entries: IDataObject[]): Candidate[] {
	const out: Candidate[] = [];
	for (const e of entries) {
		if (list === 'meetings') {
			const state = text(e.conferenceState);
			if (state === 'Schedule' && text(e.conferenceID)) {
				out.push({
					event: 'meeting.create',
					key: text(e.conferenceID),
					at: timeOf(e.startTime),
					list,
					meeting: e,
				});
			} else if ((state === 'Created' || state === 'Creating') && meetingKey(e)) {
				out.push({
					event: 'meeting.started',
					key: meetingKey(e),
					at: timeOf(e.startTime),
					list,
					meeting: e,
				});
			}
		} else if (list === 'history' && meetingKey(e)) {
			// A meeting that started and ended between two polls is only ever seen here.
			out.push({
				event: 'meeting.started',
				key: meetingKey(e),
				// Tolerance: whether the meeting list gives running meetings their UUID is not confirmed.
				aliases: text(e.conferenceID) ? [text(e.conferenceID)] : [],
				at: timeOf(e.startTime),
				list,
				meeting: e,
			});
			out.push({
				event: 'meeting.end',
				key: meetingKey(e),
				at: timeOf(e.endTime) || timeOf(e.startTime),
				list,
				meeting: e,
			});
		} else if (list === 'recordings' && text(e.confUUID) && e.isDecodeFinish !== false) {
			const seconds = toNumber(e.rcdTime) ?? 0;
			out.push({
				event: 'record.finish',
				key: text(e.confUUID),
				at: timeOf(e.startTime) + seconds * 1000,
				list,
				meeting: {
					conferenceID: e.confID,
					confUUID: e.confUUID,
					subject: e.subject,
					scheduserName: e.scheduserName,
					startTime: e.startTime,
				},
				recording: e,
			});
		}
	}
	return out;
}
