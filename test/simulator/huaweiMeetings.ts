/**
 * Huawei Cloud Meeting's meeting, participant and recording calls, as the API reference documents
 * them (docs/providers/huawei-cloud-meeting.md, "Meetings, participants and recordings"): paths,
 * query names, offset/limit paging (limit ≤ 500, `count` = total), "yyyy-MM-dd HH:mm" UTC times,
 * and the `{error_code, error_msg}` error body.
 * Required parameters missing or mistyped get HTTP 400, as the real service answers.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import type { SimRequest, SimResponse } from './server';
import { errorBody } from './server';

export interface SimMeeting {
	conferenceID: string;
	confUUID: string;
	subject: string;
	startTime: string;
	endTime: string;
	timeZoneID: string;
	conferenceState: 'Schedule' | 'Created' | 'Destroyed';
	scheduserName: string;
	userUUID: string;
	confType: string;
	mediaTypes: string;
	size: number;
	isAutoRecord: number;
	chairJoinUri: string;
	guestJoinUri: string;
	passwordEntry: Array<{ conferenceRole: string; password: string }>;
	/** Who is in it now (running meetings). */
	online: Array<Record<string, unknown>>;
	/** Who attended (ended meetings). */
	attendance: Array<Record<string, unknown>>;
	/** Recording files (ended, recorded meetings). */
	recordingUrls: Array<{ fileType: string; url: string }>;
}

const NOT_FOUND = (what: string) => ({
	status: 400,
	body: errorBody('MMC.111070005', `${what} does not exist or has ended`),
});
const BAD = (text: string) => ({ status: 400, body: errorBody('MMC.111000001', text) });
const UTC_MINUTES = /^\d{4}-\d\d-\d\d \d\d:\d\d$/;
const MEDIA = new Set(['Voice', 'Video', 'HDVideo', 'Data']);

export const toUtcMinutes = (ms: number) =>
	new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** Huawei's "yyyy-MM-dd HH:mm" (UTC) as epoch ms. */
export const utcMinutesToMs = (text: string) => Date.parse(`${text.replace(' ', 'T')}:00Z`);

/** The documented sortType values of the meeting lists (start time ascending / descending). */
export const START_SORTS = ['ASC_StartTIME', 'DSC_StartTIME'];

/** `startDate` and `endDate` (Unix ms), both required and in order, or Huawei's 400. */
export function timeRange(r: SimRequest): { from: number; to: number } | SimResponse {
	const start = r.query.get('startDate');
	const end = r.query.get('endDate');
	if (!start || !end || !/^\d+$/.test(start) || !/^\d+$/.test(end)) {
		return BAD('startDate and endDate are required (epoch milliseconds)');
	}
	const from = Number(start);
	const to = Number(end);
	if (from > to) return BAD('startDate must not be after endDate');
	return { from, to };
}

/** Orders ConferenceInfo-like entries by their start time, as `sortType` asks (default ascending). */
export function sortByStart<T extends { startTime: unknown }>(
	list: T[],
	sortType: string | null,
): T[] {
	const at = (m: T) => utcMinutesToMs(String(m.startTime));
	const sorted = [...list].sort((a, b) => at(a) - at(b));
	return sortType?.startsWith('DSC_') ? sorted.reverse() : sorted;
}

/** Paging as documented: offset ≥ 0, 1 ≤ limit ≤ 500 (default 20); answer `{offset, limit, count, data}`. */
export function page(
	r: SimRequest,
	all: unknown[],
	names = { offset: 'offset', limit: 'limit' },
	key = 'data',
): SimResponse {
	const offsetText = r.query.get(names.offset) ?? '0';
	const limitText = r.query.get(names.limit) ?? '20';
	if (!/^\d+$/.test(offsetText) || !/^\d+$/.test(limitText))
		return BAD(`${names.offset} and ${names.limit} must be integers`);
	const offset = Number(offsetText);
	const limit = Number(limitText);
	if (limit < 1 || limit > 500) return BAD(`${names.limit} must be between 1 and 500`);
	return {
		status: 200,
		body: { offset, limit, count: all.length, [key]: all.slice(offset, offset + limit) },
	};
}

export class MeetingStore {
	readonly meetings = new Map<string, SimMeeting>();
	/** Calls to the two detail endpoints, for "one call per burst" assertions. */
	detailCalls = 0;

