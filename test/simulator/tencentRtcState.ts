/**
 * The state and request checks of the simulated TRTC API (tencentRtcApi.ts): the account's
 * SDKAppIDs, live rooms, recording tasks and history sessions; required fields, types and ranges
 * with the error codes of Tencent's lists (MissingParameter.<Field>, InvalidParameter.<Field>).
 */
export class TencentError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

export type Body = Record<string, unknown>;

export const ROOM_REGIONS = ['ap-beijing', 'ap-guangzhou', 'ap-singapore'];
export const RECORDING_REGIONS = [
	'ap-beijing',
	'ap-guangzhou',
	'ap-mumbai',
	'ap-shanghai',
	'ap-singapore',
];
export const ROOM_INFO_REGIONS = [
	'ap-beijing',
	'ap-guangzhou',
	'ap-mumbai',
	'ap-singapore',
	'na-toronto',
];
export const ALL_REGIONS = [
	...new Set([
		...ROOM_INFO_REGIONS,
		...RECORDING_REGIONS,
		'ap-chengdu',
		'ap-chongqing',
		'ap-hongkong',
		'ap-nanjing',
	]),
];
export const DATA_TYPES = [
	'appCpu',
	'sysCpu',
	'aBit',
	'aBlock',
	'bigvBit',
	'bigvCapFps',
	'bigvEncFps',
	'bigvDecFps',
	'bigvBlock',
	'aLoss',
	'bigvLoss',
	'bigvWidth',
	'bigvHeight',
	'aCapEnergy',
	'aPlayEnergy',
	'rtt',
	'bigvRecFps',
];

export interface Task {
	sdkAppId: number;
	taskId: string;
	roomKey: string;
	status: 'Idle' | 'InProgress' | 'Exited';
	body: Body;
	/** The last ModifyCloudRecording values (each replaces the earlier one as a whole). */
	subscribe?: unknown;
	layout?: unknown;
	startedAt: number;
	/** The robot's UserSig as decoded (when the app's key is known). */
	userSig?: Record<string, unknown>;
}

export interface SessionUser {
	UserId: string;
	JoinTs: number;
	LeaveTs: number;
	Finished: boolean;
	DeviceType?: string;
	ClientIp?: string;
}

export interface Session {
	sdkAppId: number;
	CommId: string;
	RoomString: string;
	CreateTime: number;
	DestroyTime: number;
	IsFinished: boolean;
	UserId: string;
	users: SessionUser[];
}

export class RtcState {
	/** SDKAppIDs of the account. */
	readonly apps = new Set<number>();
	/** Live rooms: `sdkAppId|n|123` or `sdkAppId|s|name` → the users in it. */
	readonly rooms = new Map<string, Set<string>>();
	readonly tasks = new Map<string, Task>();
	readonly sessions: Session[] = [];
	/** The apps' SDK secret keys: with one, CreateCloudRecording verifies the robot's UserSig. */
	readonly sdkKeys = new Map<number, string>();
	maxConcurrentTasks = 100;
	/** Answers the next calls of an action with this error instead (InternalError.CRInternalError…). */
	readonly failNext = new Map<string, Array<[string, string]>>();

	static roomKey(sdkAppId: number, roomId: number | string): string {
		return `${sdkAppId}|${typeof roomId === 'number' ? 'n' : 's'}|${roomId}`;
	}

	addRoom(sdkAppId: number, roomId: number | string, users: string[]): void {
		this.rooms.set(RtcState.roomKey(sdkAppId, roomId), new Set(users));
	}
}

export const fail = (code: string, message: string) => new TencentError(code, message);

export function int(
	body: Body,
	name: string,
	required: boolean,
	min = 0,
	max = Number.MAX_SAFE_INTEGER,
): number | undefined {
	const value = body[name];
	if (value === undefined || value === null) {
		if (required) throw fail(`MissingParameter.${name}`, `${name} is required.`);
		return undefined;
	}
	if (typeof value !== 'number' || !Number.isInteger(value))
		throw fail(`InvalidParameter.${name}`, `${name} must be an Integer.`);
	if (value < min || value > max)
		throw fail('InvalidParameter.OutOfRange', `${name} is out of range.`);
	return value;
}

export function str(body: Body, name: string, required = true): string | undefined {
	const value = body[name];
	if (value === undefined || value === null || value === '') {
		if (required) throw fail(`MissingParameter.${name}`, `${name} is required.`);
		return undefined;
	}
	if (typeof value !== 'string')
		throw fail(`InvalidParameter.${name}`, `${name} must be a String.`);
	return value;
}

export function obj(body: Body, name: string, required = true): Body | undefined {
	const value = body[name];
	if (value === undefined || value === null) {
		if (required) throw fail(`MissingParameter.${name}`, `${name} is required.`);
		return undefined;
	}
	if (typeof value !== 'object' || Array.isArray(value))
		throw fail(`InvalidParameter.${name}`, `${name} must be an object.`);
	return value as Body;
}

export function strings(
	body: Body,
	name: string,
	max: number,
	code = `InvalidParameter.${name}`,
): string[] | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v) || value.length > max)
		throw fail(code, `${name} must be an Array of at most ${max} Strings.`);
	return value as string[];
}

export function app(state: RtcState, body: Body, code: string): number {
	const sdkAppId = int(body, 'SdkAppId', true, 1) as number;
	if (!state.apps.has(sdkAppId)) throw fail(code, `SdkAppId ${sdkAppId} is not in this account.`);
	return sdkAppId;
}
