/** The Huawei Cloud SparkRTC node's recording-job, record-rule, auto-record and room fields. */
import type { INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../shared/description';

const on = (resource: string | string[], operation: string[]) => ({
	show: { resource: Array.isArray(resource) ? resource : [resource], operation },
});
const JOBS = ['individualRecording', 'mixedRecording'];

function jobOperations(resource: string, what: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: `Get a ${what} job's state`,
				action: `Get a ${what} job`,
			},
			{
				name: 'Start',
				value: 'start',
				description: `Start a ${what} job`,
				action: `Start a ${what} job`,
			},
			{
				name: 'Stop',
				value: 'stop',
				description: `Stop a ${what} job`,
				action: `Stop a ${what} job`,
			},
			{
				name: 'Update',
				value: 'update',
				description: `Update a running ${what} job`,
				action: `Update a ${what} job`,
			},
		],
		default: 'start',
	};
}

export const rtcOperations: INodeProperties[] = [
	jobOperations('individualRecording', 'individual recording'),
	jobOperations('mixedRecording', 'mixed recording'),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recordRule'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a record rule (where and how recordings are stored)',
				action: 'Create a record rule',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a record rule' },
			{ name: 'Get', value: 'get', action: 'Get a record rule' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many record rules' },
			{ name: 'Update', value: 'update', action: 'Update a record rule' },
		],
		default: 'getAll',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['autoRecord'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "Get the app's auto-record mode",
				action: 'Get the auto record mode',
			},
			{
				name: 'Set',
				value: 'set',
				description: 'Turn automatic recording of every room on or off',
				action: 'Set the auto record mode',
			},
		],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['room'] } },
		options: [
			{
				name: 'Dismiss',
				value: 'dismiss',
				description: 'End the room for everyone',
				action: 'Dismiss a room',
			},
			{
				name: 'Remove Users',
				value: 'removeUsers',
				description: 'Remove users from a room',
				action: 'Remove users from a room',
			},
		],
		default: 'removeUsers',
	},
];

const recordRuleId = (
	show: NonNullable<INodeProperties['displayOptions']>,
	required: boolean,
	description: string,
): INodeProperties => ({
	displayName: 'Record Rule ID',
	name: 'recordRuleId',
	type: 'string',
	default: '',
	required,
	description,
	displayOptions: show,
});

