import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { trtcFields, trtcOperations } from './descriptions';
import { runTrtcOperation } from './operations';
import { forEachItem } from '../shared/http';

export class TencentCloudRtc implements INodeType {
	// Stryker disable all: the description is data for the n8n editor (checked by lint and the dist test), not logic
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud TRTC',
		name: 'tencentCloudRtc',
		icon: { light: 'file:tencentCloudRtc.svg', dark: 'file:tencentCloudRtc.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Tencent Cloud TRTC (API 3.0): dismiss rooms, remove users, cloud recording tasks, room and user history',
		defaults: { name: 'Tencent Cloud TRTC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'tencentCloudApi', required: true },
			{
				// Only to generate the recording robot's UserSig (its SDKAppID and secret key).
				name: 'tencentCloudChatApi',
				required: true,
				displayOptions: {
					show: { resource: ['cloudRecording'], operation: ['start'], userSigSource: ['generate'] },
				},
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Cloud Recording', value: 'cloudRecording' },
					{ name: 'Room', value: 'room' },
					{ name: 'Usage History', value: 'usage' },
				],
				default: 'room',
			},
			...trtcOperations,
			{
				displayName: 'SDKAppID',
				name: 'sdkAppId',
				type: 'number',
				default: 0,
				required: true,
				description: 'The TRTC application ID (TRTC console → Applications)',
			},
			...trtcFields,
		],
	};
	// Stryker restore all

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await forEachItem(this, async (i) => await runTrtcOperation(this, i));
	}
}