	add(partial: Partial<SimMeeting> = {}): SimMeeting {
		const conferenceID =
			partial.conferenceID ?? String(900_000_000 + Math.floor(Math.random() * 99_999_999));
		const start = Date.now() - 5 * 60_000;
		const meeting: SimMeeting = {
			conferenceID,
			confUUID: randomUUID().replace(/-/g, ''),
			subject: 'Q4 planning 规划 🚀',
			startTime: toUtcMinutes(start),
			endTime: toUtcMinutes(start + 3600_000),
			timeZoneID: '56',
			conferenceState: 'Created',
			scheduserName: 'Tom',
			userUUID: randomUUID().replace(/-/g, ''),
			confType: 'COMMON',
			mediaTypes: 'Voice,Video,Data',
			size: 10,
			isAutoRecord: 0,
			chairJoinUri: `https://c.meeting.huaweicloud.com/#/j/${conferenceID}/${randomBytes(24).toString('hex')}`,
			guestJoinUri: `https://c.meeting.huaweicloud.com/#/j/${conferenceID}/${randomBytes(24).toString('hex')}`,
			passwordEntry: [
				{ conferenceRole: 'chair', password: randomBytes(3).toString('hex') },
				{ conferenceRole: 'general', password: randomBytes(3).toString('hex') },
			],
			online: [],
			attendance: [],
			recordingUrls: [],
			...partial,
		};
		this.meetings.set(conferenceID, meeting);
		return meeting;
	}

	byUuid(uuid: string | null): SimMeeting | undefined {
		return [...this.meetings.values()].find((m) => m.confUUID === uuid);
	}

	/** The public view of a meeting (ConferenceInfo). */
	info(m: SimMeeting): Record<string, unknown> {
		const { online: _o, attendance: _a, recordingUrls: _r, ...info } = m;
		return info;
	}

	detail(r: SimRequest): SimResponse {
		this.detailCalls++;
		const id = r.query.get('conferenceID');
		if (!id) return BAD('conferenceID is required');
		const m = this.meetings.get(id);
		if (!m || m.conferenceState === 'Destroyed') return NOT_FOUND('conference');
		const attendees = page(r, m.online);
		if (attendees.status !== 200) return attendees;
		return { status: 200, body: { conferenceData: this.info(m), data: attendees.body } };
	}

	history(r: SimRequest): SimResponse {
		this.detailCalls++;
		const uuid = r.query.get('confUUID');
		if (!uuid) return BAD('confUUID is required');
		const m = this.byUuid(uuid);
		if (!m || m.conferenceState !== 'Destroyed') return NOT_FOUND('history conference');
		return {
			status: 200,
			body: { conferenceData: this.info(m), data: { offset: 0, limit: 20, count: 0, data: [] } },
		};
	}

	list(r: SimRequest): SimResponse {
		const mode = r.query.get('queryConfMode');
		if (mode && !['ADAY', 'AWEEK', 'AMONTH', 'ALL'].includes(mode))
			return BAD('queryConfMode is invalid');
		const queryAll = r.query.get('queryAll');
		if (queryAll && !['true', 'false'].includes(queryAll)) return BAD('queryAll must be a boolean');
		const sortType = r.query.get('sortType');
		if (sortType && !START_SORTS.includes(sortType)) return BAD('sortType is invalid');
		const search = r.query.get('searchKey');
		const open = [...this.meetings.values()]
			.filter((m) => m.conferenceState !== 'Destroyed')
			.filter((m) => !search || m.subject.includes(search) || m.conferenceID.includes(search));
		return page(
			r,
			sortByStart(open, sortType).map((m) => this.info(m)),
		);
	}

	create(r: SimRequest): SimResponse {
		const b = r.json as Record<string, unknown> | undefined;
		if (!b || typeof b !== 'object') return BAD('the body must be JSON');
		if (typeof b.mediaTypes !== 'string' || !b.mediaTypes.split(',').every((t) => MEDIA.has(t))) {
			return BAD('mediaTypes is required: Voice, Video, HDVideo, Data, comma separated');
		}
		if (b.subject !== undefined && (typeof b.subject !== 'string' || [...b.subject].length > 128)) {
			return BAD('subject must be a string of at most 128 characters');
		}
		if (
			b.length !== undefined &&
			(!Number.isInteger(b.length) || (b.length as number) < 15 || (b.length as number) > 1440)
		) {
			return BAD('length must be an integer from 15 to 1440');
		}
		if (
			b.startTime !== undefined &&
			(typeof b.startTime !== 'string' || !UTC_MINUTES.test(b.startTime))
		) {
			return BAD('startTime must be "yyyy-MM-dd HH:mm" (UTC)');
		}
		if (b.attendees !== undefined && !Array.isArray(b.attendees))
			return BAD('attendees must be an array');
		if (b.isAutoRecord !== undefined && ![0, 1].includes(b.isAutoRecord as number))
			return BAD('isAutoRecord must be 0 or 1');
		const startMs = b.startTime
			? Date.parse(`${(b.startTime as string).replace(' ', 'T')}:00Z`)
			: Date.now();
		const length = (b.length as number | undefined) ?? 30;
		const m = this.add({
			subject: (b.subject as string | undefined) ?? 'Meeting',
			mediaTypes: b.mediaTypes,
			startTime: toUtcMinutes(startMs),
			endTime: toUtcMinutes(startMs + length * 60_000),
			conferenceState: b.startTime ? 'Schedule' : 'Created',
			timeZoneID: (b.timeZoneID as string | undefined) ?? '56',
			isAutoRecord: (b.isAutoRecord as number | undefined) ?? 0,
			confType: b.startTime ? 'COMMON' : 'IMMEDIATELY',
		});
		return { status: 200, body: [this.info(m)] };
	}

