/**
 * The TRTC actions behind each operation: the documented X-TC-Action, its body (PascalCase, as
 * Tencent's API reference and SDK models give them) and the schema its answer must match.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';
import { z } from 'zod/v4';

import { requiredText } from '../shared/parameters';
import { msToIso } from '../shared/time';
import { genUserSig } from '../TencentCloudRoom/usersig';
import { trtcRequest } from './api';
import { fail, list, sdkAppIdOf } from './params';
import { getCallQuality, getRoomUsers, getRooms } from './usage';

type Ctx = IExecuteFunctions;

/** TRTC numeric room IDs: 1 to 4294967294. */
export const MAX_NUMERIC_ROOM_ID = 4_294_967_294;
export const MAX_REMOVED_USERS = 10;

const answer = z.looseObject({ RequestId: z.string() });
const taskAnswer = answer.extend({ TaskId: z.string() });
const recordingAnswer = taskAnswer.extend({
	Status: z.enum(['Idle', 'InProgress', 'Exited']),
	StorageFileList: z
		.array(
			z.looseObject({
				UserId: z.string().optional(),
				FileName: z.string().optional(),
				TrackType: z.string().optional(),
				BeginTimeStamp: z.number().optional(),
			}),
		)
		.nullish(),
	RecorderKey: z.string().nullish(),
});

/** The room ID as the action wants it: an integer for numeric rooms, the text for string rooms. */
function roomOf(ctx: Ctx, i: number): { numeric: boolean; roomId: number | string } {
	const numeric = ctx.getNodeParameter('roomIdType', i, 'number') === 'number';
	const text = requiredText(ctx, i, 'roomId', 'room ID');
	if (!numeric) return { numeric, roomId: text };
	const roomId = Number(text);
	if (!/^\d+$/.test(text) || roomId < 1 || roomId > MAX_NUMERIC_ROOM_ID)
		throw fail(
			ctx,
			i,
			`A numeric room ID is a whole number from 1 to ${MAX_NUMERIC_ROOM_ID}; choose Room ID Type "String" for "${text}"`,
		);
	return { numeric, roomId };
}

/** A JSON parameter (string or object) that must be an object, or undefined when empty. */
function jsonObject(ctx: Ctx, i: number, value: unknown, label: string): IDataObject | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed =
		typeof value === 'string'
			? jsonParse(value, { errorMessage: `${label} is not valid JSON` })
			: value;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw fail(ctx, i, `${label} must be a JSON object`);
	return parsed as IDataObject;
}

async function dismiss(ctx: Ctx, i: number, sdkAppId: number): Promise<IDataObject> {
	const { numeric, roomId } = roomOf(ctx, i);
	const action = numeric ? 'DismissRoom' : 'DismissRoomByStrRoomId';
	const res = await trtcRequest(ctx, {
		action,
		label: 'Dismiss room',
		body: { SdkAppId: sdkAppId, RoomId: roomId },
		schema: answer,
	});
	return { sdkAppId, roomId, action, dismissed: true, requestId: res.RequestId };
}

async function removeUsers(ctx: Ctx, i: number, sdkAppId: number): Promise<IDataObject> {
	const { numeric, roomId } = roomOf(ctx, i);
	const userIds = [...new Set(list(ctx.getNodeParameter('userIds', i, '')))];
	if (userIds.length === 0) throw fail(ctx, i, 'Enter at least one user ID');
	if (userIds.length > MAX_REMOVED_USERS)
		throw fail(ctx, i, `At most ${MAX_REMOVED_USERS} user IDs per call (got ${userIds.length})`);
	const action = numeric ? 'RemoveUser' : 'RemoveUserByStrRoomId';
	const res = await trtcRequest(ctx, {
		action,
		label: 'Remove users',
		body: { SdkAppId: sdkAppId, RoomId: roomId, UserIds: userIds },
		schema: answer,
	});
	return { sdkAppId, roomId, action, removedUserIds: userIds, requestId: res.RequestId };
}

