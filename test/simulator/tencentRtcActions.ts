/**
 * The TRTC actions of the simulated Tencent Cloud API (tencentRtcApi.ts): rooms and their users,
 * cloud recording tasks (Idle / InProgress / Exited, gone once stopped), and the usage history
 * (tencentRtcHistory.ts), each with the regions its API page lists.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';

import { describeCallDetail, describeRoomInfo, describeUserInfo } from './tencentRtcHistory';
import type { Body, Task } from './tencentRtcState';
import {
	ALL_REGIONS,
	app,
	fail,
	int,
	obj,
	RECORDING_REGIONS,
	ROOM_INFO_REGIONS,
	ROOM_REGIONS,
	RtcState,
	str,
	strings,
} from './tencentRtcState';

export { RtcState, TencentError } from './tencentRtcState';

function room(state: RtcState, body: Body, numeric: boolean): { key: string; users: Set<string> } {
	const sdkAppId = app(state, body, 'UnauthorizedOperation.SdkAppId');
	const roomId = numeric ? int(body, 'RoomId', true, 1, 4294967294) : str(body, 'RoomId');
	const key = RtcState.roomKey(sdkAppId, roomId as number | string);
	const users = state.rooms.get(key);
	if (!users) throw fail('FailedOperation.RoomNotExist', 'The room does not exist.');
	return { key, users };
}

function dismiss(numeric: boolean) {
	return (state: RtcState, body: Body) => {
		const { key } = room(state, body, numeric);
		state.rooms.delete(key);
		for (const task of state.tasks.values()) if (task.roomKey === key) task.status = 'Exited';
		return {};
	};
}

function removeUsers(numeric: boolean) {
	return (state: RtcState, body: Body) => {
		const { users } = room(state, body, numeric);
		const userIds = strings(body, 'UserIds', 10);
		if (!userIds?.length) throw fail('MissingParameter.UserIds', 'UserIds is required.');
		for (const id of userIds) users.delete(id);
		return {};
	};
}

function subscription(value: unknown): void {
	if (value === undefined) return;
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw fail(
			'InvalidParameter.SubscribeStreamUserIds',
			'SubscribeStreamUserIds must be an object.',
		);
	for (const name of [
		'SubscribeAudioUserIds',
		'UnSubscribeAudioUserIds',
		'SubscribeVideoUserIds',
		'UnSubscribeVideoUserIds',
	])
		strings(value as Body, name, 32);
}

function storage(body: Body): void {
	const params = obj(body, 'StorageParams') as Body;
	const cos = obj(params, 'CloudStorage', false);
	const vod = obj(params, 'CloudVod', false);
	if (cos && vod)
		throw fail('InvalidParameter', 'StorageParams takes CloudStorage or CloudVod, not both.');
	if (!cos && !vod)
		throw fail('MissingParameter.CloudStorage', 'CloudStorage or CloudVod is required.');
	if (cos) {
		int(cos, 'Vendor', true, 0, 1);
		for (const name of ['Region', 'Bucket', 'AccessKey', 'SecretKey']) str(cos, name);
		strings(cos, 'FileNamePrefix', 10);
	}
	if (vod) int(obj(vod, 'TencentVod') as Body, 'MediaType', false, 0, 4);
}

/** Decodes a UserSig as Tencent does (URL-safe base64, inflate, JSON), checks user, app, HMAC, expiry. */
function checkUserSig(key: string, sdkAppId: number, userId: string, userSig: string) {
	let doc: Record<string, unknown>;
	try {
		const b64 = userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
		doc = JSON.parse(inflateSync(Buffer.from(b64, 'base64')).toString('utf8'));
	} catch {
		throw fail('InvalidParameter.UserSig', 'UserSig cannot be decoded.');
	}
	const content = `TLS.identifier:${userId}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${doc['TLS.time']}\nTLS.expire:${doc['TLS.expire']}\n`;
	if (
		doc['TLS.identifier'] !== userId ||
		doc['TLS.sdkappid'] !== sdkAppId ||
		createHmac('sha256', key).update(content).digest('base64') !== doc['TLS.sig'] ||
		Number(doc['TLS.time']) + Number(doc['TLS.expire']) < Date.now() / 1000
	)
		throw fail('InvalidParameter.UserSig', 'UserSig is not valid for this UserId and SdkAppId.');
	return doc;
}