export const rtcFields: INodeProperties[] = [
	{
		displayName: 'Room ID',
		name: 'roomId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: {
			show: { resource: [...JOBS, 'room'], operation: ['start', 'removeUsers', 'dismiss'] },
		},
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		description: 'Whose stream to record',
		displayOptions: on('individualRecording', ['start']),
	},
	{
		displayName: 'Encode Template',
		name: 'encodeTemplate',
		type: 'options',
		required: true,
		options: [
			'1920*1080_30_4620',
			'1920*1080_30_3150',
			'1920*1080_15_3460',
			'1920*1080_15_2080',
			'1280*720_30_3420',
			'1280*720_30_1710',
			'1280*720_15_2260',
			'1280*720_15_1130',
			'640*480_30_1000',
			'640*480_30_1500',
			'640*480_15_500',
			'480*360_30_490',
			'480*360_15_320',
		].map((value) => {
			const [size, fps, kbps] = value.split('_');
			return { name: `${size.replace('*', '×')}, ${fps} fps, ${kbps} kbit/s`, value };
		}),
		default: '1280*720_15_1130',
		displayOptions: on('mixedRecording', ['start']),
	},
	recordRuleId(
		on(JOBS, ['start']),
		false,
		'Where and how to record (see Record Rule); empty = the app default',
	),
	recordRuleId(on('individualRecording', ['update']), true, 'The record rule to switch the job to'),
	recordRuleId(
		{ show: { resource: ['autoRecord'], operation: ['set'], mode: ['AUTO_INDIVIDUAL_RECORD'] } },
		true,
		'The record rule automatic recordings use',
	),
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		required: true,
		description: 'The job_id returned by Start',
		displayOptions: on(JOBS, ['get', 'update', 'stop']),
	},
	{
		displayName: 'Options',
		name: 'jobOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: on('individualRecording', ['start']),
		options: [
			{
				displayName: 'Max Idle Time (Seconds)',
				name: 'maxIdleTime',
				type: 'number',
				typeOptions: { minValue: 5, maxValue: 43200 },
				default: 30,
				description: 'The job ends after the room has had nobody publishing for this long',
			},
			{
				displayName: 'Record Audio',
				name: 'isRecordAudio',
				type: 'boolean',
				default: true,
				description: 'Whether to record audio',
			},
			{
				displayName: 'Stream Quality',
				name: 'selectStreamType',
				type: 'options',
				options: [
					{ name: 'FHD', value: 'FHD' },
					{ name: 'HD', value: 'HD' },
					{ name: 'LD', value: 'LD' },
					{ name: 'SD', value: 'SD' },
				],
				default: 'FHD',
			},
			{
				displayName: 'Video',
				name: 'videoType',
				type: 'options',
				options: [
					{ name: 'Camera', value: 'CAMERASTREAM' },
					{ name: 'Screen Sharing', value: 'SCREENSTREAM' },
				],
				default: 'CAMERASTREAM',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'mixOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: on('mixedRecording', ['start', 'update']),
		options: [
			{
				displayName: 'Background Image',
				name: 'backgroundImage',
				type: 'string',
				default: '',
				description: 'Image (URL or ID) behind the whole canvas',
			},
			{
				displayName: 'Default User Background Image',
				name: 'defaultUserBackgroundImage',
				type: 'string',
				default: '',
				description: 'Shown for a user without video',
			},
			{
				displayName: 'Layout Panes (JSON)',
				name: 'layoutPanes',
				type: 'json',
				default: '',
				description:
					'An array of panes (user, position, size), sent as layout_panes as the API reference describes',
			},
			{
				displayName: 'Layout Template',
				name: 'layoutTemplate',
				type: 'string',
				default: '',
				description: 'A layout template ID',
			},
			{
				displayName: 'Max Idle Time (Seconds)',
				name: 'maxIdleTime',
				type: 'number',
				typeOptions: { minValue: 5, maxValue: 43200 },
				default: 30,
			},
			{
				displayName: 'Screen Background Image',
				name: 'screenBackgroundImage',
				type: 'string',
				default: '',
			},
		],
	},
	{
		displayName: 'Record Rule ID',
		name: 'ruleId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: on('recordRule', ['get', 'update', 'delete']),
	},
	{
		displayName: 'OBS Region',
		name: 'obsLocation',
		type: 'string',
		default: 'cn-north-4',
		required: true,
		description: "The OBS bucket's region",
		displayOptions: on('recordRule', ['create', 'update']),
	},
	{
		displayName: 'OBS Project ID',
		name: 'obsProjectId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: on('recordRule', ['create', 'update']),
	},
	{
		displayName: 'OBS Bucket',
		name: 'obsBucket',
		type: 'string',
		default: '',
		required: true,
		displayOptions: on('recordRule', ['create', 'update']),
	},
	{
		displayName: 'OBS Path',
		name: 'obsObject',
		type: 'string',
		default: '',
		description: 'Folder in the bucket for the files (empty = the bucket root)',
		displayOptions: on('recordRule', ['create', 'update']),
	},
	{
		displayName: 'Record Formats',
		name: 'recordFormats',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: 'HLS', value: 'HLS' },
			{ name: 'MP4', value: 'MP4' },
		],
		default: ['MP4'],
		displayOptions: on('recordRule', ['create', 'update']),
	},
	{
		displayName: 'Options',
		name: 'ruleOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: on('recordRule', ['create', 'update']),
		options: [
			{
				displayName: 'HLS File Length (Seconds)',
				name: 'hlsRecordCycle',
				type: 'number',
				typeOptions: { minValue: 60, maxValue: 43200 },
				default: 3600,
			},
			{ displayName: 'HLS File Name Prefix', name: 'hlsRecordPrefix', type: 'string', default: '' },
			{
				displayName: 'MP4 File Length (Seconds)',
				name: 'mp4RecordCycle',
				type: 'number',
				typeOptions: { minValue: 60, maxValue: 43200 },
				default: 3600,
			},
			{ displayName: 'MP4 File Name Prefix', name: 'mp4RecordPrefix', type: 'string', default: '' },
		],
	},
	...returnAllFields({ resource: ['recordRule'], operation: ['getAll'] }),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Off', value: 'AUTO_RECORD_OFF' },
			{ name: 'Record Every User (Individual)', value: 'AUTO_INDIVIDUAL_RECORD' },
		],
		default: 'AUTO_RECORD_OFF',
		displayOptions: on('autoRecord', ['set']),
	},
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'user1, user2',
		description: 'Comma-separated',
		displayOptions: on('room', ['removeUsers']),
	},
];
