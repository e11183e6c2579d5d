import type {
	IDataObject,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { meetingBaseUrl } from './auth';
import {
	CONFERENCE_MESSAGE_NOTES,
	CONFERENCE_MESSAGES,
	newConferenceState,
	toConferenceItem,
} from './conference';
import { ConferenceSession, webSocketAvailable } from './conferenceSession';
import { eventsProperty } from '../shared/description';
import { zodSummary } from '../shared/zod';

/** The message selection, with the notes of the options that need one (a legacy message type). */
function messagesProperty(): INodeProperties {
	const property = eventsProperty(
		CONFERENCE_MESSAGES,
		['ConfBasicInfoNotify', 'ConfDynamicInfoNotify', 'ParticipantsNotify'],
		'Messages',
		'messageTypes',
		'All Messages',
	);
	const notes = CONFERENCE_MESSAGE_NOTES as Record<string, string | undefined>;
	property.options = property.options?.map((option) =>
		'value' in option && notes[String(option.value)]
			? { ...option, description: notes[String(option.value)] }
			: option,
	);
	return property;
}

export class HuaweiCloudMeetingConferenceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud Meeting Conference Trigger',
		name: 'huaweiCloudMeetingConferenceTrigger',
		icon: { light: 'file:huaweiCloudMeeting.svg', dark: 'file:huaweiCloudMeeting.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Meeting " + $parameter["conferenceId"]}}',
		description:
			'Streams real-time messages of a running Huawei Cloud Meeting (basic info, status, participants, speakers, invites, network quality...) over the conference-control WebSocket',
		defaults: { name: 'Huawei Cloud Meeting Conference Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudMeetingApi', required: true }],
		properties: [
			{
				displayName:
					'Connects to one running meeting with its host password. Needs a runtime with WebSocket support (n8n 2.x, or n8n 1.x on Node 22 or later).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Conference ID',
				name: 'conferenceId',
				type: 'string',
				default: '',
				required: true,
				description: 'The conferenceID returned when the meeting was created (not the VMR ID)',
			},
			{
				displayName: 'Host Password',
				name: 'hostPassword',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description:
					'The chair (host) password of the meeting, used to obtain the conference-control token',
			},
			messagesProperty(),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Heartbeat Interval (Seconds)',
						name: 'heartbeatSeconds',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 170 },
						default: 60,
						description:
							'How often to send the heartbeat; Huawei closes the connection after 180 s without one',
					},
					{
						displayName: 'Include Passwords',
						name: 'includePasswords',
						type: 'boolean',
						default: false,
						description:
							'Whether to output meeting passwords in plain text (masked as ****** otherwise)',
					},
					{
						displayName: 'Stop When Meeting Ends',
						name: 'stopWhenMeetingEnds',
						type: 'boolean',
						default: true,
						description: 'Whether to stop listening (without an error) once the meeting has ended',
					},
				],
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		if (!webSocketAvailable()) {
			throw new NodeOperationError(this.getNode(), 'This n8n runtime has no WebSocket support', {
				description:
					'The conference trigger uses the WebSocket built into Node.js 22 and later. Run n8n 2.x (Node 24), or n8n 1.x on Node 22 or later.',
			});
		}
		const conferenceId = (this.getNodeParameter('conferenceId') as string).trim();
		const hostPassword = this.getNodeParameter('hostPassword') as string;
		if (!conferenceId || !hostPassword)
			throw new NodeOperationError(this.getNode(), 'Enter the conference ID and the host password');
		const selected = this.getNodeParameter('messageTypes', []) as string[];
		const types = selected.includes('*') ? Object.keys(CONFERENCE_MESSAGES) : selected;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const includePasswords = options.includePasswords === true;
		const credentials = await this.getCredentials('huaweiCloudMeetingApi');
		const state = newConferenceState();
		const session = new ConferenceSession({
			baseUrl: meetingBaseUrl(credentials),
			conferenceId,
			hostPassword,
			types,
			heartbeatMs: Number(options.heartbeatSeconds ?? 60) * 1000,
			stopWhenMeetingEnds: options.stopWhenMeetingEnds !== false,
			http: async (request) => await this.helpers.httpRequest(request),
			logger: this.logger,
			onMessage: (message) => {
				if (typeof message.action !== 'string' || !types.includes(message.action)) return;
				try {
					this.emit([
						this.helpers.returnJsonArray([toConferenceItem(message, state, includePasswords)]),
					]);
				} catch (error) {
					this.logger.warn(
						`Ignored a malformed ${String(message.action)} message: ${zodSummary(error)}`,
					);
				}
			},
		});
		try {
			await session.start();
		} catch (error) {
			await session.stop();
			throw new NodeOperationError(this.getNode(), (error as Error).message, {
				description:
					"Check that the meeting is running, the conference ID and host password, and the credential's API base URL.",
			});
		}
		return {
			closeFunction: async () => {
				await session.stop();
			},
		};
	}
}
