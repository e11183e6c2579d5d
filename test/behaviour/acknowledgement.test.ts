/**
 * A delivery is acknowledged only once n8n has stored the execution it starts: the webhook triggers
 * leave the 200 to n8n (which, on 2.x, answers onReceived after storing or enqueueing), so when n8n
 * cannot take it (shutting down, database or Redis unavailable) the provider gets an error and sends
 * it again — and the retry is not dropped as a duplicate. The Huawei trigger with meeting details
 * included: the details are read before the execution starts. A repeat of a delivery whose first copy
 * is not stored yet gets 503 (never an acknowledgement of an event not stored). The functions behind
 * it (firstDelivery, answerRepeat) are tested on their own in test/nodes/shared/webhook.test.ts.
 */
import { HuaweiCloudMeetingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import {
	HuaweiCloudSparkRtcTrigger,
	rtcCallbackSignature,
} from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { TencentCloudRoomTrigger } from '../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { TencentCloudRtcTrigger } from '../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import type { TriggerHost, WebhookRequest } from '../harness/n8n';
import { activate, hostTrigger } from '../harness/n8n';
import { signedPush } from '../simulator/huaweiMeeting';
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

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const stop of stops.splice(0).reverse()) await stop();
});

/** n8n cannot store the execution: 500, nothing emitted; then it can: the same delivery runs once. */
async function expectRetryAfterRefusal(
	host: TriggerHost,
	request: () => WebhookRequest,
	accepted: unknown,
	duplicate: unknown,
) {
	host.refuseExecutions = true;
	const refused = await host.call(request());
	expect(refused).toMatchObject({ status: 500, items: [] });

	host.refuseExecutions = false;
	const retried = await host.call(request());
	expect(retried.status).toBe(200);
	expect(retried.body).toEqual(accepted);
	expect(retried.items).toHaveLength(1);

	const again = await host.call(request());
	expect(again).toMatchObject({ status: 200, body: duplicate, items: [] });
}

describe('Huawei Cloud Meeting Trigger', () => {
	async function setUp(resolveMeetingDetails: boolean) {
		const sim = await startMeetingSimulator();
		stops.push(() => sim.stop());
		const trigger = new HuaweiCloudMeetingTrigger();
		const host = await hostTrigger(trigger, appIdCredential(sim), {
			scope: 'enterprise',
			corpId: CORP_ID,
			events: ['*'],
			options: { allowHttpUrl: true, resolveMeetingDetails },
		});
		stops.push(() => host.stop());
		await activate(trigger, host);
		const { subscriberId, subscriberKey } = sim.activeConfig(CORP_ID)!;
		const timestamp = Date.now();
		const eventInfo = {
			event: 'meeting.started',
			timestamp,
			payload: { meetingInfo: MEETING_INFO },
		};
		const body = signedPush(subscriberId, subscriberKey, eventInfo, '56565656', timestamp);
		return {
			host,
			sim,
			request: () => ({ rawBody: body, headers: { 'content-type': 'application/json' } }),
		};
	}

	it('answers a delivery once n8n has stored its execution, and takes the retry of one it could not', async () => {
		const { host, request } = await setUp(false);
		await expectRetryAfterRefusal(
			host,
			request,
			{ message: 'Event received' },
			{ message: 'Duplicate delivery ignored' },
		);
	});

	it('with meeting details (the default), answers once n8n has stored its execution, and takes the retry of one it could not', async () => {
		const { host, request } = await setUp(true);
		await expectRetryAfterRefusal(
			host,
			request,
			{ message: 'Event received' },
			{ message: 'Duplicate delivery ignored' },
		);
	});

	it('a retry that arrives while the first copy waits for its details gets 503, then the duplicate answer', async () => {
		const { host, request, sim } = await setUp(true);
		sim.fault('GET', '/v1/mmc/management/conferences/confDetail', { delayMs: 800 });
		const first = host.call(request());
		await new Promise((resolve) => setTimeout(resolve, 200));
		const retry = await host.call(request());
		expect(retry).toMatchObject({ status: 503, items: [] });
		expect(retry.headers?.['retry-after']).toBe('5');
		expect(retry.body).toEqual({
			error: 'The first copy of this delivery is still being stored; send it again later',
		});
		expect((await first).items).toHaveLength(1);
		expect(await host.call(request())).toMatchObject({
			status: 200,
			body: { message: 'Duplicate delivery ignored' },
			items: [],
		});
	});
});

it('Huawei Cloud SparkRTC Trigger: answers once n8n has stored the execution; the retry of a refused one runs', async () => {
	const sim = await startRtcSimulator();
	stops.push(() => sim.stop());
	const trigger = new HuaweiCloudSparkRtcTrigger();
	const host = await hostTrigger(trigger, akSkCredential(sim), {
		appId: APP_ID,
		events: ['*'],
		options: {},
	});
	stops.push(() => host.stop());
	await activate(trigger, host);
	const key = host.staticData.authKey as string;
	const body = JSON.stringify(FILE_COMPLETE);
	const request = () => {
		const ts = String(Math.floor(Date.now() / 1000));
		return {
			rawBody: body,
			headers: {
				'content-type': 'application/json',
				'x-rtc-rand': '7',
				'x-rtc-timestamp': ts,
				'x-rtc-signature': rtcCallbackSignature(key, '7', ts, body),
			},
		};
	};
	await expectRetryAfterRefusal(
		host,
		request,
		{ status: 1, result: 'success' },
		{ status: 1, result: 'duplicate' },
	);
});

it('Tencent Cloud Room Trigger: answers OK once n8n has stored the execution; the retry of a refused one runs', async () => {
	const sim = await startTencentSimulator();
	stops.push(() => sim.stop());
	const trigger = new TencentCloudRoomTrigger();
	const host = await hostTrigger(trigger, tencentCredential(sim), { events: ['*'], options: {} });
	stops.push(() => host.stop());
	await activate(trigger, host);
	const body = JSON.stringify({
		CallbackCommand: 'Room.CallbackAfterDestroyRoom',
		Operator_Account: 'a',
		RoomId: 'r-ack',
		EventTime: 1670574414123,
	});
	const request = () => {
		const query = callbackQuery('Room.CallbackAfterDestroyRoom', SDK_APP_ID, {
			token: CALLBACK_TOKEN,
		});
		return { rawBody: body, query: Object.fromEntries(new URLSearchParams(query.slice(1))) };
	};
	const ok = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
	await expectRetryAfterRefusal(host, request, ok, ok);
});

it('Tencent Cloud TRTC Trigger: answers {"code":0} once n8n has stored the execution; the retry of a refused one runs', async () => {
	const trigger = new TencentCloudRtcTrigger();
	const host = await hostTrigger(trigger, trtcCallbackCredential(), { events: ['*'], options: {} });
	stops.push(() => host.stop());
	await activate(trigger, host);
	const event = trtcEvent(103);
	await expectRetryAfterRefusal(host, () => trtcRequest(event), { code: 0 }, { code: 0 });
});