function storageParams(ctx: Ctx, i: number, options: IDataObject): IDataObject {
	if (ctx.getNodeParameter('storage', i) === 'cos') {
		const cloudStorage: IDataObject = {
			Vendor: ctx.getNodeParameter('cosVendor', i, 0) as number,
			Region: requiredText(ctx, i, 'cosRegion', 'bucket region'),
			Bucket: requiredText(ctx, i, 'cosBucket', 'bucket'),
			AccessKey: requiredText(ctx, i, 'cosAccessKey', 'storage access key'),
			SecretKey: requiredText(ctx, i, 'cosSecretKey', 'storage secret key'),
		};
		const prefix = list(options.fileNamePrefix);
		if (prefix.length) cloudStorage.FileNamePrefix = prefix;
		return { CloudStorage: cloudStorage };
	}
	const vod: IDataObject = { MediaType: ctx.getNodeParameter('vodMediaType', i, 0) as number };
	if (options.procedure) vod.Procedure = options.procedure;
	if (options.subAppId) vod.SubAppId = options.subAppId;
	if (options.userDefineRecordId) vod.UserDefineRecordId = options.userDefineRecordId;
	return { CloudVod: { TencentVod: vod } };
}

/** Hours a recording task can be managed by default (ResourceExpiredHour). */
export const DEFAULT_RESOURCE_HOURS = 72;

/**
 * The robot's UserSig: as entered, or generated from the app's secret key in a Tencent Cloud Chat API
 * credential (same SDKAppID), valid for the task's management time plus an hour.
 */
async function robotUserSig(
	ctx: Ctx,
	i: number,
	sdkAppId: number,
	userId: string,
	options: IDataObject,
): Promise<string> {
	if (ctx.getNodeParameter('userSigSource', i, 'generate') === 'manual')
		return requiredText(ctx, i, 'userSig', 'robot UserSig');
	const app = await ctx.getCredentials<{ sdkAppId?: unknown; secretKey?: unknown }>(
		'tencentCloudChatApi',
		i,
	);
	if (Number(app.sdkAppId) !== sdkAppId)
		throw fail(
			ctx,
			i,
			`The Tencent Cloud Chat API credential is for SDKAppID ${String(app.sdkAppId)}, not ${sdkAppId}`,
		);
	const hours = Number(options.resourceExpiredHour ?? DEFAULT_RESOURCE_HOURS);
	return genUserSig(sdkAppId, String(app.secretKey ?? ''), userId, (hours + 1) * 3600);
}

/** The CreateCloudRecording body: RoomId is always a string, RoomIdType says which kind. */
export async function startBody(ctx: Ctx, i: number, sdkAppId: number): Promise<IDataObject> {
	const { numeric, roomId } = roomOf(ctx, i);
	const options = ctx.getNodeParameter('startOptions', i, {}) as IDataObject;
	const storage = ctx.getNodeParameter('storage', i) as string;
	const userId = requiredText(ctx, i, 'robotUserId', 'robot user ID');
	const record: IDataObject = {
		RecordMode: ctx.getNodeParameter('recordMode', i) as number,
		StreamType: ctx.getNodeParameter('streamType', i, 0) as number,
		MaxIdleTime: ctx.getNodeParameter('maxIdleTime', i, 30) as number,
	};
	if (storage === 'cos') record.OutputFormat = ctx.getNodeParameter('outputFormat', i, 0) as number;
	if (options.maxMediaFileDuration !== undefined)
		record.MaxMediaFileDuration = options.maxMediaFileDuration;
	if (options.mediaId !== undefined) record.MediaId = options.mediaId;
	const subscribe = jsonObject(ctx, i, options.subscribeStreamUserIds, 'Subscribe Stream User IDs');
	if (subscribe) record.SubscribeStreamUserIds = subscribe;
	const body: IDataObject = {
		SdkAppId: sdkAppId,
		RoomId: String(roomId),
		RoomIdType: numeric ? 1 : 0,
		UserId: userId,
		UserSig: await robotUserSig(ctx, i, sdkAppId, userId, options),
		RecordParams: record,
		StorageParams: storageParams(ctx, i, options),
	};
	const layout = jsonObject(ctx, i, options.mixLayoutParams, 'Mix Layout Params');
	if (layout) body.MixLayoutParams = layout;
	const transcode = jsonObject(ctx, i, options.mixTranscodeParams, 'Mix Transcode Params');
	if (transcode) body.MixTranscodeParams = transcode;
	if (options.resourceExpiredHour !== undefined)
		body.ResourceExpiredHour = options.resourceExpiredHour;
	return body;
}

