/** The Tencent Cloud TRTC node's parameters: rooms, cloud recording, usage history. */
import type { INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../shared/description';

const on = (resource: string, operation: string[]) => ({
	show: { resource: [resource], operation },
});

const operation = (
	resource: string,
	options: Array<{ name: string; value: string; description: string; action: string }>,
	defaultValue: string,
): INodeProperties => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [resource] } },
	options,
	default: defaultValue,
});

export const trtcOperations: INodeProperties[] = [
	operation(
		'room',
		[
			{
				name: 'Dismiss',
				value: 'dismiss',
				description: 'Remove every user and close the room',
				action: 'Dismiss a room',
			},
			{
				name: 'Remove Users',
				value: 'removeUsers',
				description: 'Remove up to 10 users from a room',
				action: 'Remove users from a room',
			},
		],
		'dismiss',
	),
	operation(
		'cloudRecording',
		[
			{
				name: 'Get',
				value: 'get',
				description: "Get a running task's status and files",
				action: 'Get a cloud recording task',
			},
			{
				name: 'Start',
				value: 'start',
				description: 'Start a cloud recording task (a robot joins the room)',
				action: 'Start a cloud recording',
			},
			{
				name: 'Stop',
				value: 'stop',
				description: 'Stop a cloud recording task',
				action: 'Stop a cloud recording',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Replace the stream subscription or the mix layout of a running task',
				action: 'Update a cloud recording',
			},
		],
		'start',
	),
	operation(
		'usage',
		[
			{
				name: 'Get Call Quality',
				value: 'getCallQuality',
				description: 'Per-user quality metrics of one room session (at most 1 h)',
				action: 'Get call quality',
			},
			{
				name: 'Get Room Users',
				value: 'getRoomUsers',
				description: 'Users of one room session (at most 4 h)',
				action: 'Get room users',
			},
			{
				name: 'Get Rooms',
				value: 'getRooms',
				description: 'Room sessions in a time window (at most 24 h)',
				action: 'Get rooms',
			},
		],
		'getRooms',
	),
];

const ROOM_ID_TYPE: INodeProperties = {
	displayName: 'Room ID Type',
	name: 'roomIdType',
	type: 'options',
	options: [
		{ name: 'Numeric', value: 'number', description: 'Room IDs 1 to 4294967294' },
		{ name: 'String', value: 'string', description: 'String room IDs (strRoomId)' },
	],
	default: 'number',
	description: 'The type the clients use for this room; TRTC treats 123 and "123" as two rooms',
};

const taskId = (operations: string[]): INodeProperties => ({
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	required: true,
	description: 'The TaskId returned by Start',
	displayOptions: on('cloudRecording', operations),
});

const window = (operations: string[], limit: string): INodeProperties[] => [
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: `Start of the window (${limit} at most; history goes back 14 days at most)`,
		displayOptions: on('usage', operations),
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: on('usage', operations),
	},
];

const START = on('cloudRecording', ['start']);
const startWith = (extra: Record<string, string[]>) => ({
	show: { ...START.show, ...extra },
});

