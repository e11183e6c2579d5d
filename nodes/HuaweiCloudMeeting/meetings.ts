/**
 * Meetings, participants and recordings (docs/providers/huawei-cloud-meeting.md, "Meetings,
 * participants and recordings"): the calls, and what a person needs from their answers (subject,
 * host, times as ISO 8601, links) with the fields that grant host rights left out unless asked for.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, RequestPolicy } from '../shared/http';
import { apiRequest } from '../shared/http';
import type { Page } from '../shared/paging';
import { collectPages, nextOffset } from '../shared/paging';
import { msToIso, utcMinutesToIso } from '../shared/time';
import { meetingApi } from './api';

const CONFERENCES = '/v1/mmc/management/conferences';
export const MEETING_PATHS = {
	detail: `${CONFERENCES}/confDetail`,
	history: `${CONFERENCES}/history/confDetail`,
	list: CONFERENCES,
	historyList: `${CONFERENCES}/history`,
	onlineAttendees: `${CONFERENCES}/online/conf-attendee`,
	attendance: `${CONFERENCES}/history/confAttendeeRecord`,
	recordings: '/v1/mmc/management/record/files',
	meetingRecording: `${CONFERENCES}/record/files`,
	downloadUrls: '/v1/mmc/management/record/downloadurls',
};

/** Huawei's largest page for these lists. */
export const MAX_PAGE = 500;

/** conferenceState as Huawei names it, and in words. */
const STATE_NAMES: Record<string, string> = {
	Schedule: 'scheduled',
	Creating: 'starting',
	Created: 'running',
	Destroyed: 'ended',
};

/** Fields that let whoever has them act as the host: output only when asked for. */
const HOST_SECRETS = ['chairJoinUri', 'hostJoinUri'];

export interface MeetingOutputOptions {
	/** Include the host link and the host password (they grant host rights). */
	includeHostSecrets?: boolean;
}

/** The conference data with the host link and host password removed (unless asked for). */
function withoutHostSecrets(data: IDataObject, options: MeetingOutputOptions): IDataObject {
	if (options.includeHostSecrets) return data;
	const copy: IDataObject = { ...data };
	for (const field of HOST_SECRETS) delete copy[field];
	if (Array.isArray(copy.passwordEntry)) {
		copy.passwordEntry = (copy.passwordEntry as IDataObject[]).filter(
			(entry) => String(entry?.conferenceRole).toLowerCase() !== 'chair',
		);
	}
	return copy;
}

/** A meeting as an item: named fields first, ISO times next to Huawei's raw "yyyy-MM-dd HH:mm" (UTC). */
export function describeMeeting(
	conferenceData: IDataObject,
	options: MeetingOutputOptions = {},
): IDataObject {
	const d = withoutHostSecrets(conferenceData, options);
	const state = typeof d.conferenceState === 'string' ? d.conferenceState : undefined;
	const mediaTypes =
		typeof d.mediaTypes === 'string'
			? d.mediaTypes
					.split(',')
					.map((m) => m.trim())
					.filter(Boolean)
			: [];
	const meeting: IDataObject = {
		id: d.conferenceID ?? null,
		uuid: d.confUUID ?? null,
		subject: d.subject ?? null,
		host: d.scheduserName ?? null,
		hostUserUuid: d.userUUID ?? null,
		startTime: utcMinutesToIso(d.startTime) ?? null,
		endTime: utcMinutesToIso(d.endTime) ?? null,
		startTimeRaw: d.startTime ?? null,
		endTimeRaw: d.endTime ?? null,
		timeZoneId: d.timeZoneID ?? null,
		state: state ?? null,
		stateName: state ? (STATE_NAMES[state] ?? state) : null,
		mediaTypes,
		size: d.size ?? null,
		autoRecord: d.isAutoRecord === undefined ? null : Number(d.isAutoRecord) === 1,
		type: d.confType ?? null,
		guestJoinUri: d.guestJoinUri ?? null,
	};
	if (options.includeHostSecrets) meeting.chairJoinUri = d.chairJoinUri ?? null;
	meeting.details = d;
	return meeting;
}

/** A conference-detail answer: `conferenceData` plus the invited attendees (`data`, paged). */
interface DetailAnswer extends IDataObject {
	conferenceData?: IDataObject;
}

export type MeetingLookup = { by: 'id'; conferenceId: string } | { by: 'uuid'; confUuid: string };