	cancel(r: SimRequest): SimResponse {
		const id = r.query.get('conferenceID');
		if (!id) return BAD('conferenceID is required');
		const type = r.query.get('type');
		if (type !== null && !['0', '1'].includes(type)) return BAD('type must be 0 or 1');
		const m = this.meetings.get(id);
		if (!m || m.conferenceState === 'Destroyed') return NOT_FOUND('conference');
		if (m.conferenceState === 'Created' && type !== '1') {
			return {
				status: 400,
				body: errorBody('MMC.111070008', 'the conference is running: use type=1 to end it'),
			};
		}
		if (m.conferenceState === 'Created') m.conferenceState = 'Destroyed';
		else this.meetings.delete(id);
		return { status: 200 };
	}

	onlineAttendees(r: SimRequest): SimResponse {
		const id = r.query.get('conf_id');
		if (!id) return BAD('conf_id is required');
		const m = this.meetings.get(id);
		if (!m || m.conferenceState !== 'Created') return NOT_FOUND('online conference');
		const search = r.query.get('search_key');
		return page(
			r,
			m.online.filter((p) => !search || String(p.name).includes(search)),
		);
	}

	attendanceRecords(r: SimRequest): SimResponse {
		const uuid = r.query.get('confUUID');
		if (!uuid) return BAD('confUUID is required');
		const m = this.byUuid(uuid);
		if (!m || m.conferenceState !== 'Destroyed') return NOT_FOUND('history conference');
		const search = r.query.get('searchKey');
		return page(
			r,
			m.attendance.filter((p) => !search || String(p.displayName).includes(search)),
		);
	}

	/** The meetings with recording files (ready: decoded). */
	recorded(): SimMeeting[] {
		return [...this.meetings.values()].filter((m) => m.recordingUrls.length > 0);
	}

	recordEntry(m: SimMeeting): Record<string, unknown> {
		return {
			confUUID: m.confUUID,
			confID: m.conferenceID,
			url: m.recordingUrls.map((u) => u.url),
			rcdTime: 3540,
			rcdSize: 120,
			subject: m.subject,
			scheduserName: m.scheduserName,
			startTime: m.startTime,
			isDecodeFinish: true,
		};
	}

	recordings(r: SimRequest): SimResponse {
		const range = timeRange(r);
		if ('status' in range) return range;
		const { from, to } = range;
		const sortType = r.query.get('sortType');
		if (sortType && !START_SORTS.includes(sortType)) return BAD('sortType is invalid');
		const inRange = this.recorded().filter((m) => {
			const at = utcMinutesToMs(m.startTime);
			return at >= from && at <= to;
		});
		return page(
			r,
			sortByStart(inRange, sortType).map((m) => this.recordEntry(m)),
		);
	}

	meetingRecording(r: SimRequest): SimResponse {
		const uuid = r.query.get('confUUID');
		if (!uuid) return BAD('confUUID is required');
		const m = this.byUuid(uuid);
		if (!m || m.recordingUrls.length === 0) return NOT_FOUND('recording');
		return { status: 200, body: { ...this.recordEntry(m), available: true } };
	}

	downloadUrls(r: SimRequest): SimResponse {
		const uuid = r.query.get('confUUID');
		if (!uuid) return BAD('confUUID is required');
		const m = this.byUuid(uuid);
		if (!m || m.recordingUrls.length === 0) return NOT_FOUND('recording');
		const entry = {
			confUuid: m.confUUID,
			urls: m.recordingUrls.map((u) => ({ ...u, token: randomBytes(16).toString('hex') })),
		};
		return page(r, [entry], undefined, 'recordUrls');
	}
}

/** The routes, each behind the access-token check. */
export function meetingRoutes(
	store: MeetingStore,
): Array<[string, string, (r: SimRequest) => SimResponse]> {
	const c = '/v1/mmc/management/conferences';
	return [
		['GET', `${c}/confDetail`, (r) => store.detail(r)],
		['GET', `${c}/history/confDetail`, (r) => store.history(r)],
		['GET', c, (r) => store.list(r)],
		['POST', c, (r) => store.create(r)],
		['DELETE', c, (r) => store.cancel(r)],
		['GET', `${c}/online/conf-attendee`, (r) => store.onlineAttendees(r)],
		['GET', `${c}/history/confAttendeeRecord`, (r) => store.attendanceRecords(r)],
		['GET', '/v1/mmc/management/record/files', (r) => store.recordings(r)],
		['GET', `${c}/record/files`, (r) => store.meetingRecording(r)],
		['GET', '/v1/mmc/management/record/downloadurls', (r) => store.downloadUrls(r)],
	];
}
