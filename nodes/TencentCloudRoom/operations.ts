/**
 * The Tencent Cloud Room node's operations, one table row each: the REST command it sends, the body
 * the documentation gives (every required field), and what the user gets back.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import { collectPages, readLimit } from '../shared/paging';
import { requiredText } from '../shared/parameters';
import { epochToIso, secondsToIso } from '../shared/time';
import { CALLBACK_SERVICE, ROOM_SERVICE, SEAT_SERVICE, tencentRequest } from './api';

type Ctx = IExecuteFunctions;

/** A string parameter, trimmed; an empty one is refused with "Enter the <label>". */
/** A comma-separated list of accounts, 1 to `max` of them. */
function accounts(ctx: Ctx, i: number, max: number): string[] {
	const list = requiredText(ctx, i, 'members', 'member accounts')
		.split(',')
		.map((a) => a.trim())
		.filter(Boolean);
	if (list.length > max) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Enter at most ${max} member accounts per call (${list.length} given)`,
			{
				itemIndex: i,
			},
		);
	}
	return list;
}

function bytesAtMost(ctx: Ctx, i: number, value: string, label: string, max: number): string {
	if (Buffer.byteLength(value, 'utf8') > max) {
		throw new NodeOperationError(ctx.getNode(), `${label} is longer than ${max} bytes`, {
			itemIndex: i,
		});
	}
	return value;
}

/**
 * move_user_to_seat's `Policy`, what Tencent does when the target seat is taken
 * (trtc.io/document/72685): 0 cancel the move, 1 force it (whoever is on the seat is taken off),
 * 2 exchange the two members' seats.
 */
const MOVE_POLICIES: ReadonlyMap<string, number> = new Map([
	['cancel', 0],
	['force', 1],
	['exchange', 2],
]);

/** The Move Policy parameter as Tencent's integer: a policy name, or 0, 1 or 2 from an expression. */
function movePolicy(ctx: Ctx, i: number): number {
	const raw = ctx.getNodeParameter('movePolicy', i, 'cancel') as unknown;
	const key = String(raw ?? '')
		.trim()
		.toLowerCase();
	const policy = MOVE_POLICIES.get(key) ?? (/^[012]$/.test(key) ? Number(key) : undefined);
	if (policy === undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The move policy must be Cancel, Force or Exchange (0, 1 or 2), not "${String(raw)}"`,
			{ itemIndex: i },
		);
	}
	return policy;
}

