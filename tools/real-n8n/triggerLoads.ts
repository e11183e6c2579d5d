/**
 * Loads for the webhook triggers in a real n8n (the crash suite): the three provider simulators,
 * one workflow per trigger case activated through n8n's REST API, and for each case a generator of
 * distinct, correctly signed deliveries as the provider sends them. Loopback only.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { HuaweiMeetingSimulator, signedPush } from '../../test/simulator/huaweiMeeting';
import { HuaweiSparkRtcSimulator } from '../../test/simulator/huaweiSparkRtc';
import { callbackQuery, TencentRoomSimulator } from '../../test/simulator/tencentRoom';
import { trtcBody, trtcEvent, trtcSign } from '../../test/simulator/tencentRtcCallbacks';
import type { N8nRest } from './host';
import { waitFor } from './host';

/** One delivery as the provider sends it (sent again byte for byte when the provider retries). */
export interface Delivery {
	/** A string unique to this delivery, found in the execution's stored data. */
	marker: string;
	body: string;
	headers: Record<string, string>;
	/** Query string (with its `?`), Tencent only. */
	query?: string;
}

export interface TriggerCase {
	label: string;
	/** Huawei cases: the enterprise whose event push the trigger registered. */
	corpId?: string;
	workflowId: string;
	/** The production webhook URL without a query string. */
	url: string;
	/** The i-th distinct delivery (i < 1,000,000). */
	delivery: (i: number) => Delivery;
}

export type CaseName =
	| 'huaweiDetails'
	| 'huaweiNoDetails'
	| 'sparkRtc'
	| 'tencentRoom'
	| 'tencentRtc';

const SDK_APP_ID = 1400000077;
const RTC_AK = 'CRASHAK0000000000001';

export class TriggerSimulators {
	readonly meeting = new HuaweiMeetingSimulator();
	readonly rtc = new HuaweiSparkRtcSimulator();
	readonly rtcSk = randomBytes(20).toString('hex');
	readonly tencentKey = randomBytes(32).toString('hex');
	readonly tencent = new TencentRoomSimulator(SDK_APP_ID, this.tencentKey);
	readonly meetingAppKey = randomBytes(16).toString('hex');
	readonly callbackToken = randomBytes(16).toString('hex');
	/** TRTC has no API for its callback settings: the key is the one entered in its console. */
	readonly trtcKey = randomBytes(16).toString('hex');

	async start(): Promise<this> {
		this.meeting.apps.set('load-app', { appKey: this.meetingAppKey });
		this.rtc.accessKeys.set(RTC_AK, { secretKey: this.rtcSk });
		await Promise.all([this.meeting.start(), this.rtc.start(), this.tencent.start()]);
		return this;
	}

	async stop(): Promise<void> {
		await Promise.all([this.meeting.stop(), this.rtc.stop(), this.tencent.stop()]);
	}
}

/** A meeting the Huawei simulator knows (its details are looked up by the trigger). */
export function meetingInfoOf(i: number) {
	return {
		meetingID: String(100000000 + i),
		meetingUUID: createHash('md5').update(`load-${i}`).digest('hex'),
	};
}

const pad = (i: number) => String(i).padStart(6, '0');
const hmacHex = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');

/**
 * Creates and activates one workflow per case (trigger only, typeVersion 1.1, all other options on
 * their defaults) and waits until each is registered with its simulator.
 */