function createRecording(state: RtcState, body: Body) {
	const sdkAppId = app(state, body, 'InvalidParameter.SdkAppId');
	const roomId = str(body, 'RoomId') as string;
	const roomIdType = int(body, 'RoomIdType', false, 0, 1) ?? 1;
	if (roomIdType === 1 && !/^\d+$/.test(roomId))
		throw fail('InvalidParameter.RoomId', 'RoomIdType 1 needs a numeric RoomId.');
	const userId = str(body, 'UserId') as string;
	const userSig = str(body, 'UserSig') as string;
	const key = state.sdkKeys.get(sdkAppId);
	const sig = key === undefined ? undefined : checkUserSig(key, sdkAppId, userId, userSig);
	const record = obj(body, 'RecordParams') as Body;
	int(record, 'RecordMode', true, 1, 2);
	int(record, 'StreamType', false, 0, 2);
	int(record, 'MaxIdleTime', false, 5, 86400);
	int(record, 'OutputFormat', false, 0, 4);
	int(record, 'MaxMediaFileDuration', false, 1, 1440);
	int(record, 'MediaId', false, 0, 2);
	subscription(record.SubscribeStreamUserIds);
	storage(body);
	int(body, 'ResourceExpiredHour', false, 6, 720);
	const running = [...state.tasks.values()].filter((t) => t.status !== 'Exited').length;
	if (running >= state.maxConcurrentTasks)
		throw fail(
			'FailedOperation.RestrictedConcurrency',
			'The concurrent recording quota is used up.',
		);
	const roomKey = RtcState.roomKey(sdkAppId, roomIdType === 1 ? Number(roomId) : roomId);
	const taskId = randomUUID().replace(/-/g, '');
	state.tasks.set(taskId, {
		sdkAppId,
		taskId,
		roomKey,
		status: 'Idle',
		body,
		startedAt: Date.now(),
		userSig: sig,
	});
	return { TaskId: taskId };
}

function task(state: RtcState, body: Body): Task {
	const sdkAppId = app(state, body, 'InvalidParameter.SdkAppId');
	const taskId = str(body, 'TaskId') as string;
	const found = state.tasks.get(taskId);
	if (!found || found.sdkAppId !== sdkAppId)
		throw fail('ResourceNotFound', 'The task does not exist or has ended.');
	return found;
}

function describeRecording(state: RtcState, body: Body) {
	const t = task(state, body);
	const users = state.rooms.get(t.roomKey);
	if (t.status !== 'Exited') t.status = users?.size ? 'InProgress' : 'Idle';
	const cos = Boolean((t.body.StorageParams as Body).CloudStorage);
	const mixed = (t.body.RecordParams as Body).RecordMode === 2;
	const files =
		!cos || t.status === 'Idle'
			? []
			: (mixed ? [''] : [...(users ?? [])]).map((userId) => ({
					UserId: userId,
					FileName: `${t.taskId}${userId ? `__UserId_s_${userId}` : ''}__UserId_s_main.m3u8`,
					TrackType: 'audio_video',
					BeginTimeStamp: t.startedAt,
				}));
	return { TaskId: t.taskId, Status: t.status, StorageFileList: files };
}

function modifyRecording(state: RtcState, body: Body) {
	const t = task(state, body);
	subscription(body.SubscribeStreamUserIds);
	obj(body, 'MixLayoutParams', false);
	if (body.SubscribeStreamUserIds !== undefined) t.subscribe = body.SubscribeStreamUserIds;
	if (body.MixLayoutParams !== undefined) t.layout = body.MixLayoutParams;
	return { TaskId: t.taskId };
}

function deleteRecording(state: RtcState, body: Body) {
	const t = task(state, body);
	state.tasks.delete(t.taskId);
	return { TaskId: t.taskId };
}

/** StartTime / EndTime in Unix seconds, at most `hours` apart and 14 days back. */
export interface ActionHandler {
	regions: string[];
	run: (state: RtcState, body: Body) => Record<string, unknown>;
}

const guarded = (action: string, regions: string[], run: ActionHandler['run']): ActionHandler => ({
	regions,
	run: (state, body) => {
		const next = state.failNext.get(action)?.shift();
		if (next) throw fail(next[0], next[1]);
		return run(state, body);
	},
});

export const ACTIONS: Record<string, ActionHandler> = {
	DismissRoom: guarded('DismissRoom', ROOM_REGIONS, dismiss(true)),
	DismissRoomByStrRoomId: guarded('DismissRoomByStrRoomId', ROOM_REGIONS, dismiss(false)),
	RemoveUser: guarded('RemoveUser', ROOM_REGIONS, removeUsers(true)),
	RemoveUserByStrRoomId: guarded('RemoveUserByStrRoomId', ROOM_REGIONS, removeUsers(false)),
	CreateCloudRecording: guarded('CreateCloudRecording', RECORDING_REGIONS, createRecording),
	DescribeCloudRecording: guarded('DescribeCloudRecording', RECORDING_REGIONS, describeRecording),
	ModifyCloudRecording: guarded('ModifyCloudRecording', RECORDING_REGIONS, modifyRecording),
	DeleteCloudRecording: guarded('DeleteCloudRecording', RECORDING_REGIONS, deleteRecording),
	DescribeRoomInfo: guarded('DescribeRoomInfo', ROOM_INFO_REGIONS, describeRoomInfo),
	DescribeUserInfo: guarded('DescribeUserInfo', ALL_REGIONS, describeUserInfo),
	DescribeCallDetailInfo: guarded('DescribeCallDetailInfo', ALL_REGIONS, describeCallDetail),
};
