import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { jsonParse, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CALLBACK_SERVICE, ROOM_SERVICE, SEAT_SERVICE, tencentRequest } from './api';
import { ROOM_COMMANDS } from './events';
import { forEachItem } from '../shared/http';
import { epochToIso } from '../shared/time';

const show = (resource: string, operations: string[]) => ({ show: { resource: [resource], operation: operations } });

const roomId = (resource: string, operations: string[]): INodeProperties => ({
	displayName: 'Room ID',
	name: 'roomId',
	type: 'string',
	default: '',
	required: true,
	displayOptions: show(resource, operations),
});

const roomFields: INodeProperties[] = [
	{ displayName: 'Room Name', name: 'RoomName', type: 'string', default: '' },
	{ displayName: 'Owner Account', name: 'Owner_Account', type: 'string', default: '' },
	{ displayName: 'Max Member Count', name: 'MaxMemberCount', type: 'number', default: 300 },
	{ displayName: 'Max Seat Count', name: 'MaxSeatCount', type: 'number', default: 16 },
	{ displayName: 'Seat Mode Enabled', name: 'IsSeatEnabled', type: 'boolean', default: false },
	{
		displayName: 'Take Seat Mode',
		name: 'TakeSeatMode',
		type: 'options',
		options: [
			{ name: 'None', value: 'None' },
			{ name: 'Free to Take', value: 'FreeToTake' },
			{ name: 'Apply to Take', value: 'ApplyToTake' },
		],
		default: 'FreeToTake',
	},
	{ displayName: 'Video Disabled for All', name: 'IsVideoDisabled', type: 'boolean', default: false },
	{ displayName: 'Audio Disabled for All', name: 'IsAudioDisabled', type: 'boolean', default: false },
	{ displayName: 'Messages Disabled', name: 'IsMessageDisabled', type: 'boolean', default: false },
	{ displayName: 'Screen Sharing Disabled', name: 'IsScreenSharingDisabled', type: 'boolean', default: false },
	{ displayName: 'Cloud Recording Disabled', name: 'IsCloudRecordingDisabled', type: 'boolean', default: false },
	{ displayName: 'Custom Info', name: 'CustomInfo', type: 'string', default: '' },
	{ displayName: 'Schedule Start Time', name: 'ScheduleStartTime', type: 'dateTime', default: '' },
	{ displayName: 'Schedule End Time', name: 'ScheduleEndTime', type: 'dateTime', default: '' },
];

const commandOptions = Object.entries(ROOM_COMMANDS).map(([value, name]) => ({ name, value, description: value }));

