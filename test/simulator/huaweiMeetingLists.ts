/**
 * Huawei Cloud Meeting's history-meeting list (`SearchHisMeetings`, docs/providers/
 * huawei-cloud-meeting.md, "Meetings, participants and recordings") and a meeting timeline the tests drive:
 * scheduled → running → ended, recordings that become ready later.
 *
 * As documented: `startDate` and `endDate` (Unix ms) both required, `offset` ≥ 0, 1 ≤ `limit` ≤ 500
 * (default 20), `sortType` one of four values, `queryAll` a boolean; only ended meetings, filtered on
 * their start time (the documentation's example is consistent with that; which time is not stated).
 * Anything else is refused with HTTP 400 and `{error_code, error_msg}`.
 */
import { randomUUID } from 'node:crypto';

import type { SimRequest, SimResponse } from './server';
import { errorBody } from './server';
import type { MeetingStore, SimMeeting } from './huaweiMeetings';
import {
	page,
	sortByStart,
	START_SORTS,
	timeRange,
	toUtcMinutes,
	utcMinutesToMs,
} from './huaweiMeetings';

const HISTORY_SORTS = [...START_SORTS, 'ASC_RecordTYPE', 'DSC_RecordTYPE'];
const BAD = (text: string) => ({ status: 400, body: errorBody('MMC.111000001', text) });

/** GET /v1/mmc/management/conferences/history */
export function historyList(store: MeetingStore, r: SimRequest): SimResponse {
	const range = timeRange(r);
	if ('status' in range) return range;
	const { from, to } = range;
	const sortType = r.query.get('sortType');
	if (sortType && !HISTORY_SORTS.includes(sortType)) return BAD('sortType is invalid');
	const queryAll = r.query.get('queryAll');
	if (queryAll && !['true', 'false'].includes(queryAll)) return BAD('queryAll must be a boolean');
	const search = r.query.get('searchKey');
	const ended = [...store.meetings.values()].filter((m) => {
		const at = utcMinutesToMs(m.startTime);
		return (
			m.conferenceState === 'Destroyed' &&
			at >= from &&
			at <= to &&
			(!search || m.subject.includes(search) || m.conferenceID.includes(search))
		);
	});
	let sorted = sortByStart(ended, sortType?.replace('RecordTYPE', 'StartTIME') ?? null);
	if (sortType?.endsWith('RecordTYPE')) {
		const recorded = (m: SimMeeting) => (m.recordingUrls.length > 0 ? 0 : 1);
		sorted = [...sorted].sort((a, b) => recorded(a) - recorded(b));
	}
	return page(
		r,
		sorted.map((m) => ({
			...store.info(m),
			isHasRecordFile: m.recordingUrls.length > 0,
		})),
	);
}

export function listRoutes(
	store: MeetingStore,
): Array<[string, string, (r: SimRequest) => SimResponse]> {
	return [['GET', '/v1/mmc/management/conferences/history', (r) => historyList(store, r)]];
}

/** Test control: moves meetings along their life and makes recordings ready. */
export class MeetingTimeline {
	constructor(private readonly store: MeetingStore) {}

	private get(id: string): SimMeeting {
		const m = this.store.meetings.get(id);
		if (!m) throw new Error(`no meeting ${id}`);
		return m;
	}

	/** A meeting scheduled to start `inMinutes` from now. */
	schedule(subject: string, inMinutes = 60, extra: Partial<SimMeeting> = {}): SimMeeting {
		const at = Date.now() + inMinutes * 60_000;
		return this.store.add({
			subject,
			conferenceState: 'Schedule',
			startTime: toUtcMinutes(at),
			endTime: toUtcMinutes(at + 3600_000),
			...extra,
		});
	}

	/** The meeting runs, from `startedMinutesAgo` ago (a scheduled one starts now by default). */
	start(id: string, startedMinutesAgo = 0): SimMeeting {
		const m = this.get(id);
		const at = Date.now() - startedMinutesAgo * 60_000;
		m.conferenceState = 'Created';
		m.startTime = toUtcMinutes(at);
		m.endTime = toUtcMinutes(at + 3600_000);
		return m;
	}

	/** A running meeting, started `startedMinutesAgo` ago. */
	running(subject: string, startedMinutesAgo = 5, extra: Partial<SimMeeting> = {}): SimMeeting {
		const m = this.store.add({ subject, ...extra });
		return this.start(m.conferenceID, startedMinutesAgo);
	}

	/** The meeting ends now: it leaves the meeting list and enters the history list. */
	end(id: string): SimMeeting {
		const m = this.get(id);
		m.conferenceState = 'Destroyed';
		m.endTime = toUtcMinutes(Date.now());
		return m;
	}

	/** An ended meeting, held `startedMinutesAgo` ago for `minutes`. */
	ended(subject: string, startedMinutesAgo = 60, minutes = 30): SimMeeting {
		const at = Date.now() - startedMinutesAgo * 60_000;
		return this.store.add({
			subject,
			conferenceState: 'Destroyed',
			startTime: toUtcMinutes(at),
			endTime: toUtcMinutes(at + minutes * 60_000),
		});
	}

	/** The meeting's cloud recording is ready (decoded): it enters the recording list. */
	recordingReady(id: string): SimMeeting {
		const m = this.get(id);
		m.recordingUrls = [
			{ fileType: 'Hd', url: `https://100.85.1.1/download/${randomUUID()}.mp4` },
			{ fileType: 'Aux', url: `https://100.85.1.1/download/${randomUUID()}.mp4` },
		];
		return m;
	}
}
