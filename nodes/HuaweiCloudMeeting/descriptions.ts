/** The Huawei Cloud Meeting node's Meeting, Participant and Recording resources. */
import type { INodeProperties } from 'n8n-workflow';

import { returnAllFields } from '../shared/description';

const on = (resource: string, operation: string[]) => ({
	show: { resource: [resource], operation },
});

const hostSecretsOption: INodeProperties = {
	displayName: 'Include Host Link and Password',
	name: 'includeHostSecrets',
	type: 'boolean',
	default: false,
	description:
		'Whether to output the host (chair) join link and the host password. Anyone who has them can run the meeting as its host.',
};

export const meetingOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['meeting'] } },
	options: [
		{
			name: 'Cancel',
			value: 'cancel',
			description: 'Cancel a scheduled meeting',
			action: 'Cancel a meeting',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Schedule a meeting, or start one now',
			action: 'Create a meeting',
		},
		{
			name: 'End',
			value: 'end',
			description: 'End a running meeting for everyone',
			action: 'End a meeting',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a scheduled or running meeting by ID, or an ended one by UUID',
			action: 'Get a meeting',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List meetings that have not ended',
			action: 'Get many meetings',
		},
	],
	default: 'get',
};

export const meetingFields: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		description: 'The meeting topic (up to 128 characters)',
		displayOptions: on('meeting', ['create']),
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		description: 'When the meeting starts. Leave empty to start it now. Sent to Huawei in UTC.',
		displayOptions: on('meeting', ['create']),
	},
	{
		displayName: 'Duration (Minutes)',
		name: 'length',
		type: 'number',
		typeOptions: { minValue: 15, maxValue: 1440 },
		default: 60,
		displayOptions: on('meeting', ['create']),
	},
	{
		displayName: 'Media Types',
		name: 'mediaTypes',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: 'Voice', value: 'Voice' },
			{ name: 'Video', value: 'Video' },
			{ name: 'Data (Screen Sharing)', value: 'Data' },
		],
		default: ['Voice', 'Video', 'Data'],
		displayOptions: on('meeting', ['create']),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: on('meeting', ['create']),
		options: [
			{
				displayName: 'Attendees',
				name: 'attendees',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Attendee',
						name: 'attendee',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{
								displayName: 'Email',
								name: 'email',
								type: 'string',
								placeholder: 'name@email.com',
								default: '',
							},
							{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
							{
								displayName: 'Role',
								name: 'role',
								type: 'options',
								options: [
									{ name: 'Participant', value: 0 },
									{ name: 'Host (Chair)', value: 1 },
								],
								default: 0,
							},
						],
					},
				],
			},
			{
				displayName: 'Record Automatically',
				name: 'isAutoRecord',
				type: 'boolean',
				default: false,
				description: 'Whether cloud recording starts with the meeting (needs recording resources)',
			},
			{
				displayName: 'Time Zone ID',
				name: 'timeZoneID',
				type: 'string',
				default: '',
				description:
					"Huawei's time-zone ID for notifications (e.g. 56 for Beijing); the start time is sent in UTC",
			},
		],
	},
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		options: [
			{ name: 'Meeting ID (Scheduled or Running)', value: 'id' },
			{ name: 'Meeting UUID (Ended)', value: 'uuid' },
		],
		default: 'id',
		displayOptions: on('meeting', ['get']),
	},
	{
		displayName: 'Meeting ID',
		name: 'meetingId',
		type: 'string',
		default: '',
		required: true,
		description: 'The meeting ID (meetingId in trigger items)',
		displayOptions: {
			show: { resource: ['meeting'], operation: ['get'], lookupBy: ['id'] },
		},
	},
	{
		displayName: 'Meeting ID',
		name: 'meetingId',
		type: 'string',
		default: '',
		required: true,
		description: 'The meeting ID (meetingId in trigger items)',
		displayOptions: on('meeting', ['cancel', 'end']),
	},
	{
		displayName: 'Meeting UUID',
		name: 'meetingUuid',
		type: 'string',
		default: '',
		required: true,
		description: 'The meeting UUID (meetingUuid in trigger items)',
		displayOptions: { show: { resource: ['meeting'], operation: ['get'], lookupBy: ['uuid'] } },
	},
	...returnAllFields({ resource: ['meeting'], operation: ['getAll'] }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: on('meeting', ['getAll']),
		options: [
			{
				displayName: 'All Meetings of the Enterprise',
				name: 'queryAll',
				type: 'boolean',
				default: false,
				description:
					"Whether to list every user's meetings (enterprise administrators) instead of your own",
			},
			{
				displayName: 'Period',
				name: 'queryConfMode',
				type: 'options',
				options: [
					{ name: 'All', value: 'ALL' },
					{ name: 'Next Day', value: 'ADAY' },
					{ name: 'Next Month', value: 'AMONTH' },
					{ name: 'Next Week', value: 'AWEEK' },
				],
				default: 'ALL',
			},
			{
				displayName: 'Search',
				name: 'searchKey',
				type: 'string',
				default: '',
				description: 'Matches the subject, the meeting ID or the host',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: on('meeting', ['create', 'get', 'getAll']),
		options: [hostSecretsOption],
	},
];

export const participantOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['participant'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Who is in a running meeting now',
			action: 'Get many participants of a running meeting',
		},
		{
			name: 'Get Attendance',
			value: 'getAttendance',
			description: 'Who attended an ended meeting, with join and leave times',
			action: 'Get attendance of an ended meeting',
		},
	],
	default: 'getAll',
};

