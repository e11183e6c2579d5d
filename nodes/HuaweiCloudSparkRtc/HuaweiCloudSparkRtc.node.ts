import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { describeCallback, getRecordCallback, SUBSCRIBABLE_EVENTS, updateRecordCallback } from './api';
import { forEachItem } from '../shared/http';

const updateOnly = { show: { resource: ['recordCallback'], operation: ['update'] } };

export class HuaweiCloudSparkRtc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud SparkRTC',
		name: 'huaweiCloudSparkRtc',
		icon: { light: 'file:huaweiCloudSparkRtc.svg', dark: 'file:huaweiCloudSparkRtc.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Read and set a Huawei Cloud SparkRTC app's recording-event callback",
		defaults: { name: 'Huawei Cloud SparkRTC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Recording Callback', value: 'recordCallback' }],
				default: 'recordCallback',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['recordCallback'] } },
				options: [
					{
						name: 'Get',
						value: 'get',
						description: 'Get the recording callback configuration',
						action: 'Get the recording callback',
					},
					{
						name: 'Update',
						value: 'update',
						description: 'Set the callback URL, auth key and subscribed events (SparkRTC has no delete)',
						action: 'Update the recording callback',
					},
				],
				default: 'get',
			},
			{
				displayName: 'App ID',
				name: 'appId',
				type: 'string',
				default: '',
				required: true,
				displayOptions: { show: { resource: ['recordCallback'] } },
			},
			{
				displayName: 'Callback URL',
				name: 'url',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://example.com/recording',
				description: 'Must start with http:// or https:// and accept POST',
				displayOptions: updateOnly,
			},
			{
				displayName: 'Auth Key',
				name: 'authKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'32 to 64 characters; SparkRTC signs callbacks with it (X-Rtc-Signature). Empty = callbacks are not signed.',
				displayOptions: updateOnly,
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: ['RECORD_NEW_FILE_START', 'RECORD_FILE_COMPLETE'],
				options: Object.entries(SUBSCRIBABLE_EVENTS).map(([value, name]) => ({ name, value, description: value })),
				description: 'Sent as notify_event_subscription; leave empty to not send the field',
				displayOptions: updateOnly,
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await forEachItem(this, async (i) => await runOperation(this, i));
	}
}

async function runOperation(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const operation = ctx.getNodeParameter('operation', i) as string;
	const appId = (ctx.getNodeParameter('appId', i) as string).trim();
	if (!appId) throw new NodeOperationError(ctx.getNode(), 'Enter the SparkRTC App ID', { itemIndex: i });
	if (operation === 'get') return describeCallback(appId, await getRecordCallback(ctx, appId));
	if (operation !== 'update') throw new NodeOperationError(ctx.getNode(), `Unknown operation "${operation}"`, { itemIndex: i });
	const url = (ctx.getNodeParameter('url', i) as string).trim();
	if (!/^https?:\/\//i.test(url)) {
		throw new NodeOperationError(ctx.getNode(), 'The callback URL must start with http:// or https://', { itemIndex: i });
	}
	const authKey = ctx.getNodeParameter('authKey', i, '') as string;
	if (authKey && (authKey.length < 32 || authKey.length > 64)) {
		throw new NodeOperationError(ctx.getNode(), 'The auth key must be 32 to 64 characters long', { itemIndex: i });
	}
	const events = ctx.getNodeParameter('events', i, []) as string[];
	const saved = await updateRecordCallback(ctx, appId, { url, authKey, events: events.length ? events : undefined });
	return describeCallback(appId, saved);
}
