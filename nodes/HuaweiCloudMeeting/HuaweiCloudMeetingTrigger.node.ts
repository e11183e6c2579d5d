import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { EventPushConfig } from './api';
import {
	changeEventPushStatus,
	checkPushUrl,
	createEventPush,
	deleteEventPush,
	EVENT_PUSH_STATUS,
	getEventPush,
} from './api';
import { MEETING_EVENTS, toItem, withMeetingDetails } from './events';
import {
	checkWindow,
	DEFAULT_MAX_AGE_MINUTES,
	deliveryIdentity,
	detailsSelected,
	maxAgeMs,
	meetingFilters,
	meetingSelected,
	needsDetails,
	parseEnvelope,
	pendingKeys,
	verifyDelivery,
} from './HuaweiCloudMeetingTriggerHelpers';
import {
	DEFAULT_DETAILS_TIMEOUT_SECONDS,
	resolveMeetingDetails,
	resolveRecordingFiles,
} from './meetingDetails';
import { readScope, scopeFields } from './shared-fields';
import { randomSecret } from '../shared/crypto';
import { deliveryGuards, deliveryId } from '../shared/dedupe';
import { ensureNodeError } from '../shared/http';
import { subscriptionLifecycle } from '../shared/lifecycle';
import {
	answer,
	answerRepeat,
	DELIVERY_WEBHOOK,
	firstDelivery,
	replayWindowMs,
	nodeScope,
	readRawBody,
	reply,
	startExecution,
} from '../shared/webhook';
import { eventsProperty, filtersProperty } from '../shared/description';
import { zodSummary } from '../shared/zod';