export const participantFields: INodeProperties[] = [
	{
		displayName: 'Meeting ID',
		name: 'meetingId',
		type: 'string',
		default: '',
		required: true,
		description: 'The running meeting (meetingId in trigger items)',
		displayOptions: on('participant', ['getAll']),
	},
	{
		displayName: 'Meeting UUID',
		name: 'meetingUuid',
		type: 'string',
		default: '',
		required: true,
		description: 'The ended meeting (meetingUuid in trigger items)',
		displayOptions: on('participant', ['getAttendance']),
	},
	...returnAllFields({ resource: ['participant'], operation: ['getAll', 'getAttendance'] }),
	{
		displayName: 'Search',
		name: 'searchKey',
		type: 'string',
		default: '',
		description: 'Matches the name or number',
		displayOptions: on('participant', ['getAll', 'getAttendance']),
	},
];

export const recordingOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['recording'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: "Get one meeting's recording",
			action: 'Get a recording',
		},
		{
			name: 'Get Download Links',
			value: 'getDownloadLinks',
			description:
				"Get download links for a meeting's recording files (each valid 1 hour, single use)",
			action: 'Get recording download links',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List cloud recordings in a date range',
			action: 'Get many recordings',
		},
	],
	default: 'getAll',
};

export const recordingFields: INodeProperties[] = [
	{
		displayName: 'Meeting UUID',
		name: 'meetingUuid',
		type: 'string',
		default: '',
		required: true,
		description: 'The recorded meeting (meetingUuid in trigger items, e.g. of record.finish)',
		displayOptions: on('recording', ['get', 'getDownloadLinks']),
	},
	...returnAllFields({ resource: ['recording'], operation: ['getAll'] }),
	{
		displayName: 'From',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description: 'Recordings of meetings from this time on. Empty: 30 days before To.',
		displayOptions: on('recording', ['getAll']),
	},
	{
		displayName: 'To',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description: 'Recordings of meetings up to this time. Empty: now.',
		displayOptions: on('recording', ['getAll']),
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: on('recording', ['getAll']),
		options: [
			{
				displayName: 'All Recordings of the Enterprise',
				name: 'queryAll',
				type: 'boolean',
				default: false,
				description:
					"Whether to list every user's recordings (enterprise administrators) instead of your own",
			},
			{
				displayName: 'Search',
				name: 'searchKey',
				type: 'string',
				default: '',
				description: 'Matches the subject or the host',
			},
		],
	},
];
