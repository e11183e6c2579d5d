import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	describeCallback,
	getRecordCallback,
	SUBSCRIBABLE_EVENTS,
	updateRecordCallback,
} from './api';
import { rtcFields, rtcOperations } from './descriptions';
import { runRtcOperation } from './operations';
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
		description:
			"Huawei Cloud SparkRTC recording jobs, record rules, auto-record mode, room control and the app's recording callback",
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
				options: [
					{ name: 'Auto Record', value: 'autoRecord' },
					{ name: 'Individual Recording', value: 'individualRecording' },
					{ name: 'Mixed Recording', value: 'mixedRecording' },
					{ name: 'Record Rule', value: 'recordRule' },
					{ name: 'Recording Callback', value: 'recordCallback' },
					{ name: 'Room', value: 'room' },
				],
				// Saved workflows omit default values: the first version's only resource stays the default.
				default: 'recordCallback',
			},
			...rtcOperations,
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
						description:
							'Set the callback URL, auth key and subscribed events (SparkRTC has no delete)',
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
			},
			...rtcFields,
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
				options: Object.entries(SUBSCRIBABLE_EVENTS).map(([value, name]) => ({
					name,
					value,
					description: value,
				})),
				description: 'Sent as notify_event_subscription; leave empty to not send the field',
				displayOptions: updateOnly,
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await forEachItem(this, async (i) => await runOperation(this, i));
	}
}

async function runOperation(
	ctx: IExecuteFunctions,
	i: number,
): Promise<IDataObject | IDataObject[]> {
	const resource = ctx.getNodeParameter('resource', i) as string;
	const operation = ctx.getNodeParameter('operation', i) as string;
	const appId = (ctx.getNodeParameter('appId', i) as string).trim();
	if (!appId)
		throw new NodeOperationError(ctx.getNode(), 'Enter the SparkRTC App ID', { itemIndex: i });
	if (resource !== 'recordCallback')
		return await runRtcOperation(ctx, i, resource, operation, appId);
	if (operation === 'get') return describeCallback(appId, await getRecordCallback(ctx, appId));
	if (operation !== 'update')
		throw new NodeOperationError(ctx.getNode(), `Unknown operation "${operation}"`, {
			itemIndex: i,
		});
	const url = (ctx.getNodeParameter('url', i) as string).trim();
	if (!/^https?:\/\//i.test(url)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'The callback URL must start with http:// or https://',
			{ itemIndex: i },
		);
	}
	const authKey = ctx.getNodeParameter('authKey', i, '') as string;
	if (authKey && (authKey.length < 32 || authKey.length > 64)) {
		throw new NodeOperationError(ctx.getNode(), 'The auth key must be 32 to 64 characters long', {
			itemIndex: i,
		});
	}
	const events = ctx.getNodeParameter('events', i, []) as string[];
	const saved = await updateRecordCallback(ctx, appId, {
		url,
		authKey,
		events: events.length ? events : undefined,
	});
	return describeCallback(appId, saved);
}
