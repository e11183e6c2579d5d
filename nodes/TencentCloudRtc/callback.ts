/**
 * A TRTC event callback: its schema (zod, tolerant where Tencent's samples disagree: numbers also as
 * numeric strings, RoomId as string or number) and the item the trigger emits for it.
 */
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import {
	eventName,
	groupName,
	LEAVE_CODES,
	named,
	REASONS,
	ROLES,
	STATUSES,
	TERMINALS,
	USER_TYPES,
} from './events';
import { msToIso, secondsToIso } from '../shared/time';

const num = z.union([
	z.number(),
	z
		.string()
		.regex(/^-?\d{1,16}(\.\d+)?$/)
		.transform(Number),
]);
const code = z.union([
	z.number().int().nonnegative(),
	z
		.string()
		.regex(/^\d{1,9}$/)
		.transform(Number),
]);
/** IDs are text; a number (even beyond 2^53, read losslessly as a string) becomes its decimal text. */
const id = z.union([z.string(), z.number().int().transform(String)]);
const text = z.string().optional();

const recordedFile = z
	.object({
		FileName: text,
		UserId: id.optional(),
		TrackType: text,
		MediaId: text,
		StartTimeStamp: num.optional(),
		EndTimeStamp: num.optional(),
	})
	.passthrough();

const vodFile = recordedFile.extend({
	FileId: id.optional(),
	VideoUrl: text,
	CacheFile: text,
});

/** Group 3's Payload (every field optional; which ones come depends on the type). */
const recordingPayload = z
	.object({
		Status: code.optional(),
		LeaveCode: code.optional(),
		FileList: z.union([z.string(), z.array(z.string())]).optional(),
		FileMessage: z.array(recordedFile).optional(),
		TencentVod: vodFile.optional(),
		Errmsg: text,
		FileName: text,
		UserId: id.optional(),
		TrackType: text,
		BeginTimeStamp: num.optional(),
		Url: text,
	})
	.passthrough();

const eventInfo = z
	.object({
		RoomId: id.optional(),
		EventTs: num.optional(),
		EventMsTs: num.optional(),
		EventTsMs: num.optional(),
		UserId: id.optional(),
		TaskId: id.optional(),
		UniqueId: num.optional(),
		Role: code.optional(),
		TerminalType: code.optional(),
		UserType: code.optional(),
		Reason: code.optional(),
		Payload: z.record(z.string(), z.unknown()).optional(),
	})
	.passthrough();

/** What each group cannot do without (rooms and media name a room; recordings also a task). */
const REQUIRED: Record<number, Array<'RoomId' | 'TaskId'>> = {
	1: ['RoomId'],
	2: ['RoomId'],
	3: ['RoomId', 'TaskId'],
};

export const callbackSchema = z
	.object({
		EventGroupId: code,
		EventType: code,
		CallbackTs: num.optional(),
		EventInfo: eventInfo,
	})
	.passthrough()
	.superRefine((body, ctx) => {
		for (const field of REQUIRED[body.EventGroupId] ?? [])
			if (body.EventInfo[field] === undefined)
				ctx.addIssue({ code: 'custom', path: ['EventInfo', field], message: 'Required' });
		if (body.EventGroupId === 3 && body.EventInfo.Payload !== undefined) {
			const payload = recordingPayload.safeParse(body.EventInfo.Payload);
			for (const issue of payload.error?.issues ?? [])
				ctx.addIssue({
					code: 'custom',
					path: ['EventInfo', 'Payload', ...issue.path.map(String)],
					message: issue.message,
				});
		}
	});
export type Callback = z.infer<typeof callbackSchema>;
type RecordingPayload = z.infer<typeof recordingPayload>;
type RecordedFile = z.infer<typeof recordedFile>;

/** When the callback was sent (CallbackTs, ms), else when the event happened (EventMsTs). */
export function sentAtMs(callback: Callback): number | undefined {
	return callback.CallbackTs ?? callback.EventInfo.EventMsTs ?? callback.EventInfo.EventTsMs;
}

