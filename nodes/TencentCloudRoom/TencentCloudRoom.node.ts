import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ROOM_SERVICE } from './api';
import { ROOM_COMMANDS } from './events';
import { runOperation } from './operations';
import { forEachItem } from '../shared/http';
import { returnAllFields } from '../shared/description';

const show = (resource: string, operations: string[]) => ({
	show: { resource: [resource], operation: operations },
});

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
	{
		displayName: 'Video Disabled for All',
		name: 'IsVideoDisabled',
		type: 'boolean',
		default: false,
	},
	{
		displayName: 'Audio Disabled for All',
		name: 'IsAudioDisabled',
		type: 'boolean',
		default: false,
	},
	{ displayName: 'Messages Disabled', name: 'IsMessageDisabled', type: 'boolean', default: false },
	{
		displayName: 'Screen Sharing Disabled',
		name: 'IsScreenSharingDisabled',
		type: 'boolean',
		default: false,
	},
	{
		displayName: 'Cloud Recording Disabled',
		name: 'IsCloudRecordingDisabled',
		type: 'boolean',
		default: false,
	},
	{ displayName: 'Custom Info', name: 'CustomInfo', type: 'string', default: '' },
	{ displayName: 'Schedule Start Time', name: 'ScheduleStartTime', type: 'dateTime', default: '' },
	{ displayName: 'Schedule End Time', name: 'ScheduleEndTime', type: 'dateTime', default: '' },
];

const commandOptions = Object.entries(ROOM_COMMANDS).map(([value, name]) => ({
	name,
	value,
	description: value,
}));