export const trtcFields: INodeProperties[] = [
	{ ...ROOM_ID_TYPE, displayOptions: { show: { resource: ['room'] } } },
	{ ...ROOM_ID_TYPE, displayOptions: START },
	{
		displayName: 'Room ID',
		name: 'roomId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: {
			show: {
				resource: ['room', 'cloudRecording'],
				operation: ['dismiss', 'removeUsers', 'start'],
			},
		},
	},
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'user_1, user_2',
		description: 'Up to 10 user IDs, separated by commas or new lines',
		displayOptions: on('room', ['removeUsers']),
	},
	{
		displayName: 'Robot User ID',
		name: 'robotUserId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'recorder_1',
		description:
			'The user ID the recording robot joins with; must not be used by anyone else in the room',
		displayOptions: START,
	},
	{
		displayName: 'Robot UserSig',
		name: 'userSigSource',
		type: 'options',
		options: [
			{
				name: 'Generate From the App Secret Key',
				value: 'generate',
				description:
					'Made for the robot from the SDKAppID and secret key of a Tencent Cloud Chat API credential',
			},
			{ name: 'Enter a UserSig', value: 'manual' },
		],
		default: 'generate',
		displayOptions: START,
	},
	{
		displayName: 'UserSig',
		name: 'userSig',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			"The robot's UserSig for this SDKAppID; it must stay valid for as long as the task runs",
		displayOptions: startWith({ userSigSource: ['manual'] }),
	},
	{
		displayName: 'Record Mode',
		name: 'recordMode',
		type: 'options',
		options: [
			{ name: 'Single Stream (One File per User)', value: 1 },
			{ name: 'Mixed (One File for the Room)', value: 2 },
		],
		default: 2,
		displayOptions: START,
	},
	{
		displayName: 'Stream Type',
		name: 'streamType',
		type: 'options',
		options: [
			{ name: 'Audio and Video', value: 0 },
			{ name: 'Audio Only', value: 1 },
			{ name: 'Video Only', value: 2 },
		],
		default: 0,
		displayOptions: START,
	},
	{
		displayName: 'Max Idle Time (Seconds)',
		name: 'maxIdleTime',
		type: 'number',
		typeOptions: { minValue: 5, maxValue: 86400 },
		default: 30,
		description: 'The robot leaves after this long with no stream to record',
		displayOptions: START,
	},
	{
		displayName: 'Storage',
		name: 'storage',
		type: 'options',
		options: [
			{ name: 'Tencent Cloud VOD', value: 'vod', description: 'CloudVod.TencentVod' },
			{ name: 'Object Storage (COS or AWS S3)', value: 'cos', description: 'CloudStorage' },
		],
		default: 'vod',
		displayOptions: START,
	},
	{
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		options: [
			{ name: 'HLS', value: 0 },
			{ name: 'HLS + MP4', value: 1 },
			{ name: 'HLS + AAC', value: 2 },
			{ name: 'MP4', value: 3 },
			{ name: 'AAC', value: 4 },
		],
		default: 0,
		displayOptions: startWith({ storage: ['cos'] }),
	},
	{
		displayName: 'Vendor',
		name: 'cosVendor',
		type: 'options',
		options: [
			{ name: 'Tencent Cloud COS', value: 0 },
			{ name: 'AWS S3', value: 1 },
		],
		default: 0,
		displayOptions: startWith({ storage: ['cos'] }),
	},
	{
		displayName: 'Bucket Region',
		name: 'cosRegion',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ap-guangzhou',
		displayOptions: startWith({ storage: ['cos'] }),
	},
	{
		displayName: 'Bucket',
		name: 'cosBucket',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'recordings-1250000000',
		displayOptions: startWith({ storage: ['cos'] }),
	},
	{
		displayName: 'Storage Access Key',
		name: 'cosAccessKey',
		type: 'string',
		default: '',
		required: true,
		description: 'The SecretId (COS) or access key ID (AWS) that may write to the bucket',
		displayOptions: startWith({ storage: ['cos'] }),
	},
	{
		displayName: 'Storage Secret Key',
		name: 'cosSecretKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'Sent to Tencent inside the request; never in the output. Use a key limited to writing to this bucket.',
		displayOptions: startWith({ storage: ['cos'] }),
	},
	{
		displayName: 'VOD Media Type',
		name: 'vodMediaType',
		type: 'options',
		options: [
			{ name: 'MP4', value: 0 },
			{ name: 'HLS', value: 1 },
			{ name: 'AAC', value: 2 },
			{ name: 'HLS + MP4', value: 3 },
			{ name: 'HLS + AAC', value: 4 },
		],
		default: 0,
		displayOptions: startWith({ storage: ['vod'] }),
	},
	{
		displayName: 'Additional Fields',
		name: 'startOptions',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: START,
		options: [
			{
				displayName: 'File Name Prefix',
				name: 'fileNamePrefix',
				type: 'string',
				default: '',
				description: 'Object storage only: path segments, separated by commas',
			},
			{
				displayName: 'Max Media File Duration (Minutes)',
				name: 'maxMediaFileDuration',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1440 },
				default: 1440,
			},
			{
				displayName: 'Media',
				name: 'mediaId',
				type: 'options',
				options: [
					{ name: 'Main and Auxiliary (Screen Share)', value: 0 },
					{ name: 'Main Only', value: 1 },
					{ name: 'Auxiliary Only', value: 2 },
				],
				default: 0,
			},
			{
				displayName: 'Mix Layout Params (JSON)',
				name: 'mixLayoutParams',
				type: 'json',
				default: '',
				description: 'MixLayoutParams as documented by Tencent (mixed mode)',
			},
			{
				displayName: 'Mix Transcode Params (JSON)',
				name: 'mixTranscodeParams',
				type: 'json',
				default: '',
				description: 'MixTranscodeParams as documented by Tencent (mixed mode)',
			},
			{
				displayName: 'Resource Expired Hour',
				name: 'resourceExpiredHour',
				type: 'number',
				typeOptions: { minValue: 6, maxValue: 720 },
				default: 72,
				description:
					'After this many hours the task can no longer be queried, updated or stopped (it keeps recording)',
			},
			{
				displayName: 'Subscribe Stream User IDs (JSON)',
				name: 'subscribeStreamUserIds',
				type: 'json',
				default: '',
				description:
					'SubscribeStreamUserIds: {"SubscribeAudioUserIds":[…],"UnSubscribeAudioUserIds":[…],"SubscribeVideoUserIds":[…],"UnSubscribeVideoUserIds":[…]}',
			},
			{
				displayName: 'VOD Procedure',
				name: 'procedure',
				type: 'string',
				default: '',
				description: 'VOD only: the task flow to run after upload',
			},
			{
				displayName: 'VOD Sub App ID',
				name: 'subAppId',
				type: 'number',
				default: 0,
			},
			{
				displayName: 'VOD User Define Record ID',
				name: 'userDefineRecordId',
				type: 'string',
				default: '',
			},
		],
	},
	taskId(['get', 'update', 'stop']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Each field sent replaces its earlier value entirely (send the whole list, not a change)',
		displayOptions: on('cloudRecording', ['update']),
		options: [
			{
				displayName: 'Mix Layout Params (JSON)',
				name: 'mixLayoutParams',
				type: 'json',
				default: '',
			},
			{
				displayName: 'Subscribe Audio User IDs',
				name: 'SubscribeAudioUserIds',
				type: 'string',
				default: '',
				description: 'Comma-separated; prefix patterns such as 1.*$ allowed',
			},
			{
				displayName: 'Subscribe Video User IDs',
				name: 'SubscribeVideoUserIds',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Unsubscribe Audio User IDs',
				name: 'UnSubscribeAudioUserIds',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Unsubscribe Video User IDs',
				name: 'UnSubscribeVideoUserIds',
				type: 'string',
				default: '',
			},
		],
	},
	...window(['getRooms'], '24 h'),
	{
		displayName: 'Room ID',
		name: 'roomFilter',
		type: 'string',
		default: '',
		description: 'Only this room (optional)',
		displayOptions: on('usage', ['getRooms']),
	},
	...window(['getRoomUsers'], '4 h'),
	...window(['getCallQuality'], '1 h'),
	{
		displayName: 'Session ID (CommId)',
		name: 'commId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1400000000_room1_1700000000',
		description: 'The CommId of a room session, from Get Rooms',
		displayOptions: on('usage', ['getRoomUsers', 'getCallQuality']),
	},
	{
		displayName: 'User IDs',
		name: 'usageUserIds',
		type: 'string',
		default: '',
		description: 'Only these users (optional), separated by commas',
		displayOptions: on('usage', ['getRoomUsers', 'getCallQuality']),
	},
	{
		displayName: 'Metrics',
		name: 'dataTypes',
		type: 'multiOptions',
		options: [
			'aBit',
			'aBlock',
			'aCapEnergy',
			'aLoss',
			'aPlayEnergy',
			'appCpu',
			'bigvBit',
			'bigvBlock',
			'bigvCapFps',
			'bigvDecFps',
			'bigvEncFps',
			'bigvHeight',
			'bigvLoss',
			'bigvRecFps',
			'bigvWidth',
			'rtt',
			'sysCpu',
		].map((value) => ({ name: value, value })),
		default: [],
		description: 'Empty = the user list only; with metrics, at most 6 users per page',
		displayOptions: on('usage', ['getCallQuality']),
	},
	...returnAllFields(on('usage', ['getRooms', 'getRoomUsers', 'getCallQuality']).show),
];