const SUBSCRIPTION_LISTS = [
	'SubscribeAudioUserIds',
	'UnSubscribeAudioUserIds',
	'SubscribeVideoUserIds',
	'UnSubscribeVideoUserIds',
];

/** ModifyCloudRecording: each object sent replaces the task's earlier one as a whole. */
export function updateBody(ctx: Ctx, i: number, sdkAppId: number, taskId: string): IDataObject {
	const fields = ctx.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = { SdkAppId: sdkAppId, TaskId: taskId };
	const subscription: IDataObject = {};
	for (const key of SUBSCRIPTION_LISTS)
		if (fields[key] !== undefined) subscription[key] = list(fields[key]);
	if (Object.keys(subscription).length) body.SubscribeStreamUserIds = subscription;
	const layout = jsonObject(ctx, i, fields.mixLayoutParams, 'Mix Layout Params');
	if (layout) body.MixLayoutParams = layout;
	if (!body.SubscribeStreamUserIds && !body.MixLayoutParams)
		throw fail(ctx, i, 'Add a stream subscription list or a mix layout to update');
	return body;
}

async function recording(
	ctx: Ctx,
	i: number,
	operation: string,
	sdkAppId: number,
): Promise<IDataObject> {
	if (operation === 'start') {
		const res = await trtcRequest(ctx, {
			action: 'CreateCloudRecording',
			label: 'Start cloud recording',
			body: await startBody(ctx, i, sdkAppId),
			schema: taskAnswer,
		});
		return { sdkAppId, taskId: res.TaskId, requestId: res.RequestId };
	}
	const taskId = requiredText(ctx, i, 'taskId', 'task ID');
	if (operation === 'get') {
		const res = await trtcRequest(ctx, {
			action: 'DescribeCloudRecording',
			label: 'Get cloud recording',
			body: { SdkAppId: sdkAppId, TaskId: taskId },
			schema: recordingAnswer,
			read: true,
		});
		const { RequestId: requestId, TaskId, Status, StorageFileList, ...rest } = res;
		return {
			sdkAppId,
			taskId: TaskId,
			status: Status,
			files: (StorageFileList ?? []).map((file) => ({
				...file,
				BeginTimeIso: msToIso(file.BeginTimeStamp) ?? null,
			})),
			...rest,
			requestId,
		};
	}
	if (operation === 'update') {
		const res = await trtcRequest(ctx, {
			action: 'ModifyCloudRecording',
			label: 'Update cloud recording',
			body: updateBody(ctx, i, sdkAppId, taskId),
			schema: taskAnswer,
		});
		return { sdkAppId, taskId: res.TaskId, updated: true, requestId: res.RequestId };
	}
	if (operation === 'stop') {
		const res = await trtcRequest(ctx, {
			action: 'DeleteCloudRecording',
			label: 'Stop cloud recording',
			body: { SdkAppId: sdkAppId, TaskId: taskId },
			schema: taskAnswer,
		});
		return { sdkAppId, taskId: res.TaskId, stopped: true, requestId: res.RequestId };
	}
	throw fail(ctx, i, `Unknown operation "cloudRecording: ${operation}"`);
}

/** Runs one item's operation. */
export async function runTrtcOperation(ctx: Ctx, i: number): Promise<IDataObject | IDataObject[]> {
	const resource = ctx.getNodeParameter('resource', i) as string;
	const operation = ctx.getNodeParameter('operation', i) as string;
	const sdkAppId = sdkAppIdOf(ctx, i);
	if (resource === 'room' && operation === 'dismiss') return await dismiss(ctx, i, sdkAppId);
	if (resource === 'room' && operation === 'removeUsers')
		return await removeUsers(ctx, i, sdkAppId);
	if (resource === 'cloudRecording') return await recording(ctx, i, operation, sdkAppId);
	if (resource === 'usage' && operation === 'getRooms') return await getRooms(ctx, i, sdkAppId);
	if (resource === 'usage' && operation === 'getRoomUsers')
		return await getRoomUsers(ctx, i, sdkAppId);
	if (resource === 'usage' && operation === 'getCallQuality')
		return await getCallQuality(ctx, i, sdkAppId);
	throw fail(ctx, i, `Unknown operation "${resource}: ${operation}"`);
}