export class TencentCloudRoom implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud Room',
		name: 'tencentCloudRoom',
		icon: { light: 'file:tencentCloudRoom.svg', dark: 'file:tencentCloudRoom.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Tencent Cloud Chat / TUIRoomKit rooms, members, seats and the Room callback configuration',
		defaults: { name: 'Tencent Cloud Room' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudChatApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Callback Configuration', value: 'callback' },
					{ name: 'Custom Command', value: 'custom' },
					{ name: 'Member', value: 'member' },
					{ name: 'Room', value: 'room' },
					{ name: 'Seat', value: 'seat' },
				],
				default: 'room',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['room'] } },
				options: [
					{ name: 'Create', value: 'create', action: 'Create a room', description: 'REST command create_room' },
					{ name: 'Destroy', value: 'destroy', action: 'Destroy a room', description: 'REST command destroy_room' },
					{ name: 'Get', value: 'get', action: 'Get a room', description: 'REST command get_room_info' },
					{ name: 'Update', value: 'update', action: 'Update a room', description: 'REST command update_room_info' },
				],
				default: 'get',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['member'] } },
				options: [
					{ name: 'Change Owner', value: 'changeOwner', action: 'Change the room owner', description: 'REST command change_room_owner' },
					{ name: 'Get Many', value: 'getAll', action: 'Get room members', description: 'REST command get_room_member_list' },
					{ name: 'Kick Out', value: 'kick', action: 'Kick members out of a room', description: 'REST command kick_user_out' },
				],
				default: 'getAll',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['seat'] } },
				options: [
					{ name: 'Get Many', value: 'getAll', action: 'Get the seat list', description: 'REST command get_seat_list' },
					{ name: 'Kick Off Seat', value: 'kickOff', action: 'Take a member off a seat', description: 'REST command kick_user_off_seat' },
					{ name: 'Pick Onto Seat', value: 'pick', action: 'Put a member on a seat', description: 'REST command pick_user_on_seat' },
				],
				default: 'getAll',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['callback'] } },
				options: [
					{ name: 'Delete', value: 'delete', action: 'Delete the callback configuration', description: 'REST command delete_callback' },
					{ name: 'Get', value: 'get', action: 'Get the callback configuration', description: 'REST command get_callback' },
					{ name: 'Set', value: 'set', action: 'Set the callback configuration', description: 'REST command set_callback (fails if one exists)' },
					{ name: 'Update', value: 'update', action: 'Update the callback configuration', description: 'REST command update_callback' },
				],
				default: 'get',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['custom'] } },
				options: [{ name: 'Send', value: 'send', action: 'Send a REST command' }],
				default: 'send',
			},
			roomId('room', ['create', 'destroy', 'get', 'update']),
			roomId('member', ['changeOwner', 'getAll', 'kick']),
			roomId('seat', ['getAll', 'kickOff', 'pick']),
			{
				displayName: 'Room Type',
				name: 'roomType',
				type: 'options',
				options: [
					{ name: 'Conference', value: 'Conference' },
					{ name: 'Live', value: 'Live' },
				],
				default: 'Conference',
				displayOptions: show('room', ['create']),
			},
			{
				displayName: 'Additional Fields',
				name: 'roomFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: show('room', ['create', 'update']),
				options: roomFields,
			},
			{
				displayName: 'Member Accounts',
				name: 'members',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'user1, user2',
				description: 'Comma-separated UserIDs',
				displayOptions: show('member', ['kick']),
			},
			{
				displayName: 'New Owner Account',
				name: 'newOwner',
				type: 'string',
				default: '',
				required: true,
				displayOptions: show('member', ['changeOwner']),
			},
			{
				displayName: 'Member Account',
				name: 'member',
				type: 'string',
				default: '',
				required: true,
				displayOptions: show('seat', ['kickOff', 'pick']),
			},
			{
				displayName: 'Seat Index',
				name: 'seatIndex',
				type: 'number',
				default: 1,
				displayOptions: show('seat', ['pick']),
			},
			{
				displayName: 'Callback URL',
				name: 'url',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://example.com/webhook',
				displayOptions: show('callback', ['set', 'update']),
			},
			{
				displayName: 'Callback Commands',
				name: 'commands',
				type: 'multiOptions',
				default: [],
				required: true,
				options: commandOptions,
				displayOptions: show('callback', ['set', 'update']),
			},
			{
				displayName: 'Service',
				name: 'service',
				type: 'string',
				default: ROOM_SERVICE,
				required: true,
				description: 'For example room_engine_http_srv, room_engine_http_mic, room_config',
				displayOptions: show('custom', ['send']),
			},
			{
				displayName: 'Command',
				name: 'command',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'ban_room_member',
				displayOptions: show('custom', ['send']),
			},
			{
				displayName: 'Body (JSON)',
				name: 'body',
				type: 'json',
				default: '{}',
				displayOptions: show('custom', ['send']),
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await forEachItem(this, async (i) => await runOperation(this, i));
	}
}

/** Room fields from the collection, with dates as Unix seconds (as the API expects). */
function roomInfoFields(fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === '' || value === undefined) continue;
		out[key] = key.startsWith('Schedule') ? Math.floor(new Date(value as string).getTime() / 1000) : value;
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

function done(response: IDataObject, extra: IDataObject = {}): IDataObject {
	return { success: true, ...extra, requestId: response.RequestId ?? null };
}