export class HuaweiCloudMeetingTrigger implements INodeType {
	// Stryker disable all: the description is data for the n8n editor (checked by lint and the dist test), not logic
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud Meeting Trigger',
		name: 'huaweiCloudMeetingTrigger',
		icon: { light: 'file:huaweiCloudMeeting.svg', dark: 'file:huaweiCloudMeeting.dark.svg' },
		group: ['trigger'],
		// 1.1: same behaviour; n8n then evaluates no expression per request (see README → Performance).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow on Huawei Cloud Meeting events: meetings started, ended, scheduled, participants joining and leaving, recordings finished',
		defaults: { name: 'Huawei Cloud Meeting Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudMeetingApi', required: true }],
		webhooks: [{ ...DELIVERY_WEBHOOK }],
		properties: [
			{
				displayName:
					'Activating this workflow registers its production URL as the enterprise event-push address. Huawei only delivers to HTTPS URLs: n8n must be reachable over HTTPS (set WEBHOOK_URL).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...scopeFields(),
			eventsProperty(MEETING_EVENTS, ['meeting.started']),
			filtersProperty([
				{
					displayName: 'Meeting IDs',
					name: 'meetingIds',
					placeholder: '987446316, 900487914',
					description:
						'Only these meetings (meeting IDs or UUIDs, comma-separated). Others are answered as usual and start no execution.',
				},
				{
					displayName: 'Hosts',
					name: 'hosts',
					placeholder: 'Tom, Ann',
					description:
						"Only meetings hosted by one of these (the host's name as Huawei shows it, or the host's user UUID; comma-separated; not case-sensitive). Needs Resolve Meeting Details. A meeting whose details could not be read passes.",
				},
				{
					displayName: 'Subject Contains',
					name: 'subjectContains',
					placeholder: 'planning',
					description:
						'Only meetings whose subject contains this text (not case-sensitive). Needs Resolve Meeting Details. A meeting whose details could not be read passes.',
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
						displayName: 'Allow HTTP Webhook URL',
						name: 'allowHttpUrl',
						type: 'boolean',
						default: false,
						description:
							'Whether to register a plain-HTTP URL. Huawei requires HTTPS; use only with a proxy or a local simulator.',
					},
					{
						displayName: 'Include Download Links',
						name: 'includeDownloadLinks',
						type: 'boolean',
						default: false,
						description:
							'Whether Cloud Recording Finished items carry the recording files (type, download URL and its token; each link is valid for one hour and one download). Read before the execution starts, within the Meeting Details Timeout; when they cannot be read the item says why in recordingFilesError.',
					},
					{
						displayName: 'Include Host Link and Password',
						name: 'includeHostSecrets',
						type: 'boolean',
						default: false,
						description:
							'Whether the meeting details (Resolve Meeting Details) include the host (chair) join link and the host password. Anyone who has them can run the meeting as its host, so they are left out unless you need them.',
					},
					{
						displayName: 'Max Delivery Age (Minutes)',
						name: 'maxAgeMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_MAX_AGE_MINUTES,
						description:
							'Deliveries whose signed timestamp is older than this are refused. Huawei retries for up to 24 hours. 0 turns the check off.',
					},
					{
						displayName: 'Meeting Details Timeout (Seconds)',
						name: 'detailsTimeoutSeconds',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 60 },
						default: DEFAULT_DETAILS_TIMEOUT_SECONDS,
						description:
							'How long to wait for the meeting details. When they do not come in time, the event is still emitted, with meeting set to null and meetingDetailsError saying why.',
					},
					{
						displayName: 'Replace Existing Subscription',
						name: 'replaceExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether to replace an event-push configuration that points at another URL. It is deleted, not restored, when this workflow is deactivated.',
					},
					{
						displayName: 'Resolve Meeting Details',
						name: 'resolveMeetingDetails',
						type: 'boolean',
						default: true,
						description:
							"Whether to add the meeting's subject, host, times, state and guest link to each item (one Huawei API call per meeting, made before n8n stores the execution and answers Huawei; bursts for one meeting share it)",
					},
					{
						displayName: 'Subscriber ID',
						name: 'subscriberId',
						type: 'string',
						default: '',
						description:
							'Subscriber ID to register (sent back as appID in every push). Leave empty to generate one.',
					},
				],
			},
		],
	};
	// Stryker restore all

	webhookMethods = {
		default: subscriptionLifecycle<EventPushConfig>({
			what: 'Huawei Cloud Meeting event push',
			receives: 'Huawei Cloud Meeting events',
			per: 'enterprise or app',
			replaceOptionLabel: 'Replace Existing Subscription',
			// Replacing deletes the other configuration for good: nothing to restore.
			replaceRestores: false,
			async read(this: IHookFunctions) {
				return await getEventPush(this, readScope(this));
			},
			urlOf: (remote) => remote.url,
			isActive: (remote, state) =>
				Number(remote.status) === EVENT_PUSH_STATUS.enabled &&
				remote.id === state.configId &&
				typeof state.subscriberKey === 'string',
			async register(this: IHookFunctions, url, current, state) {
				const details = this.getNodeParameter('options.resolveMeetingDetails', true) as boolean;
				if (
					!details &&
					needsDetails(meetingFilters(this.getNodeParameter('filters', {}) as IDataObject))
				) {
					throw new NodeOperationError(
						this.getNode(),
						'The Hosts and Subject Contains filters need the meeting details',
						{ description: 'Turn on Resolve Meeting Details, or filter by Meeting IDs only.' },
					);
				}
				const allowHttp = this.getNodeParameter('options.allowHttpUrl', false) as boolean;
				const urlProblem = checkPushUrl(url, allowHttp);
				if (urlProblem) {
					throw new NodeOperationError(this.getNode(), urlProblem, {
						description:
							'Make n8n reachable over HTTPS and set its WEBHOOK_URL accordingly, or turn on "Allow HTTP Webhook URL" for a proxy or simulator.',
					});
				}
				const scope = readScope(this);
				if (current) await deleteEventPush(this, current.id);
				const subscriberId =
					((this.getNodeParameter('options.subscriberId', '') as string) || '').trim() ||
					`n8n${randomSecret(8)}`;
				const key = randomSecret(24);
				pendingKeys.set(url, { subscriberId, key });
				let created: EventPushConfig | undefined;
				try {
					await createEventPush(this, scope, subscriberId, key, url);
					// Only a configuration listed with this URL is ours (to enable, or to remove on failure).
					const listed = await getEventPush(this, scope);
					if (listed?.url !== url) {
						throw new NodeOperationError(
							this.getNode(),
							'Huawei Cloud Meeting accepted the event-push configuration but does not return it',
						);
					}
					created = listed;
					await changeEventPushStatus(this, created.id, 'enabled');
				} catch (error) {
					if (created) await deleteEventPush(this, created.id).catch(() => undefined);
					throw ensureNodeError(this.getNode(), error);
				} finally {
					pendingKeys.delete(url);
				}
				Object.assign(state, { configId: created.id, subscriberId, subscriberKey: key });
			},
			async unregister(this: IHookFunctions, state, current) {
				const id = (state.configId as string | undefined) ?? current?.id;
				if (!id) return;
				await changeEventPushStatus(this, id, 'disabled');
				await deleteEventPush(this, id);
			},
		}),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const rawBody = await readRawBody(this);
		const parsed = parseEnvelope(rawBody);
		if ('answer' in parsed) return answer(this, parsed.answer);
		const { envelope, body } = parsed;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const now = Date.now();
		const windowMs = maxAgeMs(options);
		// Verify (and answer the meeting.verify handshake) and window.
		const refusal = verifyDelivery(this, envelope, rawBody) ?? checkWindow(envelope, windowMs, now);
		if (refusal) return answer(this, refusal);

		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes('*') && !events.includes(envelope.eventInfo.event)) {
			return reply(this, 200, { message: 'Event not selected in this trigger; ignored' });
		}
		let item: IDataObject;
		try {
			item = toItem(envelope, body);
		} catch (error) {
			return reply(this, 400, {
				error: `Invalid ${envelope.eventInfo.event} payload: ${zodSummary(error)}`,
			});
		}
		const filters = meetingFilters(this.getNodeParameter('filters', {}) as IDataObject);
		if (!meetingSelected(filters, item)) return reply(this, 200, FILTERED_OUT);

		const identity = deliveryIdentity(envelope);
		const guard = deliveryGuards.huaweiMeeting;
		// Remembered while a replay would pass the age check (and at least the default window).
		const dedupeMs = replayWindowMs(windowMs, DEFAULT_MAX_AGE_MINUTES * 60_000);
		if (!firstDelivery(this, guard, identity, dedupeMs, now)) {
			return answerRepeat(this, guard, identity, () =>
				reply(this, 200, { message: 'Duplicate delivery ignored' }),
			);
		}
		item.deliveryId = deliveryId(identity);
		// Details and files are read before the execution starts; n8n answers once it has stored it.
		if (options.resolveMeetingDetails !== false) item = await withDetails(this, item, options);
		if (!detailsSelected(filters, item.meeting)) return reply(this, 200, FILTERED_OUT);
		if (options.includeDownloadLinks === true && item.event === 'record.finish')
			item = await withRecordingFiles(this, item, options);
		return startExecution(this, { message: 'Event received' }, item);
	}
}