export class TencentCloudRoom implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud Room',
		name: 'tencentCloudRoom',
		icon: { light: 'file:tencentCloudRoom.svg', dark: 'file:tencentCloudRoom.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Tencent Cloud Chat / TUIRoomKit rooms, members, seats and the Room callback configuration',
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
					{
						name: 'Create',
						value: 'create',
						action: 'Create a room',
						description: 'REST command create_room',
					},
					{
						name: 'Destroy',
						value: 'destroy',
						action: 'Destroy a room',
						description: 'REST command destroy_room',
					},
					{
						name: 'Get',
						value: 'get',
						action: 'Get a room',
						description: 'REST command get_room_info',
					},
					{
						name: 'Update',
						value: 'update',
						action: 'Update a room',
						description: 'REST command update_room_info',
					},
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
					{
						name: 'Ban',
						value: 'ban',
						action: 'Ban members from a room',
						description: 'REST command ban_room_member',
					},
					{
						name: 'Change Owner',
						value: 'changeOwner',
						action: 'Change the room owner',
						description: 'REST command change_room_owner',
					},
					{
						name: 'Get Banned',
						value: 'getBanned',
						action: 'Get banned members',
						description: 'REST command get_banned_member_list',
					},
					{
						name: 'Get Many',
						value: 'getAll',
						action: 'Get room members',
						description: 'REST command get_room_member_list',
					},
					{
						name: 'Kick Out',
						value: 'kick',
						action: 'Kick members out of a room',
						description: 'REST command kick_user_out',
					},
					{
						name: 'Mark',
						value: 'mark',
						action: 'Set or remove member marks',
						description: 'REST command mark_room_member',
					},
					{
						name: 'Unban',
						value: 'unban',
						action: 'Unban members',
						description: 'REST command unban_room_member',
					},
					{
						name: 'Update',
						value: 'update',
						action: 'Update a member',
						description: 'REST command update_room_member_info',
					},
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
					{
						name: 'Get Many',
						value: 'getAll',
						action: 'Get the seat list',
						description: 'REST command get_seat_list',
					},
					{
						name: 'Kick Off Seat',
						value: 'kickOff',
						action: 'Take a member off a seat',
						description: 'REST command kick_user_off_seat',
					},
					{
						name: 'Lock',
						value: 'lock',
						action: 'Lock a seat',
						description: 'REST command lock_seat',
					},
					{
						name: 'Move',
						value: 'move',
						action: 'Move a member to another seat',
						description:
							"REST command move_user_to_seat, Tencent's current call: to any seat, with a policy for a taken one",
					},
					{
						name: 'Pick Onto Seat',
						value: 'pick',
						action: 'Put a member on a seat',
						description: 'REST command pick_user_on_seat',
					},
					{
						name: 'Switch',
						value: 'switch',
						action: 'Move a member to an empty seat on older apps',
						description:
							'REST command switch_seat, to an empty seat only: for older apps (Tencent marks switch_seat as the old version); use Move where available',
					},
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
					{
						name: 'Delete',
						value: 'delete',
						action: 'Delete the callback configuration',
						description: 'REST command delete_callback',
					},
					{
						name: 'Get',
						value: 'get',
						action: 'Get the callback configuration',
						description: 'REST command get_callback',
					},
					{
						name: 'Set',
						value: 'set',
						action: 'Set the callback configuration',
						description: 'REST command set_callback (fails if one exists)',
					},
					{
						name: 'Update',
						value: 'update',
						action: 'Update the callback configuration',
						description: 'REST command update_callback',
					},
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
			roomId('member', [
				'ban',
				'changeOwner',
				'getAll',
				'getBanned',
				'kick',
				'mark',
				'unban',
				'update',
			]),
			roomId('seat', ['getAll', 'kickOff', 'lock', 'move', 'pick', 'switch']),
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
				description: 'Comma-separated UserIDs (up to 20; up to 10 for Mark)',
				displayOptions: show('member', ['ban', 'kick', 'mark', 'unban']),
			},
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: '',
				required: true,
				description: 'Shown to the members (required by Tencent; up to 1000 bytes)',
				displayOptions: show('member', ['ban', 'kick']),
			},
			{
				displayName: 'Duration (Seconds)',
				name: 'duration',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 3600,
				required: true,
				description: 'How long the members cannot re-enter the room',
				displayOptions: show('member', ['ban']),
			},
			{
				displayName: 'Action',
				name: 'markAction',
				type: 'options',
				options: [
					{ name: 'Set Marks', value: 'set' },
					{ name: 'Remove Marks', value: 'delete' },
				],
				default: 'set',
				displayOptions: show('member', ['mark']),
			},
			{
				displayName: 'Marks',
				name: 'marks',
				type: 'string',
				default: '',
				required: true,
				placeholder: '1000, 1001',
				description:
					'Comma-separated numbers of at least 1000 (up to 3 per call; up to 10 different marks per room)',
				displayOptions: show('member', ['mark']),
			},
			{
				displayName: 'Current Owner Account',
				name: 'currentOwner',
				type: 'string',
				default: '',
				required: true,
				description: 'The room owner now (Tencent requires it; see Room → Get, Owner_Account)',
				displayOptions: show('member', ['changeOwner']),
			},
			{
				displayName: 'New Owner Account',
				name: 'newOwner',
				type: 'string',
				default: '',
				required: true,
				description: 'Must be a member of the room',
				displayOptions: show('member', ['changeOwner']),
			},
			{
				displayName: 'Member Account',
				name: 'member',
				type: 'string',
				default: '',
				required: true,
				displayOptions: {
					show: {
						resource: ['member', 'seat'],
						operation: ['update', 'kickOff', 'move', 'pick', 'switch'],
					},
				},
			},
			{
				displayName: 'Update Fields',
				name: 'memberFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: show('member', ['update']),
				options: [
					{
						displayName: 'Custom Info',
						name: 'CustomInfo',
						type: 'string',
						default: '',
						description: 'Up to 60 bytes',
					},
					{
						displayName: 'Name Card',
						name: 'NameCard',
						type: 'string',
						default: '',
						description: 'Nickname in the room, up to 32 bytes',
					},
					{
						displayName: 'Role',
						name: 'Role',
						type: 'options',
						options: [
							{ name: 'Admin', value: 'Admin' },
							{ name: 'Member', value: 'Member' },
						],
						default: 'Member',
					},
				],
			},
			...returnAllFields({ resource: ['member'], operation: ['getAll', 'getBanned'] }),
			{
				displayName: 'Seat Index',
				name: 'seatIndex',
				type: 'number',
				default: 1,
				displayOptions: show('seat', ['lock', 'pick']),
			},
			{
				displayName: 'To Seat Index',
				name: 'toIndex',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'The seat to move the member to (for Switch, an empty one)',
				displayOptions: show('seat', ['move', 'switch']),
			},
			{
				displayName: 'Move Policy',
				name: 'movePolicy',
				type: 'options',
				options: [
					{
						name: 'Cancel',
						value: 'cancel',
						description: 'Policy 0: Tencent cancels the move and nobody changes seats',
					},
					{
						name: 'Exchange',
						value: 'exchange',
						description: 'Policy 2: the two members swap seats',
					},
					{
						name: 'Force',
						value: 'force',
						description:
							'Policy 1: the member is moved anyway and whoever is on the seat is taken off it',
					},
				],
				default: 'cancel',
				description:
					'What Tencent does when someone is already on the target seat (a locked target seat is unlocked)',
				displayOptions: show('seat', ['move']),
			},
			{
				displayName: 'Data',
				name: 'data',
				type: 'string',
				default: '',
				description:
					'Custom information sent with the request (a field Tencent requires; may be empty)',
				displayOptions: show('seat', ['kickOff']),
			},
			{
				displayName: 'Lock the Seat',
				name: 'forbidTaken',
				type: 'boolean',
				default: true,
				description: 'Whether nobody can take the seat (whoever is on it is taken off first)',
				displayOptions: show('seat', ['lock']),
			},
			{
				displayName: 'Disable Video',
				name: 'forbidVideo',
				type: 'boolean',
				default: false,
				description: "Whether the seat's video stream is disabled",
				displayOptions: show('seat', ['lock']),
			},
			{
				displayName: 'Disable Audio',
				name: 'forbidAudio',
				type: 'boolean',
				default: false,
				description: "Whether the seat's audio stream is disabled",
				displayOptions: show('seat', ['lock']),
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