async function runOperation(ctx: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
	const resource = ctx.getNodeParameter('resource', i) as string;
	const operation = ctx.getNodeParameter('operation', i) as string;
	const param = (name: string) => ctx.getNodeParameter(name, i) as string;
	const RoomId = ['room', 'member', 'seat'].includes(resource) ? param('roomId').trim() : '';
	if (['room', 'member', 'seat'].includes(resource) && !RoomId) {
		throw new NodeOperationError(ctx.getNode(), 'Enter the Room ID', { itemIndex: i });
	}
	const call = async (service: string, command: string, body: IDataObject) =>
		await tencentRequest<IDataObject>(ctx, service, command, body);
	const key = `${resource}:${operation}`;
	switch (key) {
		case 'room:create': {
			const RoomInfo = { RoomId, RoomType: param('roomType'), ...roomInfoFields(ctx.getNodeParameter('roomFields', i, {}) as IDataObject) };
			return done(await call(ROOM_SERVICE, 'create_room', { RoomInfo }), { roomId: RoomId });
		}
		case 'room:get': {
			const response = await call(ROOM_SERVICE, 'get_room_info', { RoomId });
			const room = ((response.Response as IDataObject | undefined)?.RoomInfo ?? {}) as IDataObject;
			return withRoomTimes(room);
		}
		case 'room:update': {
			const fields = roomInfoFields(ctx.getNodeParameter('roomFields', i, {}) as IDataObject);
			if (Object.keys(fields).length === 0) {
				throw new NodeOperationError(ctx.getNode(), 'Add at least one field to update', { itemIndex: i });
			}
			return done(await call(ROOM_SERVICE, 'update_room_info', { RoomInfo: { RoomId, ...fields } }), { roomId: RoomId });
		}
		case 'room:destroy':
			return done(await call(ROOM_SERVICE, 'destroy_room', { RoomId }), { roomId: RoomId });
		case 'member:getAll': {
			const response = await call(ROOM_SERVICE, 'get_room_member_list', { RoomId });
			const list = ((response.Response as IDataObject | undefined)?.MemberList ?? []) as IDataObject[];
			return list.map((member) => ({ roomId: RoomId, ...member }));
		}
		case 'member:kick': {
			const accounts = param('members').split(',').map((a) => a.trim()).filter(Boolean);
			if (accounts.length === 0) throw new NodeOperationError(ctx.getNode(), 'Enter at least one member account', { itemIndex: i });
			return done(await call(ROOM_SERVICE, 'kick_user_out', { RoomId, MemberList_Account: accounts }), { roomId: RoomId, members: accounts });
		}
		case 'member:changeOwner': {
			const NewOwner_Account = param('newOwner').trim();
			return done(await call(ROOM_SERVICE, 'change_room_owner', { RoomId, NewOwner_Account }), { roomId: RoomId, newOwner: NewOwner_Account });
		}
		case 'seat:getAll': {
			const response = await call(SEAT_SERVICE, 'get_seat_list', { RoomId });
			const seats = ((response.Response as IDataObject | undefined)?.SeatList ?? []) as IDataObject[];
			return seats.map((seat) => ({ roomId: RoomId, ...seat }));
		}
		case 'seat:pick': {
			const body = { RoomId, Index: ctx.getNodeParameter('seatIndex', i) as number, Member_Account: param('member').trim() };
			return done(await call(SEAT_SERVICE, 'pick_user_on_seat', body), { roomId: RoomId, member: body.Member_Account, index: body.Index });
		}
		case 'seat:kickOff': {
			const Member_Account = param('member').trim();
			return done(await call(SEAT_SERVICE, 'kick_user_off_seat', { RoomId, Member_Account }), { roomId: RoomId, member: Member_Account });
		}
		case 'callback:get': {
			const response = await call(CALLBACK_SERVICE, 'get_callback', {});
			const config = (response.Response ?? {}) as IDataObject;
			return { configured: Boolean(config.Url), ...config };
		}
		case 'callback:set':
		case 'callback:update': {
			const Url = param('url').trim();
			if (!/^https?:\/\//i.test(Url)) {
				throw new NodeOperationError(ctx.getNode(), 'The callback URL must start with http:// or https://', { itemIndex: i });
			}
			const CallbackCommandList = ctx.getNodeParameter('commands', i) as string[];
			await call(CALLBACK_SERVICE, `${operation}_callback`, { Url, CallbackCommandList });
			return { configured: true, Url, CallbackCommandList };
		}
		case 'callback:delete':
			return done(await call(CALLBACK_SERVICE, 'delete_callback', {}), { configured: false });
		case 'custom:send': {
			const service = param('service').trim();
			const command = param('command').trim();
			if (!/^[a-z0-9_]+$/.test(service) || !/^[a-z0-9_]+$/.test(command)) {
				throw new NodeOperationError(ctx.getNode(), 'Service and command are lowercase names like room_engine_http_srv and get_room_info', { itemIndex: i });
			}
			const raw = ctx.getNodeParameter('body', i, '{}') as string | IDataObject;
			const body = typeof raw === 'string' ? jsonParse<IDataObject>(raw || '{}', { errorMessage: 'Body (JSON) is not valid JSON' }) : raw;
			return await call(service, command, body);
		}
		default:
			throw new NodeOperationError(ctx.getNode(), `Unknown operation "${key}"`, { itemIndex: i });
	}
}
