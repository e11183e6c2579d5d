import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { RoomCallbackConfig } from './api';
import { deleteRoomCallback, getRoomCallback, setRoomCallback } from './api';
import { canonicalCommand, ROOM_COMMANDS, toItem } from './events';
import {
	DEFAULT_WINDOW_SECONDS,
	failure,
	parseCallback,
	REJECT,
	requestTimeWindowSeconds,
	verifyCallback,
} from './TencentCloudRoomTriggerHelpers';
import { bodyIdentity, deliveryGuards, deliveryId } from '../shared/dedupe';
import { ensureNodeError, providerCodeOf } from '../shared/http';
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
import { zodSummary } from '../shared/zod';

/** "After" callbacks are not retried by default; duplicates within this window are dropped. */
const DEDUPE_WINDOW_MS = 10 * 60_000;

export const ALL_COMMANDS = Object.keys(ROOM_COMMANDS);

/** The commands to register for the selection ("*" = all). */
export function selectedCommands(events: string[]): string[] {
	return events.includes('*') ? [...ALL_COMMANDS] : ALL_COMMANDS.filter((c) => events.includes(c));
}

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

/** Answers OK; with an item, n8n answers once the execution is stored. */
function ok(ctx: IWebhookFunctions, item?: IDataObject): IWebhookResponseData {
	return item ? startExecution(ctx, OK, item) : reply(ctx, 200, OK);
}

function sameCommands(a: string[], b: string[]): boolean {
	return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

export class TencentCloudRoomTrigger implements INodeType {
	// Stryker disable all: the description is data for the n8n editor (checked by lint and the dist test), not logic
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud Room Trigger',
		name: 'tencentCloudRoomTrigger',
		icon: { light: 'file:tencentCloudRoom.svg', dark: 'file:tencentCloudRoom.dark.svg' },
		group: ['trigger'],
		// 1.1: same behaviour; n8n then evaluates no expression per request (see README → Performance).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow on Tencent Cloud Chat / TUIRoomKit room callbacks: rooms created, updated, destroyed, members entering and leaving, seats changing',
		defaults: { name: 'Tencent Cloud Room Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudChatApi', required: true }],
		webhooks: [{ ...DELIVERY_WEBHOOK }],
		properties: [
			{
				displayName:
					"Activating this workflow sets the app's Room callback URL (one per SDKAppID) to this workflow's production URL through the REST API (room_config).",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			eventsProperty(ROOM_COMMANDS, ['Room.CallbackAfterUpdateRoomInfo']),
			filtersProperty([
				{
					displayName: 'Room IDs',
					name: 'roomIds',
					placeholder: 'room-1, room-2',
					description:
						'Only callbacks about these rooms (comma-separated). Others are answered OK as usual and start no execution.',
				},
				{
					displayName: 'Operators',
					name: 'operators',
					placeholder: 'administrator, bob',
					description:
						'Only callbacks caused by one of these accounts (Operator_Account; comma-separated). Callbacks that name no operator are left out when this is set.',
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
						displayName: 'Replace Existing Callback',
						name: 'replaceExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether to replace a Room callback configuration that points at another URL. It is restored when this workflow is deactivated.',
					},
					{
						displayName: 'Request Time Window (Seconds)',
						name: 'requestTimeWindow',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_WINDOW_SECONDS,
						description:
							'Callbacks whose RequestTime differs from now by more than this are refused',
					},
					{
						displayName: 'Verify Sign',
						name: 'verifySign',
						type: 'boolean',
						default: true,
						description:
							"Whether to check Sign = SHA-256(token + RequestTime) when the credential has a callback token. Turn off only if Tencent's Sign does not match the documented formula for your app.",
					},
				],
			},
		],
	};
	// Stryker restore all

	webhookMethods = {
		default: subscriptionLifecycle<RoomCallbackConfig>({
			what: 'Tencent Cloud Room callback',
			receives: 'Tencent Cloud Room callbacks',
			per: 'SDKAppID',
			replaceOptionLabel: 'Replace Existing Callback',
			// The replaced callback is saved and put back exactly on deactivation.
			replaceRestores: true,
			async read(this: IHookFunctions) {
				return await getRoomCallback(this);
			},
			urlOf: (remote) => remote.Url,
			isActive(this: IHookFunctions, remote) {
				const events = this.getNodeParameter('events', []) as string[];
				return sameCommands(
					remote.CallbackCommandList.map(canonicalCommand),
					selectedCommands(events),
				);
			},
			async register(this: IHookFunctions, url, current, state) {
				const commands = selectedCommands(this.getNodeParameter('events', []) as string[]);
				if (current && current.Url !== url) {
					state.previous = { Url: current.Url, CallbackCommandList: current.CallbackCommandList };
				}
				try {
					await setRoomCallback(this, current !== undefined, url, commands);
				} catch (error) {
					// Created by someone else between our read and write: update instead.
					if (providerCodeOf(error) !== '100300') {
						throw ensureNodeError(this.getNode(), error);
					}
					await setRoomCallback(this, true, url, commands);
				}
				state.commands = commands;
			},
			async unregister(this: IHookFunctions, state) {
				const previous = state.previous as RoomCallbackConfig | undefined;
				if (previous?.Url)
					await setRoomCallback(this, true, previous.Url, previous.CallbackCommandList ?? []);
				else await deleteRoomCallback(this);
			},
		}),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const query = this.getQueryData() as Record<string, string | undefined>;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		// Verify and window: SdkAppid, Sign and RequestTime, all in the query.
		const verified = await verifyCallback(this, query, options);
		if ('rejection' in verified)
			return answer(this, failure(verified.rejection.code, verified.rejection.info));
		const rawBody = await readRawBody(this);
		const parsed = parseCallback(query, rawBody);
		if ('answer' in parsed) return answer(this, parsed.answer);
		const { command, body } = parsed;

		const events = this.getNodeParameter('events', []) as string[];
		const knownCommand = ALL_COMMANDS.includes(canonicalCommand(command));
		const wantsAll = events.includes('*');
		if (
			!selectedCommands(events).includes(canonicalCommand(command)) &&
			!(wantsAll && !knownCommand)
		)
			return ok(this);
		let item: IDataObject;
		try {
			item = toItem(command, body, {
				sdkAppId: verified.sdkAppId,
				clientIp: query.ClientIP,
				optPlatform: query.OptPlatform,
			});
		} catch (error) {
			return answer(this, failure(REJECT.badBody, `Invalid ${command} body: ${zodSummary(error)}`));
		}
		// Tencent callbacks carry no ID: a repeated callback is the same body.
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		if (
			!passes(valueList(filters.roomIds), item.roomId) ||
			!passes(valueList(filters.operators), item.operatorAccount)
		)
			return ok(this);
		const identity = bodyIdentity(rawBody);
		const windowMs = requestTimeWindowSeconds(options) * 1000;
		const guard = deliveryGuards.tencentRoom;
		if (!firstDelivery(this, guard, identity, replayWindowMs(windowMs, DEDUPE_WINDOW_MS)))
			return answerRepeat(this, guard, identity, () => ok(this));
		item.deliveryId = deliveryId(identity);
		return ok(this, item);
	}
}
