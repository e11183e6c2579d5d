/**
 * `deliveryId`: the same delivery reaching two n8n processes (two hosts with one registration, as a
 * queue-mode webhook processor and main share it) gives two items with one deliveryId, which n8n's
 * Remove Duplicates node can key on; different deliveries give different IDs.
 */
import { HuaweiCloudMeetingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import {
	HuaweiCloudSparkRtcTrigger,
	rtcCallbackSignature,
} from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { TencentCloudRoomTrigger } from '../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { TencentCloudRtcTrigger } from '../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import type { TriggerHost } from '../harness/n8n';
import { activate, hostTrigger } from '../harness/n8n';
import { signedPush } from '../simulator/huaweiMeeting';
import { post } from '../simulator/server';
import { callbackQuery } from '../simulator/tencentRoom';
import { trtcEvent } from '../simulator/tencentRtcCallbacks';
import { trtcCallbackCredential, trtcRequest } from '../nodes/TencentCloudRtc/triggerSetup';
import { MEETING_INFO } from '../fixtures/huaweiMeeting';
import { appIdCredential, CORP_ID, startMeetingSimulator } from '../nodes/HuaweiCloudMeeting/setup';
import {
	akSkCredential,
	APP_ID,
	FILE_COMPLETE,
	startRtcSimulator,
} from '../nodes/HuaweiCloudSparkRtc/setup';
import {
	CALLBACK_TOKEN,
	SDK_APP_ID,
	startTencentSimulator,
	tencentCredential,
} from '../nodes/TencentCloudRoom/setup';

const hosts: TriggerHost[] = [];
afterEach(async () => {
	for (const h of hosts.splice(0)) await h.stop();
});

/** A second process: same workflow registration (static data), its own in-memory duplicate guard. */
async function twin(first: TriggerHost, make: () => Promise<TriggerHost>): Promise<TriggerHost> {
	const second = await make();
	Object.assign(second.staticData, first.staticData);
	hosts.push(second);
	return second;
}

it('Huawei Cloud Meeting: a retry on another process has the same deliveryId; another delivery another', async () => {
	const sim = await startMeetingSimulator();
	try {
		const trigger = new HuaweiCloudMeetingTrigger();
		const params = {
			scope: 'enterprise',
			corpId: CORP_ID,
			events: ['*'],
			options: { allowHttpUrl: true, resolveMeetingDetails: false },
		};
		const a = await hostTrigger(trigger, appIdCredential(sim), params);
		hosts.push(a);
		await activate(trigger, a);
		const b = await twin(a, () => hostTrigger(trigger, appIdCredential(sim), params));
		const { subscriberId, subscriberKey } = sim.activeConfig(CORP_ID)!;
		const eventInfo = {
			event: 'meeting.started',
			timestamp: Date.now(),
			payload: { meetingInfo: MEETING_INFO },
		};
		const body = signedPush(subscriberId, subscriberKey, eventInfo, '12121212', Date.now());
		await post(a.url, body);
		await post(b.url, body);
		await post(a.url, signedPush(subscriberId, subscriberKey, eventInfo, '34343434', Date.now()));
		await Promise.all([a.idle(), b.idle()]);
		const [first, other] = a.emitted.map(([item]) => item.deliveryId);
		expect(b.emitted[0][0].deliveryId).toBe(first);
		expect(first).toMatch(/^[0-9a-f]{32}$/);
		expect(other).not.toBe(first);
	} finally {
		await sim.stop();
	}
});

it('Huawei Cloud SparkRTC: the same file event on two processes has one deliveryId; another file another', async () => {
	const sim = await startRtcSimulator();
	try {
		const trigger = new HuaweiCloudSparkRtcTrigger();
		const params = { appId: APP_ID, events: ['*'], options: {} };
		const a = await hostTrigger(trigger, akSkCredential(sim), params);
		hosts.push(a);
		await activate(trigger, a);
		const b = await twin(a, () => hostTrigger(trigger, akSkCredential(sim), params));
		const key = a.staticData.authKey as string;
		const send = async (url: string, event: object) => {
			const body = JSON.stringify(event);
			const ts = String(Math.floor(Date.now() / 1000));
			return await post(url, body, {
				'Content-Type': 'application/json',
				'X-Rtc-Rand': '42',
				'X-Rtc-Timestamp': ts,
				'X-Rtc-Signature': rtcCallbackSignature(key, '42', ts, body),
			});
		};
		await send(a.url, FILE_COMPLETE);
		await send(b.url, FILE_COMPLETE);
		await send(a.url, { ...FILE_COMPLETE, obs_object: 'Record/room01/y.m3u8' });
		expect(b.emitted[0][0].deliveryId).toBe(a.emitted[0][0].deliveryId);
		expect(a.emitted[1][0].deliveryId).not.toBe(a.emitted[0][0].deliveryId);
	} finally {
		await sim.stop();
	}
});

it('Tencent Cloud Room: the same callback body on two processes has one deliveryId', async () => {
	const sim = await startTencentSimulator();
	try {
		const trigger = new TencentCloudRoomTrigger();
		const a = await hostTrigger(trigger, tencentCredential(sim), { events: ['*'], options: {} });
		hosts.push(a);
		await activate(trigger, a);
		const b = await twin(a, () =>
			hostTrigger(trigger, tencentCredential(sim), { events: ['*'], options: {} }),
		);
		const body = JSON.stringify({
			CallbackCommand: 'Room.CallbackAfterDestroyRoom',
			Operator_Account: 'a',
			RoomId: 'r1',
			EventTime: 1670574414123,
		});
		const query = callbackQuery('Room.CallbackAfterDestroyRoom', SDK_APP_ID, {
			token: CALLBACK_TOKEN,
		});
		await post(`${a.url}${query}`, body, {});
		await post(`${b.url}${query}`, body, {});
		expect(b.emitted[0][0].deliveryId).toBe(a.emitted[0][0].deliveryId);
	} finally {
		await sim.stop();
	}
});

it('Tencent Cloud TRTC: a retry on another process has the same deliveryId (CallbackTs renewed or not); another event another', async () => {
	const trigger = new TencentCloudRtcTrigger();
	const params = { events: ['*'], options: {} };
	const a = await hostTrigger(trigger, trtcCallbackCredential(), params);
	hosts.push(a);
	await activate(trigger, a);
	const b = await twin(a, () => hostTrigger(trigger, trtcCallbackCredential(), params));
	const event = trtcEvent(311);
	await a.call(trtcRequest(event));
	const first = (await a.call(trtcRequest(trtcEvent(311, Date.now() - 5000)))).items[0];
	const retried = (await b.call(trtcRequest({ ...event, CallbackTs: event.CallbackTs + 10_000 })))
		.items[0];
	const original = (await b.call(trtcRequest(event))).items;
	expect(original).toHaveLength(0);
	expect(retried.deliveryId).toMatch(/^[0-9a-f]{32}$/);
	expect(first.deliveryId).not.toBe(retried.deliveryId);
	const again = await hostTrigger(trigger, trtcCallbackCredential(), params);
	hosts.push(again);
	expect((await again.call(trtcRequest(event))).items[0].deliveryId).toBe(retried.deliveryId);
});