/** Details of a scheduled or running meeting (by meeting ID), or of an ended one (by UUID). */
export async function getMeetingDetail(
	ctx: ApiContext,
	lookup: MeetingLookup,
	extra: { timeoutMs?: number; policy?: RequestPolicy } = {},
): Promise<IDataObject> {
	const request =
		lookup.by === 'id'
			? { url: MEETING_PATHS.detail, qs: { conferenceID: lookup.conferenceId } }
			: { url: MEETING_PATHS.history, qs: { confUUID: lookup.confUuid } };
	const answer = await apiRequest<DetailAnswer>(
		ctx,
		meetingApi,
		lookup.by === 'id' ? 'Get meeting' : 'Get ended meeting',
		{ method: 'GET', ...request, ...(extra.timeoutMs ? { timeout: extra.timeoutMs } : {}) },
		extra.policy,
	);
	if (!answer?.conferenceData || typeof answer.conferenceData !== 'object') {
		throw new Error('the answer holds no conferenceData');
	}
	return answer.conferenceData;
}

interface OffsetPage extends IDataObject {
	offset?: number;
	limit?: number;
	count?: number;
	data?: IDataObject[];
}

/**
 * A Huawei offset/limit list read page by page (`pageSize` per call, default and at most 500),
 * `limit` items at most.
 */
export async function listOffsetPaged(
	ctx: ApiContext,
	operation: string,
	url: string,
	qs: IDataObject,
	limit: number | undefined,
	names: { offset: string; limit: string } = { offset: 'offset', limit: 'limit' },
	itemsOf: (answer: IDataObject) => unknown = (answer) => answer.data,
	countOf: (answer: IDataObject) => unknown = (answer) => answer.count,
	extra: { timeoutMs?: number; policy?: RequestPolicy; pageSize?: number } = {},
): Promise<IDataObject[]> {
	return await collectPages<IDataObject, number>(
		async (offset = 0, pageSize): Promise<Page<IDataObject, number>> => {
			const answer = await apiRequest<OffsetPage>(
				ctx,
				meetingApi,
				operation,
				{
					method: 'GET',
					url,
					qs: { ...qs, [names.offset]: offset, [names.limit]: pageSize },
					...(extra.timeoutMs ? { timeout: extra.timeoutMs } : {}),
				},
				extra.policy,
			);
			const items = Array.isArray(itemsOf(answer)) ? (itemsOf(answer) as IDataObject[]) : [];
			return { items, next: nextOffset(offset, items.length, countOf(answer)) };
		},
		Math.min(extra.pageSize ?? MAX_PAGE, MAX_PAGE),
		limit,
	);
}

/** A participant of a running meeting, with a named role. */
export function describeOnlineParticipant(p: IDataObject): IDataObject {
	return { ...p, roleName: Number(p.role) === 1 ? 'chair' : 'participant' };
}

/** An attendance record of an ended meeting, with ISO times. */
export function describeAttendance(r: IDataObject): IDataObject {
	return {
		...r,
		joinTimeIso: msToIso(r.joinTime) ?? null,
		leftTimeIso: msToIso(r.leftTime) ?? null,
	};
}

/** A recording entry: ISO start time, duration in seconds and size in MB named. */
export function describeRecording(r: IDataObject): IDataObject {
	return {
		...r,
		startTimeIso: utcMinutesToIso(r.startTime) ?? msToIso(r.startTime) ?? null,
		durationSeconds: r.rcdTime ?? null,
		sizeMb: r.rcdSize ?? null,
	};
}

/**
 * A recording's files with their download links (each link valid for one hour and one download;
 * `token` is what the download sends), and Huawei's entries as they came.
 */
export async function getDownloadLinks(
	ctx: ApiContext,
	confUUID: string,
	extra: { timeoutMs?: number; policy?: RequestPolicy } = {},
): Promise<{ links: IDataObject[]; recordUrls: IDataObject[] }> {
	const recordUrls = await listOffsetPaged(
		ctx,
		'Get recording download links',
		MEETING_PATHS.downloadUrls,
		{ confUUID },
		undefined,
		undefined,
		(answer) => answer.recordUrls,
		undefined,
		extra,
	);
	const links = recordUrls.flatMap((entry) =>
		((entry.urls as IDataObject[] | undefined) ?? []).map((u) => ({
			fileType: u.fileType ?? null,
			url: u.url ?? null,
			token: u.token ?? null,
		})),
	);
	return { links, recordUrls };
}
