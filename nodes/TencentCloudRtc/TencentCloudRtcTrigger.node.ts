import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toItem } from './callback';
import { eventOptions, groupName, eventName, selected } from './events';
import {
	callbackIdentity,
	checkWindow,
	CREDENTIAL_TYPE,
	DEDUPE_FLOOR_MS,
	DEFAULT_WINDOW_SECONDS,
	OK,
	parseCallback,
	testCallbackCredential,
	verifyCallback,
	windowSeconds,
} from './TencentCloudRtcTriggerHelpers';
import { deliveryGuards, deliveryId } from '../shared/dedupe';
import { eventsProperty, filtersProperty } from '../shared/description';
import { passes, valueList } from '../shared/parameters';
import {
	answer,
	answerRepeat,
	DELIVERY_WEBHOOK,
	firstDelivery,
	readRawBody,
	replayWindowMs,
	reply,
	startExecution,
} from '../shared/webhook';

export class TencentCloudRtcTrigger implements INodeType {
	// Stryker disable all: the description is data for the n8n editor (checked by lint and the dist test), not logic
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud TRTC Trigger',
		name: 'tencentCloudRtcTrigger',
		icon: { light: 'file:tencentCloudRtc.svg', dark: 'file:tencentCloudRtc.dark.svg' },
		group: ['trigger'],
		// 1 and 1.1 behave the same; new nodes get 1.1, because n8n evaluates an expression on every
		// request to a typeVersion-1 start node (its binaryData option), which costs an isolate.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow on Tencent RTC (TRTC) event callbacks: rooms, users entering and leaving, audio and video, cloud recording files',
		defaults: { name: 'Tencent Cloud TRTC Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'tencentRtcCallbackApi', required: true, testedBy: 'tencentRtcCallbackTest' },
		],
		webhooks: [{ ...DELIVERY_WEBHOOK }],
		properties: [
			{
				displayName:
					"TRTC has no API for callback settings: copy this node's Production URL (above) into the TRTC console → Applications → your app → Callback configuration, as the room, media and recording callback URL (the same URL serves all three), and set a callback key there and in the credential. Without a key, anyone who knows the URL can start this workflow.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			eventsProperty(eventOptions(), ['room.userEntered']),
			filtersProperty([
				{
					displayName: 'Room IDs',
					name: 'roomIds',
					placeholder: '12345, room-a',
					description:
						'Only callbacks about these rooms (comma-separated). Others are answered as usual and start no execution.',
				},
				{
					displayName: 'User IDs',
					name: 'userIds',
					placeholder: 'alice, bob',
					description:
						'Only callbacks about these users (UserId; for recordings, the recording robot; comma-separated). Callbacks that name no user are left out when this is set.',
				},
			]),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Time Window (Seconds)',
						name: 'timeWindow',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_WINDOW_SECONDS,
						description:
							'Callbacks whose CallbackTs differs from now by more than this are refused (Tencent retries for one minute). 0 turns the check off.',
					},
				],
			},
		],
	};
	// Stryker restore all

	methods = {
		credentialTest: {
			async tencentRtcCallbackTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return testCallbackCredential(credential);
			},
		},
	};

	/** Nothing to register (TRTC callbacks are set in the console); activation only warns about a missing key. */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const credentials = await this.getCredentials(CREDENTIAL_TYPE);
				if (!credentials.callbackSecret)
					this.logger.warn(
						'Tencent Cloud TRTC Trigger: the credential has no callback key, so callbacks are not authenticated. Set one in the TRTC console and in the credential.',
					);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const rawBody = await readRawBody(this);
		// Verify (over the raw bytes, before anything is parsed), parse, window.
		const verified = await verifyCallback(this, rawBody);
		if ('answer' in verified) return answer(this, verified.answer);
		const parsed = parseCallback(rawBody);
		if ('answer' in parsed) return answer(this, parsed.answer);
		const { callback, body } = parsed;
		const seconds = windowSeconds(this);
		const stale = checkWindow(callback, seconds);
		if (stale) return answer(this, stale);

		const group = groupName(callback.EventGroupId);
		const event = eventName(callback.EventGroupId, callback.EventType);
		const events = this.getNodeParameter('events', []) as string[];
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		if (
			!selected(events, group, event) ||
			!passes(valueList(filters.roomIds), callback.EventInfo.RoomId) ||
			!passes(valueList(filters.userIds), callback.EventInfo.UserId)
		)
			return reply(this, 200, OK);
		// Tencent's callbacks carry no ID: a retry is the same event of the same room, user and task.
		const identity = callbackIdentity(verified.sdkAppId, callback);
		const guard = deliveryGuards.tencentRtc;
		if (!firstDelivery(this, guard, identity, replayWindowMs(seconds * 1000, DEDUPE_FLOOR_MS)))
			return answerRepeat(this, guard, identity, () => reply(this, 200, OK));
		const item = { ...toItem(callback, body, verified.sdkAppId), deliveryId: deliveryId(identity) };
		return startExecution(this, OK, item);
	}
}
