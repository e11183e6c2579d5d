import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { epochToIso, msToIso } from '../shared/time';

/** The six Room callbacks (all "after" callbacks), by their current names. */
export const ROOM_COMMANDS = {
	'Room.CallbackAfterCreateRoom': 'Room Created',
	'Room.CallbackAfterDestroyRoom': 'Room Destroyed',
	'Room.CallbackAfterUpdateRoomInfo': 'Room Info Updated',
	'Room.CallbackAfterMemberEnter': 'Member Entered',
	'Room.CallbackAfterMemberLeave': 'Member Left',
	'Mic.CallbackAfterSeatInfoChanged': 'Seat Info Changed',
} as const;
export type RoomCommand = keyof typeof ROOM_COMMANDS;

/** Older spelling of the update command (older command list and the get_callback sample). */
export const COMMAND_ALIASES: Record<string, RoomCommand> = {
	'Room.CallbackUpdateRoomInfo': 'Room.CallbackAfterUpdateRoomInfo',
};

export function canonicalCommand(command: string): string {
	return COMMAND_ALIASES[command] ?? command;
}

/** `true`/`false` booleans, also when sent as strings or 0/1. */
const bool = z.union([
	z.boolean(),
	z
		.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE', '1', '0'])
		.transform((v) => v === '1' || v.toLowerCase() === 'true'),
	z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1),
]);
/** Numbers, also when sent as numeric strings. */
const num = z.union([
	z.number(),
	z
		.string()
		.regex(/^-?\d+(\.\d+)?$/)
		.transform(Number),
]);
/** Account IDs are strings; a bare number (even beyond 2^53, read losslessly) becomes its decimal string. */
const account = z.union([z.string(), z.number().transform(String)]);

const roomInfoSchema = z
	.object({
		RoomId: account,
		RoomName: z.string().optional(),
		RoomType: z.string().optional(),
		Owner_Account: account.optional(),
		MaxMemberCount: num.optional(),
		MaxSeatCount: num.optional(),
		IsVideoDisabled: bool.optional(),
		IsAudioDisabled: bool.optional(),
		IsMessageDisabled: bool.optional(),
		IsScreenSharingDisabled: bool.optional(),
		IsCloudRecordingDisabled: bool.optional(),
		IsSeatEnabled: bool.optional(),
		TakeSeatMode: z.string().optional(),
		RoomStatus: z.string().optional(),
		CustomInfo: z.string().optional(),
		ScheduleStartTime: num.optional(),
		ScheduleEndTime: num.optional(),
		CreateTime: num.optional(),
		MemberCount: num.optional(),
	})
	.passthrough();

const common = {
	CallbackCommand: z.string(),
	Operator_Account: account.optional(),
	EventTime: num.optional(),
};

const seatSchema = z
	.object({
		Index: num,
		Member_Account: account.optional(),
		IsTakenDisabled: bool.optional(),
		IsVideoDisabled: bool.optional(),
		IsAudioDisabled: bool.optional(),
	})
	.passthrough();

const schemas: Record<RoomCommand, z.ZodTypeAny> = {
	'Room.CallbackAfterCreateRoom': z
		.object({
			...common,
			RoomInfo: roomInfoSchema,
			ScheduleInviteeList_Account: z.array(account).optional(),
		})
		.passthrough(),
	'Room.CallbackAfterDestroyRoom': z.object({ ...common, RoomId: account }).passthrough(),
	'Room.CallbackAfterUpdateRoomInfo': z
		.object({ ...common, RoomInfo: roomInfoSchema })
		.passthrough(),
	'Room.CallbackAfterMemberEnter': z
		.object({
			...common,
			RoomId: account,
			MemberCount: num.optional(),
			Type: z.string().optional(),
			MemberList_Account: z.array(account),
		})
		.passthrough(),
	'Room.CallbackAfterMemberLeave': z
		.object({
			...common,
			RoomId: account,
			MemberCount: num.optional(),
			Type: z.string().optional(),
			MemberList_Account: z.array(account),
			Reason: z.string().optional(),
		})
		.passthrough(),
	'Mic.CallbackAfterSeatInfoChanged': z
		.object({ ...common, RoomId: account, SeatList: z.array(seatSchema) })
		.passthrough(),
};

/** Any other command (a new one Tencent adds): only the common fields are checked. */
const unknownCommandSchema = z.object(common).passthrough();

export function schemaFor(command: string): z.ZodTypeAny {
	return schemas[canonicalCommand(command) as RoomCommand] ?? unknownCommandSchema;
}

type Parsed = Record<string, unknown> & { RoomInfo?: Record<string, unknown> };

function roomOut(room: Record<string, unknown>): IDataObject {
	return {
		...(room as IDataObject),
		CreateTimeIso: epochToIso(room.CreateTime) ?? null,
		ScheduleStartTimeIso: epochToIso(room.ScheduleStartTime) ?? null,
		ScheduleEndTimeIso: epochToIso(room.ScheduleEndTime) ?? null,
	};
}

export interface DeliveryContext {
	sdkAppId: string;
	clientIp?: string;
	optPlatform?: string;
}

/** The item emitted for one callback. `raw` is the body as received (long integers as strings). */
export function toItem(command: string, body: unknown, context: DeliveryContext): IDataObject {
	const parsed = schemaFor(command).parse(body) as Parsed;
	const canonical = canonicalCommand(command);
	const item: IDataObject = {
		command: canonical,
		eventName: ROOM_COMMANDS[canonical as RoomCommand] ?? canonical,
		callbackCommand: parsed.CallbackCommand as string,
		operatorAccount: (parsed.Operator_Account as string | undefined) ?? null,
		roomId: ((parsed.RoomInfo?.RoomId ?? parsed.RoomId) as string | undefined) ?? null,
		eventTime: msToIso(parsed.EventTime) ?? null,
		eventTimeMs: (parsed.EventTime as number | undefined) ?? null,
	};
	if (parsed.RoomInfo) item.room = roomOut(parsed.RoomInfo);
	if (parsed.ScheduleInviteeList_Account)
		item.scheduleInvitees = parsed.ScheduleInviteeList_Account as string[];
	if (parsed.MemberList_Account) {
		item.members = parsed.MemberList_Account as string[];
		item.memberCount = (parsed.MemberCount as number | undefined) ?? null;
		item.changeType = (parsed.Type as string | undefined) ?? null;
		if (canonical === 'Room.CallbackAfterMemberLeave')
			item.reason = (parsed.Reason as string | undefined) ?? null;
	}
	if (parsed.SeatList) item.seats = parsed.SeatList as IDataObject[];
	item.sdkAppId = context.sdkAppId;
	item.clientIp = context.clientIp ?? null;
	item.optPlatform = context.optPlatform ?? null;
	item.raw = body as IDataObject;
	return item;
}