/** A seat number: a whole number of at least 0 (a number, or its text from an expression). */
function seatNumber(ctx: Ctx, i: number, name: string, label: string): number {
	const raw = ctx.getNodeParameter(name, i) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The ${label} must be a whole number of at least 0, not "${String(raw)}"`,
			{ itemIndex: i },
		);
	}
	return value;
}

/** Room fields from the collection, with dates as Unix seconds (as the API expects). */
function roomInfoFields(fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === '' || value === undefined) continue;
		out[key] = key.startsWith('Schedule')
			? Math.floor(new Date(value as string).getTime() / 1000)
			: value;
	}
	return out;
}

function withRoomTimes(room: IDataObject): IDataObject {
	return {
		...room,
		CreateTimeIso: epochToIso(room.CreateTime) ?? null,
		ScheduleStartTimeIso: epochToIso(room.ScheduleStartTime) ?? null,
		ScheduleEndTimeIso: epochToIso(room.ScheduleEndTime) ?? null,
	};
}

const responseOf = (answer: IDataObject) => (answer.Response ?? {}) as IDataObject;
const done = (answer: IDataObject, extra: IDataObject) => ({
	success: true,
	...extra,
	requestId: answer.RequestId ?? null,
});

interface Command {
	service: string;
	command: string;
	/** The request body (RoomId is added for room, member and seat commands). */
	body: (ctx: Ctx, i: number, RoomId: string) => IDataObject;
	/** The output for a successful answer. */
	output: (answer: IDataObject, body: IDataObject) => IDataObject | IDataObject[];
}

const roomCommand = (
	command: string,
	body: Command['body'],
	output: Command['output'],
): Command => ({
	service: ROOM_SERVICE,
	command,
	body,
	output,
});
const seatCommand = (
	command: string,
	body: Command['body'],
	output: Command['output'],
): Command => ({
	service: SEAT_SERVICE,
	command,
	body,
	output,
});

/** "Did it" outputs name what was done to which room and members. */
const summary = (answer: IDataObject, body: IDataObject) => {
	const { RoomId, ...rest } = body;
	return done(answer, { roomId: RoomId, ...rest });
};

export const COMMANDS: Record<string, Command> = {
	'room:create': roomCommand(
		'create_room',
		(ctx, i, RoomId) => ({
			RoomInfo: {
				RoomId,
				RoomType: ctx.getNodeParameter('roomType', i),
				...roomInfoFields(ctx.getNodeParameter('roomFields', i, {}) as IDataObject),
			},
		}),
		(answer, body) => done(answer, { roomId: (body.RoomInfo as IDataObject).RoomId }),
	),
	'room:get': roomCommand(
		'get_room_info',
		(_ctx, _i, RoomId) => ({ RoomId }),
		(answer) => withRoomTimes((responseOf(answer).RoomInfo ?? {}) as IDataObject),
	),
	'room:update': roomCommand(
		'update_room_info',
		(ctx, i, RoomId) => {
			const fields = roomInfoFields(ctx.getNodeParameter('roomFields', i, {}) as IDataObject);
			if (Object.keys(fields).length === 0) {
				throw new NodeOperationError(ctx.getNode(), 'Add at least one field to update', {
					itemIndex: i,
				});
			}
			return { RoomInfo: { RoomId, ...fields } };
		},
		(answer, body) => done(answer, { roomId: (body.RoomInfo as IDataObject).RoomId }),
	),
	'room:destroy': roomCommand('destroy_room', (_ctx, _i, RoomId) => ({ RoomId }), summary),
	'member:kick': roomCommand(
		'kick_user_out',
		(ctx, i, RoomId) => ({
			RoomId,
			MemberList_Account: accounts(ctx, i, 20),
			Reason: bytesAtMost(ctx, i, requiredText(ctx, i, 'reason', 'reason'), 'The reason', 1000),
		}),
		summary,
	),
	'member:changeOwner': roomCommand(
		'change_room_owner',
		(ctx, i, RoomId) => ({
			RoomId,
			From_Account: requiredText(ctx, i, 'currentOwner', 'current owner account'),
			NewOwner_Account: requiredText(ctx, i, 'newOwner', 'new owner account'),
		}),
		summary,
	),
	'member:ban': roomCommand(
		'ban_room_member',
		(ctx, i, RoomId) => ({
			RoomId,
			MemberList_Account: accounts(ctx, i, 20),
			Reason: bytesAtMost(ctx, i, requiredText(ctx, i, 'reason', 'reason'), 'The reason', 1000),
			Duration: ctx.getNodeParameter('duration', i) as number,
		}),
		summary,
	),
	'member:unban': roomCommand(
		'unban_room_member',
		(ctx, i, RoomId) => ({ RoomId, MemberList_Account: accounts(ctx, i, 20) }),
		summary,
	),
	'member:mark': roomCommand(
		'mark_room_member',
		(ctx, i, RoomId) => {
			const marks = requiredText(ctx, i, 'marks', 'marks')
				.split(',')
				.map((m) => Number(m.trim()));
			if (marks.length > 3 || !marks.every((m) => Number.isInteger(m) && m >= 1000)) {
				throw new NodeOperationError(
					ctx.getNode(),
					'Marks are 1 to 3 whole numbers of at least 1000',
					{ itemIndex: i },
				);
			}
			const list = accounts(ctx, i, 10);
			return {
				RoomId,
				CommandType: ctx.getNodeParameter('markAction', i) === 'delete' ? 2 : 1,
				MemberList: list.map((Member_Account) => ({ Member_Account, Marks: marks })),
			};
		},
		summary,
	),
	'member:update': roomCommand(
		'update_room_member_info',
		(ctx, i, RoomId) => {
			const fields = ctx.getNodeParameter('memberFields', i, {}) as IDataObject;
			const MemberInfo: IDataObject = {
				Member_Account: requiredText(ctx, i, 'member', 'member account'),
			};
			if (fields.NameCard !== undefined)
				MemberInfo.NameCard = bytesAtMost(ctx, i, String(fields.NameCard), 'The name card', 32);
			if (fields.Role) MemberInfo.Role = fields.Role;
			if (fields.CustomInfo !== undefined)
				MemberInfo.CustomInfo = bytesAtMost(
					ctx,
					i,
					String(fields.CustomInfo),
					'The custom info',
					60,
				);
			if (Object.keys(MemberInfo).length === 1) {
				throw new NodeOperationError(ctx.getNode(), 'Add at least one field to update', {
					itemIndex: i,
				});
			}
			return { RoomId, MemberInfo };
		},
		summary,
	),
	'seat:getAll': seatCommand(
		'get_seat_list',
		(_ctx, _i, RoomId) => ({ RoomId }),
		(answer, body) =>
			((responseOf(answer).SeatList ?? []) as IDataObject[]).map((seat) => ({
				roomId: body.RoomId,
				...seat,
			})),
	),
	'seat:pick': seatCommand(
		'pick_user_on_seat',
		(ctx, i, RoomId) => ({
			RoomId,
			Index: ctx.getNodeParameter('seatIndex', i) as number,
			Member_Account: requiredText(ctx, i, 'member', 'member account'),
		}),
		summary,
	),
	'seat:kickOff': seatCommand(
		'kick_user_off_seat',
		(ctx, i, RoomId) => ({
			RoomId,
			Member_Account: requiredText(ctx, i, 'member', 'member account'),
			Data: String(ctx.getNodeParameter('data', i, '') ?? ''),
		}),
		summary,
	),
	'seat:lock': seatCommand(
		'lock_seat',
		(ctx, i, RoomId) => ({
			RoomId,
			Index: ctx.getNodeParameter('seatIndex', i) as number,
			ForbidTaken: ctx.getNodeParameter('forbidTaken', i, true) as boolean,
			ForbidVideo: ctx.getNodeParameter('forbidVideo', i, false) as boolean,
			ForbidAudio: ctx.getNodeParameter('forbidAudio', i, false) as boolean,
		}),
		summary,
	),
	// Tencent's current call for moving a member: to any seat, with a policy for a taken one.
	'seat:move': seatCommand(
		'move_user_to_seat',
		(ctx, i, RoomId) => ({
			RoomId,
			SeatIndex: seatNumber(ctx, i, 'toIndex', 'target seat index'),
			Member_Account: requiredText(ctx, i, 'member', 'member account'),
			Policy: movePolicy(ctx, i),
		}),
		summary,
	),
	// The old version (Tencent's "Switch Seat (Old version)"): to an empty seat only.
	'seat:switch': seatCommand(
		'switch_seat',
		(ctx, i, RoomId) => ({
			RoomId,
			ToIndex: ctx.getNodeParameter('toIndex', i) as number,
			Member_Account: requiredText(ctx, i, 'member', 'member account'),
		}),
		summary,
	),
	'callback:get': {
		service: CALLBACK_SERVICE,
		command: 'get_callback',
		body: () => ({}),
		output: (answer) => {
			const config = responseOf(answer);
			return { configured: Boolean(config.Url), ...config };
		},
	},
	'callback:delete': {
		service: CALLBACK_SERVICE,
		command: 'delete_callback',
		body: () => ({}),
		output: (answer) => done(answer, { configured: false }),
	},
};

/** set_callback / update_callback: the URL checked before anything is sent. */
function callbackCommand(operation: string): Command {
	return {
		service: CALLBACK_SERVICE,
		command: `${operation}_callback`,
		body: (ctx, i) => {
			const Url = requiredText(ctx, i, 'url', 'callback URL');
			if (!/^https?:\/\//i.test(Url)) {
				throw new NodeOperationError(
					ctx.getNode(),
					'The callback URL must start with http:// or https://',
					{ itemIndex: i },
				);
			}
			return { Url, CallbackCommandList: ctx.getNodeParameter('commands', i) as string[] };
		},
		output: (_answer, body) => ({ configured: true, ...body }),
	};
}
COMMANDS['callback:set'] = callbackCommand('set');
COMMANDS['callback:update'] = callbackCommand('update');

/** Member → Get Many: get_room_member_list, paged with the Next cursor (50 a page by default). */
async function getMembers(ctx: Ctx, i: number, RoomId: string): Promise<IDataObject[]> {
	const members = await collectPages<IDataObject, string>(
		async (Next = '', Count) => {
			const answer = await tencentRequest<IDataObject>(ctx, ROOM_SERVICE, 'get_room_member_list', {
				RoomId,
				Count,
				Next,
			});
			const response = responseOf(answer);
			const next =
				typeof response.Next === 'string' && response.Next !== '' ? response.Next : undefined;
			return { items: (response.MemberList ?? []) as IDataObject[], next };
		},
		50,
		readLimit(ctx, i),
	);
	return members.map((member) => ({ roomId: RoomId, ...member }));
}

/** Member → Get Banned: get_banned_member_list, Limit ≤ 100 a page, NextOffset 0 after the last one. */
async function getBanned(ctx: Ctx, i: number, RoomId: string): Promise<IDataObject[]> {
	const banned = await collectPages<IDataObject, string>(
		async (Next, Limit) => {
			const body: IDataObject = { RoomId, Limit };
			if (Next !== undefined) body.Next = Next;
			const answer = await tencentRequest<IDataObject>(
				ctx,
				ROOM_SERVICE,
				'get_banned_member_list',
				body,
			);
			const response = responseOf(answer);
			const next = Number(response.NextOffset) > 0 ? String(response.NextOffset) : undefined;
			return { items: (response.BannedAccountList ?? []) as IDataObject[], next };
		},
		100,
		readLimit(ctx, i),
	);
	return banned.map((entry) => ({
		roomId: RoomId,
		...entry,
		bannedUntilIso: secondsToIso(entry.BannedUntil) ?? null,
	}));
}

const LISTS: Record<string, (ctx: Ctx, i: number, RoomId: string) => Promise<IDataObject[]>> = {
	'member:getAll': getMembers,
	'member:getBanned': getBanned,
};

/** Custom Command → Send: any REST command with the body as given. */
async function sendCustom(ctx: Ctx, i: number): Promise<IDataObject> {
	const service = requiredText(ctx, i, 'service', 'service');
	const command = requiredText(ctx, i, 'command', 'command');
	if (!/^[a-z0-9_]+$/.test(service) || !/^[a-z0-9_]+$/.test(command)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Service and command are lowercase names like room_engine_http_srv and get_room_info',
			{ itemIndex: i },
		);
	}
	const raw = ctx.getNodeParameter('body', i, '{}') as string | IDataObject;
	const body =
		typeof raw === 'string'
			? jsonParse<IDataObject>(raw || '{}', { errorMessage: 'Body (JSON) is not valid JSON' })
			: raw;
	return await tencentRequest(ctx, service, command, body);
}

export async function runOperation(ctx: Ctx, i: number): Promise<IDataObject | IDataObject[]> {
	const resource = ctx.getNodeParameter('resource', i) as string;
	const operation = ctx.getNodeParameter('operation', i) as string;
	const key = `${resource}:${operation}`;
	if (key === 'custom:send') return await sendCustom(ctx, i);
	const RoomId = ['room', 'member', 'seat'].includes(resource)
		? requiredText(ctx, i, 'roomId', 'Room ID')
		: '';
	const list = LISTS[key];
	if (list) return await list(ctx, i, RoomId);
	const spec = COMMANDS[key];
	if (!spec)
		throw new NodeOperationError(ctx.getNode(), `Unknown operation "${key}"`, { itemIndex: i });
	const body = spec.body(ctx, i, RoomId);
	const withRoom = RoomId && !('RoomInfo' in body) ? { RoomId, ...body } : body;
	return spec.output(
		await tencentRequest<IDataObject>(ctx, spec.service, spec.command, withRoom),
		withRoom,
	);
}