export async function createTriggerCases(
	rest: N8nRest,
	line: number,
	baseUrl: string,
	sims: TriggerSimulators,
	tag: string,
	names: CaseName[],
	/** Parameters to set on a case's trigger (e.g. events, filters), over its defaults. */
	overrides: Partial<Record<CaseName, IDataObject>> = {},
): Promise<TriggerCase[]> {
	const meetingCred = await rest.createCredential(`${tag} meeting`, 'huaweiCloudMeetingApi', {
		authType: 'appId',
		appId: 'load-app',
		appSecret: sims.meetingAppKey,
		region: 'custom',
		customBaseUrl: sims.meeting.baseUrl,
	});
	const rtcCred = await rest.createCredential(`${tag} rtc`, 'huaweiCloudApi', {
		authType: 'akSk',
		accessKey: RTC_AK,
		secretKey: sims.rtcSk,
		projectId: '0123456789abcdef0123456789abcdef',
		rtcEndpoint: sims.rtc.baseUrl,
		iamEndpoint: sims.rtc.baseUrl,
	});
	const tencentCred = await rest.createCredential(`${tag} tencent`, 'tencentCloudChatApi', {
		sdkAppId: SDK_APP_ID,
		secretKey: sims.tencentKey,
		adminAccount: 'administrator',
		region: 'custom',
		customBaseUrl: sims.tencent.baseUrl,
		callbackToken: sims.callbackToken,
		userSigExpire: 86400,
	});
	const trtcCred = await rest.createCredential(`${tag} trtc`, 'tencentRtcCallbackApi', {
		sdkAppId: SDK_APP_ID,
		callbackSecret: sims.trtcKey,
	});
	const credentials = {
		tencentCloudRtcTrigger: { tencentRtcCallbackApi: { id: trtcCred.id, name: 'c' } },
		huaweiCloudMeetingTrigger: { huaweiCloudMeetingApi: { id: meetingCred.id, name: 'm' } },
		huaweiCloudSparkRtcTrigger: { huaweiCloudApi: { id: rtcCred.id, name: 'r' } },
		tencentCloudRoomTrigger: { tencentCloudChatApi: { id: tencentCred.id, name: 't' } },
	};
	const json = () => ({ 'content-type': 'application/json' });
	const cases: TriggerCase[] = [];
	for (const [n, name] of names.entries()) {
		const webhookId = createHash('md5').update(`${tag}-${name}`).digest('hex');
		const webhookUuid = `${webhookId.slice(0, 8)}-${webhookId.slice(8, 12)}-4${webhookId.slice(13, 16)}-8${webhookId.slice(17, 20)}-${webhookId.slice(20, 32)}`;
		const corpId = `${tag}-corp-${n}`;
		const rtcApp = `${tag}-rtc-${n}`;
		let type: keyof typeof credentials;
		let parameters: IDataObject;
		if (name === 'huaweiDetails' || name === 'huaweiNoDetails') {
			type = 'huaweiCloudMeetingTrigger';
			parameters = {
				scope: 'enterprise',
				corpId,
				events: ['meeting.started'],
				options: {
					allowHttpUrl: true,
					...(name === 'huaweiNoDetails' ? { resolveMeetingDetails: false } : {}),
				},
			};
		} else if (name === 'sparkRtc') {
			type = 'huaweiCloudSparkRtcTrigger';
			sims.rtc.apps.set(rtcApp, {});
			parameters = { appId: rtcApp, events: ['*'], options: {} };
		} else if (name === 'tencentRtc') {
			type = 'tencentCloudRtcTrigger';
			parameters = { events: ['*'], options: {} };
		} else {
			type = 'tencentCloudRoomTrigger';
			parameters = { events: ['*'], options: { replaceExisting: true } };
		}
		parameters = { ...parameters, ...(overrides[name] ?? {}) };
		const created = await rest.createWorkflow({
			name: `${tag} ${name}`,
			nodes: [
				{
					id: webhookId.slice(0, 8),
					name: 'Trigger',
					type: `n8n-nodes-meeting-events.${type}`,
					typeVersion: 1.1,
					position: [0, 0],
					webhookId: webhookUuid,
					parameters,
					credentials: credentials[type],
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		await rest.setActive(line, created.id, true);
		const url = `${baseUrl}/webhook/${webhookUuid}/webhook`;
		const marker = (i: number) => `cx${n}-${pad(i)}`;
		let delivery: (i: number) => Delivery;
		if (type === 'huaweiCloudMeetingTrigger') {
			const config = await waitFor(
				`Huawei registration (${name})`,
				() => sims.meeting.activeConfig(corpId),
				120_000,
			);
			delivery = (i) => {
				const info = meetingInfoOf(i);
				sims.meeting.meetings.add({ conferenceID: info.meetingID, confUUID: info.meetingUUID });
				const now = Date.now();
				const eventInfo = {
					event: 'meeting.started',
					timestamp: now,
					payload: { meetingInfo: info },
				};
				return {
					marker: marker(i),
					body: signedPush(config.subscriberId, config.subscriberKey, eventInfo, marker(i), now),
					headers: json(),
				};
			};
		} else if (type === 'huaweiCloudSparkRtcTrigger') {
			const key = await waitFor(
				'SparkRTC registration',
				() => sims.rtc.apps.get(rtcApp)?.auth_key,
				120_000,
			);
			delivery = (i) => {
				const body = JSON.stringify({
					event_type: 'RECORD_FILE_COMPLETE',
					app_id: rtcApp,
					room_id: 'room01',
					job_id: marker(i),
					download_url: 'https://b.obs.example.com/Record/x.mp4',
					obs_object: `Record/${marker(i)}.mp4`,
					record_duration: 65,
					file_size: 26254952,
				});
				const ts = String(Math.floor(Date.now() / 1000));
				return {
					marker: marker(i),
					body,
					headers: {
						...json(),
						'x-rtc-rand': String(i),
						'x-rtc-timestamp': ts,
						'x-rtc-signature': hmacHex(key, `${i}${ts}${body}`),
					},
				};
			};
		} else if (type === 'tencentCloudRtcTrigger') {
			// A user entered a room, as Tencent sends it (pretty-printed, signed over the raw bytes).
			delivery = (i) => {
				const body = trtcBody(trtcEvent(103, Date.now(), { UserId: marker(i) }));
				return {
					marker: marker(i),
					body,
					headers: {
						...json(),
						sign: trtcSign(sims.trtcKey, body),
						sdkappid: String(SDK_APP_ID),
					},
				};
			};
		} else {
			await waitFor(
				'Tencent registration',
				() => sims.tencent.callback?.Url.includes(webhookUuid),
				120_000,
			);
			// As Tencent sends it: no Content-Type header.
			delivery = (i) => ({
				marker: marker(i),
				body: JSON.stringify({
					CallbackCommand: 'Room.CallbackAfterUpdateRoomInfo',
					Operator_Account: 'bob',
					RoomInfo: { RoomId: marker(i), RoomName: 'r' },
					EventTime: 1670574414123 + i,
				}),
				headers: {},
				query: callbackQuery('Room.CallbackAfterUpdateRoomInfo', SDK_APP_ID, {
					token: sims.callbackToken,
				}),
			});
		}
		cases.push({ label: name, workflowId: created.id, url, delivery, corpId });
	}
	return cases;
}

/** Sends one delivery; the HTTP status, or 0 when no answer came (refused, reset, timed out). */
export async function send(c: TriggerCase, d: Delivery, timeoutMs = 30_000): Promise<number> {
	try {
		const res = await fetch(`${c.url}${d.query ?? ''}`, {
			method: 'POST',
			headers: d.headers,
			body: d.body,
			signal: AbortSignal.timeout(timeoutMs),
		});
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 0;
	}
}
