/** The Huawei Cloud Meeting node's Meeting, Participant and Recording operations. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest } from '../shared/http';
import { readLimit } from '../shared/paging';
import { requiredText } from '../shared/parameters';
import { toUtcMinutes } from '../shared/time';
import { meetingApi } from './api';
import {
	describeAttendance,
	describeMeeting,
	describeOnlineParticipant,
	describeRecording,
	getMeetingDetail,
	getDownloadLinks,
	listOffsetPaged,
	MEETING_PATHS,
} from './meetings';

type Operation = (ctx: IExecuteFunctions, i: number) => Promise<IDataObject | IDataObject[]>;

const hostSecrets = (ctx: IExecuteFunctions, i: number) => ({
	includeHostSecrets: ctx.getNodeParameter('options.includeHostSecrets', i, false) as boolean,
});

/** Drops empty filter values so that only what the user set is sent. */
function setOnly(values: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null),
	);
}

async function createMeeting(ctx: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const subject = requiredText(ctx, i, 'subject', 'subject');
	if (subject.length > 128) {
		throw new NodeOperationError(ctx.getNode(), 'The subject is longer than 128 characters', {
			itemIndex: i,
		});
	}
	const mediaTypes = ctx.getNodeParameter('mediaTypes', i, []) as string[];
	if (mediaTypes.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one media type', { itemIndex: i });
	}
	const extra = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body: IDataObject = {
		subject,
		mediaTypes: mediaTypes.join(','),
		length: ctx.getNodeParameter('length', i, 60),
	};
	const start = ctx.getNodeParameter('startTime', i, '') as string;
	if (start) {
		const utc = toUtcMinutes(start);
		if (!utc)
			throw new NodeOperationError(ctx.getNode(), `"${start}" is not a date and time`, {
				itemIndex: i,
			});
		body.startTime = utc;
	}
	const attendees =
		((extra.attendees as IDataObject | undefined)?.attendee as IDataObject[] | undefined) ?? [];
	if (attendees.length) {
		body.attendees = attendees.map((a) =>
			setOnly({ name: a.name, email: a.email, phone: a.phone, role: a.role }),
		);
	}
	if (extra.isAutoRecord !== undefined) body.isAutoRecord = extra.isAutoRecord ? 1 : 0;
	if (extra.timeZoneID) body.timeZoneID = String(extra.timeZoneID);
	const created = await apiRequest<unknown>(ctx, meetingApi, 'Create meeting', {
		method: 'POST',
		url: MEETING_PATHS.list,
		headers: { 'Content-Type': 'application/json; charset=UTF-8' },
		body,
	});
	const list = Array.isArray(created) ? created : [created];
	return list.map((c) => describeMeeting((c ?? {}) as IDataObject, hostSecrets(ctx, i)));
}

async function deleteMeeting(
	ctx: IExecuteFunctions,
	i: number,
	end: boolean,
): Promise<IDataObject> {
	const conferenceId = requiredText(ctx, i, 'meetingId', 'meeting ID');
	await apiRequest(ctx, meetingApi, end ? 'End meeting' : 'Cancel meeting', {
		method: 'DELETE',
		url: MEETING_PATHS.list,
		qs: end ? { conferenceID: conferenceId, type: 1 } : { conferenceID: conferenceId },
	});
	return { meetingId: conferenceId, [end ? 'ended' : 'cancelled']: true };
}

export const operations: Record<string, Record<string, Operation>> = {
	meeting: {
		create: createMeeting,
		get: async (ctx, i) => {
			const byUuid = ctx.getNodeParameter('lookupBy', i, 'id') === 'uuid';
			const data = await getMeetingDetail(
				ctx,
				byUuid
					? { by: 'uuid', confUuid: requiredText(ctx, i, 'meetingUuid', 'meeting UUID') }
					: { by: 'id', conferenceId: requiredText(ctx, i, 'meetingId', 'meeting ID') },
			);
			return describeMeeting(data, hostSecrets(ctx, i));
		},
		getAll: async (ctx, i) => {
			const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
			const list = await listOffsetPaged(
				ctx,
				'Get meetings',
				MEETING_PATHS.list,
				setOnly(filters),
				readLimit(ctx, i),
			);
			return list.map((m) => describeMeeting(m, hostSecrets(ctx, i)));
		},
		cancel: async (ctx, i) => await deleteMeeting(ctx, i, false),
		end: async (ctx, i) => await deleteMeeting(ctx, i, true),
	},
	participant: {
		getAll: async (ctx, i) => {
			const qs = setOnly({
				conf_id: requiredText(ctx, i, 'meetingId', 'meeting ID'),
				search_key: ctx.getNodeParameter('searchKey', i, '') as string,
			});
			const list = await listOffsetPaged(
				ctx,
				'Get participants',
				MEETING_PATHS.onlineAttendees,
				qs,
				readLimit(ctx, i),
			);
			return list.map(describeOnlineParticipant);
		},
		getAttendance: async (ctx, i) => {
			const qs = setOnly({
				confUUID: requiredText(ctx, i, 'meetingUuid', 'meeting UUID'),
				searchKey: ctx.getNodeParameter('searchKey', i, '') as string,
			});
			const list = await listOffsetPaged(
				ctx,
				'Get attendance',
				MEETING_PATHS.attendance,
				qs,
				readLimit(ctx, i),
			);
			return list.map(describeAttendance);
		},
	},
	recording: {
		getAll: async (ctx, i) => {
			const endParam = ctx.getNodeParameter('endDate', i, '') as string;
			const startParam = ctx.getNodeParameter('startDate', i, '') as string;
			const endDate = endParam ? new Date(endParam).getTime() : Date.now();
			const startDate = startParam ? new Date(startParam).getTime() : endDate - 30 * 24 * 3600_000;
			if (!Number.isFinite(startDate) || !Number.isFinite(endDate) || startDate > endDate) {
				throw new NodeOperationError(ctx.getNode(), 'Enter a From time before the To time', {
					itemIndex: i,
				});
			}
			const filters = setOnly(ctx.getNodeParameter('filters', i, {}) as IDataObject);
			const qs = { ...filters, startDate, endDate };
			const list = await listOffsetPaged(
				ctx,
				'Get recordings',
				MEETING_PATHS.recordings,
				qs,
				readLimit(ctx, i),
			);
			return list.map(describeRecording);
		},
		get: async (ctx, i) => {
			const confUUID = requiredText(ctx, i, 'meetingUuid', 'meeting UUID');
			const answer = await apiRequest<IDataObject>(ctx, meetingApi, 'Get recording', {
				method: 'GET',
				url: MEETING_PATHS.meetingRecording,
				qs: { confUUID },
			});
			return describeRecording(answer ?? {});
		},
		getDownloadLinks: async (ctx, i) => {
			const confUUID = requiredText(ctx, i, 'meetingUuid', 'meeting UUID');
			const { links, recordUrls } = await getDownloadLinks(ctx, confUUID);
			return { meetingUuid: confUUID, links, urls: links.map((l) => l.url), recordUrls };
		},
	},
};
