import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { RecordCallback } from './api';
import {
	canonicalEventType,
	getRecordCallback,
	JOB_ENDED,
	RECORDING_EVENTS,
	SUBSCRIBABLE_EVENTS,
	updateRecordCallback,
} from './api';
import { toItem } from './events';
import {
	callbackIdentity,
	checkWindow,
	DEFAULT_MAX_AGE_SECONDS,
	DEDUPE_WINDOW_MS,
	maxAgeSeconds,
	parseEvent,
	verifyCallback,
} from './HuaweiCloudSparkRtcTriggerHelpers';

/** The documented callback signature (kept exported here for existing imports). */
export { rtcCallbackSignature } from './HuaweiCloudSparkRtcTriggerHelpers';
import { randomSecret } from '../shared/crypto';
import { deliveryGuards, deliveryId } from '../shared/dedupe';
import { ensureNodeError, httpFailureOf } from '../shared/http';
import { subscriptionLifecycle } from '../shared/lifecycle';
import {
	answer,
	DELIVERY_WEBHOOK,
	answerRepeat,
	firstDelivery,
	replayWindowMs,
	readRawBody,
	reply,
	startExecution,
} from '../shared/webhook';
import { eventsProperty, filtersProperty } from '../shared/description';
import { passes, valueList } from '../shared/parameters';

/**
 * The subscription to send, and which event types start an execution. The job-ended event has no
 * subscription value: when it is wanted (or all events are), no list is sent, so that a SparkRTC that
 * filters deliveries by the list still sends it (the list is documented in answers only).
 */
function selected(events: string[]): { subscribe: string[]; accept: (event: string) => boolean } {
	const all = events.includes('*');
	const jobEnded = all || events.includes(JOB_ENDED);
	return {
		subscribe: jobEnded ? [] : Object.keys(SUBSCRIBABLE_EVENTS).filter((e) => events.includes(e)),
		accept: (event) => all || events.includes(canonicalEventType(event)),
	};
}

