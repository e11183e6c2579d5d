import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	changeEventPushStatus,
	checkPushUrl,
	createEventPush,
	deleteEventPush,
	describeConfig,
	getEventPush,
} from './api';
import {
	meetingFields,
	meetingOperations,
	participantFields,
	participantOperations,
	recordingFields,
	recordingOperations,
} from './descriptions';
import { operations } from './operations';
import { readScope, scopeFields } from './shared-fields';
import { forEachItem } from '../shared/http';

const needsScope = { show: { resource: ['eventPush'], operation: ['configure', 'get'] } };
const needsId = { show: { resource: ['eventPush'], operation: ['enable', 'disable', 'delete'] } };
const configureOnly = { show: { resource: ['eventPush'], operation: ['configure'] } };

export class HuaweiCloudMeeting implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud Meeting',
		name: 'huaweiCloudMeeting',
		icon: { light: 'file:huaweiCloudMeeting.svg', dark: 'file:huaweiCloudMeeting.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Meetings, participants and recordings of Huawei Cloud Meeting, and its event-push configuration',
		defaults: { name: 'Huawei Cloud Meeting' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudMeetingApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Event Push', value: 'eventPush' },
					{ name: 'Meeting', value: 'meeting' },
					{ name: 'Participant', value: 'participant' },
					{ name: 'Recording', value: 'recording' },
				],
				// Saved workflows omit default values: the first version's only resource stays the default.
				default: 'eventPush',
			},
			meetingOperations,
			participantOperations,
			recordingOperations,
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['eventPush'] } },
				options: [
					{
						name: 'Configure',
						value: 'configure',
						description: 'Set the URL and subscriber that receive event pushes',
						action: 'Configure event push',
					},
					{
						name: 'Delete',
						value: 'delete',
						description: 'Delete an event-push configuration',
						action: 'Delete event push configuration',
					},
					{
						name: 'Disable',
						value: 'disable',
						description: 'Stop pushing events (status 1)',
						action: 'Disable event push',
					},
					{
						name: 'Enable',
						value: 'enable',
						description:
							'Start pushing events (status 0); Huawei first sends the meeting.verify handshake',
						action: 'Enable event push',
					},
					{
						name: 'Get',
						value: 'get',
						description: 'Get the current event-push configuration',
						action: 'Get event push configuration',
					},
				],
				default: 'get',
			},
			...scopeFields(needsScope),
			{
				displayName: 'Configuration ID',
				name: 'configId',
				type: 'string',
				default: '',
				required: true,
				description: 'The ID returned by Configure or Get',
				displayOptions: needsId,
			},
			{
				displayName: 'Subscriber ID',
				name: 'subscriberId',
				type: 'string',
				default: '',
				required: true,
				description: 'Returned as appID in every push',
				displayOptions: configureOnly,
			},
			{
				displayName: 'Subscriber Key',
				name: 'subscriberKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description: 'Secret Huawei signs every push with (HMAC-SHA256)',
				displayOptions: configureOnly,
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://example.com/webhook',
				description: 'Where events are pushed. Must be HTTPS.',
				displayOptions: configureOnly,
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: configureOnly,
				options: [
					{
						displayName: 'Allow HTTP URL',
						name: 'allowHttpUrl',
						type: 'boolean',
						default: false,
						description:
							'Whether to send a plain-HTTP URL (for proxies and simulators; Huawei requires HTTPS)',
					},
				],
			},
			...meetingFields,
			...participantFields,
			...recordingFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await forEachItem(this, async (i) => {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			if (resource === 'eventPush') return await runOperation(this, operation, i);
			const run = operations[resource]?.[operation];
			if (!run)
				throw new NodeOperationError(
					this.getNode(),
					`Unknown operation "${resource}: ${operation}"`,
					{ itemIndex: i },
				);
			return await run(this, i);
		});
	}
}

async function runOperation(
	ctx: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject> {
	if (operation === 'configure' || operation === 'get') {
		const scope = readScope(ctx, i);
		if (!scope.corpId && !scope.spId) {
			throw new NodeOperationError(
				ctx.getNode(),
				'Enter the Enterprise ID (corp ID) or the SP ID',
				{ itemIndex: i },
			);
		}
		if (operation === 'configure') {
			const url = (ctx.getNodeParameter('url', i) as string).trim();
			const allowHttp = ctx.getNodeParameter('options.allowHttpUrl', i, false) as boolean;
			const problem = checkPushUrl(url, allowHttp);
			if (problem) throw new NodeOperationError(ctx.getNode(), problem, { itemIndex: i });
			await createEventPush(
				ctx,
				scope,
				(ctx.getNodeParameter('subscriberId', i) as string).trim(),
				ctx.getNodeParameter('subscriberKey', i) as string,
				url,
			);
		}
		const config = await getEventPush(ctx, scope);
		if (!config) {
			if (operation === 'get') return { configured: false };
			throw new NodeOperationError(
				ctx.getNode(),
				'The configuration was accepted but cannot be read back',
				{
					itemIndex: i,
				},
			);
		}
		return { configured: true, ...describeConfig(config) };
	}
	const id = (ctx.getNodeParameter('configId', i) as string).trim();
	if (!id)
		throw new NodeOperationError(ctx.getNode(), 'Enter the configuration ID', { itemIndex: i });
	if (operation === 'enable' || operation === 'disable') {
		await changeEventPushStatus(ctx, id, operation === 'enable' ? 'enabled' : 'disabled');
		return { id, status: operation === 'enable' ? 0 : 1, statusName: `${operation}d` };
	}
	if (operation === 'delete') {
		await deleteEventPush(ctx, id);
		return { id, deleted: true };
	}
	throw new NodeOperationError(ctx.getNode(), `Unknown operation "${operation}"`, { itemIndex: i });
}