const FILTERED_OUT = { message: "Meeting not selected by this trigger's filters; ignored" };

/** The time allowed for a lookup made while Huawei waits (details, recording files). */
function lookupTimeoutMs(options: IDataObject): number {
	return Number(options.detailsTimeoutSeconds ?? DEFAULT_DETAILS_TIMEOUT_SECONDS) * 1000;
}

/** The item with the recording's files (or recordingFiles: null and why). */
async function withRecordingFiles(
	ctx: IWebhookFunctions,
	item: IDataObject,
	options: IDataObject,
): Promise<IDataObject> {
	const files = await resolveRecordingFiles(
		ctx,
		String(item.meetingUuid ?? ''),
		lookupTimeoutMs(options),
	);
	return { ...item, ...files };
}

/** The item with the meeting's details (or meeting: null and why). */
async function withDetails(
	ctx: IWebhookFunctions,
	item: IDataObject,
	options: IDataObject,
): Promise<IDataObject> {
	const details = await resolveMeetingDetails(
		ctx,
		nodeScope(ctx),
		String(item.event),
		String(item.meetingId ?? ''),
		String(item.meetingUuid ?? ''),
		{
			timeoutMs: lookupTimeoutMs(options),
			includeHostSecrets: options.includeHostSecrets === true,
		},
	);
	return withMeetingDetails(item, details);
}