export class HuaweiCloudSparkRtcTrigger implements INodeType {
	// Stryker disable all: the description is data for the n8n editor (checked by lint and the dist test), not logic
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud SparkRTC Trigger',
		name: 'huaweiCloudSparkRtcTrigger',
		icon: { light: 'file:huaweiCloudSparkRtc.svg', dark: 'file:huaweiCloudSparkRtc.dark.svg' },
		group: ['trigger'],
		// 1.1: same behaviour; n8n then evaluates no expression per request (see README → Performance).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow on Huawei Cloud SparkRTC cloud-recording events: file started, file complete, job ended',
		defaults: { name: 'Huawei Cloud SparkRTC Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudApi', required: true }],
		webhooks: [{ ...DELIVERY_WEBHOOK }],
		properties: [
			{
				displayName:
					"Activating this workflow points the app's recording callback at this workflow (with a fresh auth key); deactivating restores the previous callback.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'App ID',
				name: 'appId',
				type: 'string',
				default: '',
				required: true,
				description: 'The SparkRTC application ID (console → Application Management)',
			},
			eventsProperty(RECORDING_EVENTS, ['RECORD_FILE_COMPLETE']),
			filtersProperty([
				{
					displayName: 'Room IDs',
					name: 'roomIds',
					placeholder: 'room01, room02',
					description:
						'Only recordings of these rooms (comma-separated). Others are answered as usual and start no execution.',
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
						displayName: 'Max Delivery Age (Seconds)',
						name: 'maxAgeSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_MAX_AGE_SECONDS,
						description:
							'Callbacks whose X-Rtc-Timestamp differs from now by more than this are refused. 0 turns the check off.',
					},
					{
						displayName: 'Replace Existing Callback',
						name: 'replaceExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether to take over a recording callback that points at another URL (it is restored on deactivation)',
					},
					{
						displayName: 'Send Event Subscription',
						name: 'sendSubscription',
						type: 'boolean',
						default: true,
						description:
							'Whether to send notify_event_subscription (the file events selected) when registering. It is documented in answers only; turn it off if SparkRTC rejects it. Never sent when Cloud Recording Job Ended is selected, which has no subscription value.',
					},
				],
			},
		],
	};
	// Stryker restore all

	webhookMethods = {
		default: subscriptionLifecycle<RecordCallback>({
			what: 'SparkRTC recording callback',
			receives: 'SparkRTC recording events',
			per: 'SparkRTC app',
			replaceOptionLabel: 'Replace Existing Callback',
			// The replaced callback is saved and put back exactly on deactivation.
			replaceRestores: true,
			async read(this: IHookFunctions) {
				const config = await getRecordCallback(this, appIdOf(this));
				return config.url ? config : undefined;
			},
			urlOf: (remote) => remote.url,
			isActive: (remote, state) =>
				typeof state.authKey === 'string' &&
				(remote.auth_key === undefined || remote.auth_key === state.authKey),
			async register(this: IHookFunctions, url, current, state) {
				const appId = appIdOf(this);
				const authKey = randomSecret(24);
				const { subscribe } = selected(this.getNodeParameter('events', []) as string[]);
				const send = this.getNodeParameter('options.sendSubscription', true) as boolean;
				await updateRecordCallback(this, appId, {
					url,
					authKey,
					events: send && subscribe.length ? subscribe : undefined,
				});
				// Saved for an exact restore on deactivation (unless the callback was already ours).
				if (current && current.url !== url) {
					state.previous = {
						url: current.url ?? '',
						auth_key: current.auth_key ?? '',
						notify_event_subscription: current.notify_event_subscription ?? null,
					};
				}
				state.authKey = authKey;
				state.appId = appId;
			},
			async unregister(this: IHookFunctions, state) {
				const appId = (state.appId as string | undefined) ?? appIdOf(this);
				const previous = state.previous as RecordCallback | undefined;
				if (previous?.url) {
					await updateRecordCallback(this, appId, {
						url: previous.url,
						authKey: previous.auth_key ?? '',
						events: previous.notify_event_subscription ?? undefined,
					});
					return;
				}
				// No previous callback: SparkRTC has no delete; clearing the URL may be refused.
				try {
					await updateRecordCallback(this, appId, { url: '', authKey: '' });
				} catch (error) {
					if (httpFailureOf(error).status !== 400) throw ensureNodeError(this.getNode(), error);
					this.logger.warn(
						'SparkRTC refused to clear the recording callback URL (it has no delete API); it still points at this inactive workflow. Change it in the SparkRTC console if needed.',
					);
				}
			},
		}),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const rawBody = await readRawBody(this);
		const windowSeconds = maxAgeSeconds(this);
		// Verify (over the raw bytes, before anything is parsed) and window.
		const refusal = verifyCallback(this, rawBody) ?? checkWindow(this, windowSeconds);
		if (refusal) return answer(this, refusal);
		const parsed = parseEvent(this, rawBody);
		if ('answer' in parsed) return answer(this, parsed.answer);
		const { event, body } = parsed;

		const { accept } = selected(this.getNodeParameter('events', []) as string[]);
		const rooms = valueList(this.getNodeParameter('filters.roomIds', ''));
		if (!accept(event.event_type) || !passes(rooms, event.room_id))
			return reply(this, 200, { status: 1, result: 'ignored' });
		const identity = callbackIdentity(event, rawBody);
		const guard = deliveryGuards.huaweiSparkRtc;
		if (
			!firstDelivery(this, guard, identity, replayWindowMs(windowSeconds * 1000, DEDUPE_WINDOW_MS))
		)
			return answerRepeat(this, guard, identity, () =>
				reply(this, 200, { status: 1, result: 'duplicate' }),
			);
		const item = { ...toItem(event, body), deliveryId: deliveryId(identity) };
		return startExecution(this, { status: 1, result: 'success' }, item);
	}
}

function appIdOf(ctx: IHookFunctions): string {
	const appId = (ctx.getNodeParameter('appId', '') as string).trim();
	if (!appId) throw new NodeOperationError(ctx.getNode(), 'Enter the SparkRTC App ID');
	return appId;
}