function fileOut(file: RecordedFile): IDataObject {
	return {
		fileName: file.FileName ?? null,
		userId: file.UserId ?? null,
		trackType: file.TrackType ?? null,
		mediaId: file.MediaId ?? null,
		startTime: msToIso(file.StartTimeStamp) ?? null,
		startTimeStamp: file.StartTimeStamp ?? null,
		endTime: msToIso(file.EndTimeStamp) ?? null,
		endTimeStamp: file.EndTimeStamp ?? null,
	};
}

/** Group 3's Payload, flattened: names next to codes, file lists as arrays, ISO times. */
function recordingOut(type: number, payload: RecordingPayload): IDataObject {
	const out: IDataObject = {
		status: named(STATUSES[type], payload.Status),
		statusCode: payload.Status ?? null,
		fileList:
			payload.FileList === undefined
				? []
				: Array.isArray(payload.FileList)
					? payload.FileList
					: [payload.FileList],
		files: (payload.FileMessage ?? []).map(fileOut),
		vod: payload.TencentVod
			? {
					fileId: payload.TencentVod.FileId ?? null,
					videoUrl: payload.TencentVod.VideoUrl ?? null,
					cacheFile: payload.TencentVod.CacheFile ?? null,
					...fileOut(payload.TencentVod),
				}
			: null,
		errorMessage: payload.Errmsg ?? null,
	};
	if (payload.LeaveCode !== undefined) {
		out.leaveReason = named(LEAVE_CODES[type], payload.LeaveCode);
		out.leaveCode = payload.LeaveCode;
	}
	if (payload.FileName !== undefined) out.fileName = payload.FileName;
	if (payload.TrackType !== undefined) out.trackType = payload.TrackType;
	if (payload.BeginTimeStamp !== undefined) {
		out.beginTime = msToIso(payload.BeginTimeStamp) ?? null;
		out.beginTimeStamp = payload.BeginTimeStamp;
	}
	if (payload.Url !== undefined) out.imageUrl = payload.Url;
	return out;
}

/** Adds `<field>` (named) and `<field>Code` (raw) when the callback carries the code. */
function withCode(item: IDataObject, field: string, codes: Record<number, string>, value: unknown) {
	if (value === undefined) return;
	item[field] = named(codes, value);
	item[`${field}Code`] = value as number;
}

/**
 * The item for one callback. `raw` is the body as received (long integers kept as strings), and
 * `payload` is EventInfo.Payload with every field Tencent sent.
 */
export function toItem(callback: Callback, raw: IDataObject, sdkAppId: string): IDataObject {
	const groupId = callback.EventGroupId;
	const type = callback.EventType;
	const info = callback.EventInfo;
	const rawRoomId = (raw.EventInfo as IDataObject).RoomId;
	const eventMsTs = info.EventMsTs ?? info.EventTsMs;
	const item: IDataObject = {
		event: eventName(groupId, type),
		eventGroup: groupName(groupId),
		eventGroupId: groupId,
		eventType: type,
		sdkAppId,
		roomId: info.RoomId ?? null,
		// TRTC's numeric room IDs are 32-bit: a number in the body is a numeric room.
		roomIdType:
			rawRoomId === undefined ? null : typeof rawRoomId === 'number' ? 'number' : 'string',
		userId: info.UserId ?? null,
		taskId: info.TaskId ?? null,
		callbackTime: msToIso(callback.CallbackTs) ?? null,
		callbackTs: callback.CallbackTs ?? null,
		eventTime: msToIso(eventMsTs) ?? secondsToIso(info.EventTs) ?? null,
		eventMsTs: eventMsTs ?? null,
		eventTs: info.EventTs ?? null,
	};
	withCode(item, 'role', ROLES, info.Role);
	withCode(item, 'terminal', TERMINALS, info.TerminalType);
	withCode(item, 'userType', USER_TYPES, info.UserType);
	withCode(item, 'reason', REASONS[type] ?? {}, info.Reason);
	if (info.UniqueId !== undefined) item.uniqueId = info.UniqueId;
	const payload = info.Payload;
	if (payload && typeof payload.Status === 'number')
		withCode(item, 'status', STATUSES[type] ?? {}, payload.Status);
	// Validated by callbackSchema already: parse only applies its number conversions.
	if (groupId === 3) item.recording = recordingOut(type, recordingPayload.parse(payload ?? {}));
	item.payload = ((raw.EventInfo as IDataObject).Payload as IDataObject | undefined) ?? null;
	item.raw = raw;
	return item;
}
