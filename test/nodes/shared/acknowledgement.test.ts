/**
 * A delivery is acknowledged only once n8n has stored the execution it starts: the webhook triggers
 * leave the 200 to n8n (which, on 2.x, answers onReceived after storing or enqueueing), so when n8n
 * cannot take it (shutting down, database or Redis unavailable) the provider gets an error and sends
 * it again — and the retry is not dropped as a duplicate. The Huawei trigger with meeting details
 * included: the details are read before the execution starts. A repeat of a delivery whose first copy
 * is not stored yet gets 503 (never an acknowledgement of an event not stored).
 */
import { EventEmitter } from 'node:events';

import type { IWebhookFunctions } from 'n8n-workflow';

import { HuaweiCloudMeetingTrigger } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import {
	HuaweiCloudSparkRtcTrigger,
	rtcCallbackSignature,
} from '../../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { TencentCloudRoomTrigger } from '../../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { DeliveryGuard } from '../../../nodes/shared/dedupe';
import { answerRepeat, firstDelivery } from '../../../nodes/shared/webhook';
import type { TriggerHost, WebhookRequest } from '../../harness/n8n';
import { activate, hostTrigger } from '../../harness/n8n';
import { signedPush } from '../../simulator/huaweiMeeting';
import { callbackQuery } from '../../simulator/tencentRoom';
import { MEETING_INFO } from '../../fixtures/huaweiMeeting';
import { appIdCredential, CORP_ID, startMeetingSimulator } from '../HuaweiCloudMeeting/setup';
import {
	akSkCredential,
	APP_ID,
	FILE_COMPLETE,
	startRtcSimulator,
} from '../HuaweiCloudSparkRtc/setup';
import {
	CALLBACK_TOKEN,
	SDK_APP_ID,
	startTencentSimulator,
	tencentCredential,
} from '../TencentCloudRoom/setup';

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

describe('firstDelivery', () => {
	/** The part of IWebhookFunctions it uses: the response, as an Express response emits its events. */
	function context(workflowId = 'w1', nodeId = 'n1') {
		const res = Object.assign(new EventEmitter(), { statusCode: 200, writableFinished: false });
		const answer = (status: number) => {
			res.statusCode = status;
			res.writableFinished = true;
			res.emit('finish');
			res.emit('close');
		};
		const ctx = {
			getResponseObject: () => res,
			getWorkflow: () => ({ id: workflowId }),
			getNode: () => ({ id: nodeId, name: 'Trigger' }),
		} as unknown as IWebhookFunctions;
		return { ctx, res, answer };
	}

	it.each([200, 204, 299])('keeps a delivery answered %i', (status) => {
		const guard = new DeliveryGuard(4);
		const { ctx, answer } = context();
		expect(firstDelivery(ctx, guard, 'k', 60_000)).toBe(true);
		answer(status);
		expect(firstDelivery(context().ctx, guard, 'k', 60_000)).toBe(false);
	});

	it.each([199, 300, 400, 500, 503])('forgets a delivery answered %i', (status) => {
		const guard = new DeliveryGuard(4);
		const { ctx, answer } = context();
		expect(firstDelivery(ctx, guard, 'k', 60_000)).toBe(true);
		answer(status);
		expect(firstDelivery(context().ctx, guard, 'k', 60_000)).toBe(true);
	});

	it('forgets a delivery whose connection closed before any answer', () => {
		const guard = new DeliveryGuard(4);
		const { ctx, res } = context();
		expect(firstDelivery(ctx, guard, 'k', 60_000)).toBe(true);
		res.emit('close');
		expect(firstDelivery(context().ctx, guard, 'k', 60_000)).toBe(true);
	});

	it("scopes the identity to the workflow and node: another workflow's or node's copy is its own first", () => {
		const guard = new DeliveryGuard(8);
		const first = context('w1', 'n1');
		expect(firstDelivery(first.ctx, guard, 'k', 60_000)).toBe(true);
		first.answer(200);
		expect(firstDelivery(context('w2', 'n1').ctx, guard, 'k', 60_000)).toBe(true);
		expect(firstDelivery(context('w1', 'n2').ctx, guard, 'k', 60_000)).toBe(true);
		expect(firstDelivery(context('w1', 'n1').ctx, guard, 'k', 60_000)).toBe(false);
	});

	it('a duplicate neither records nor forgets: the first delivery stays', () => {
		const guard = new DeliveryGuard(4);
		const first = context();
		expect(firstDelivery(first.ctx, guard, 'k', 60_000)).toBe(true);
		first.answer(200);
		const dup = context();
		expect(firstDelivery(dup.ctx, guard, 'k', 60_000)).toBe(false);
		dup.answer(500);
		expect(dup.res.listenerCount('finish')).toBe(0);
		expect(firstDelivery(context().ctx, guard, 'k', 60_000)).toBe(false);
	});
});

describe('answerRepeat', () => {
	function context() {
		const headers: Record<string, string> = {};
		const sent: Array<{ status: number; body: unknown }> = [];
		const res = Object.assign(new EventEmitter(), {
			statusCode: 200,
			writableFinished: false,
			setHeader: (name: string, value: string) => (headers[name] = value),
			status: (status: number) => ({ json: (body: unknown) => sent.push({ status, body }) }),
		});
		const ctx = {
			getResponseObject: () => res,
			getWorkflow: () => ({ id: 'w1' }),
			getNode: () => ({ id: 'n1', name: 'Trigger' }),
		} as unknown as IWebhookFunctions;
		const answer = (status: number) => {
			res.statusCode = status;
			res.writableFinished = true;
			res.emit('finish');
			res.emit('close');
		};
		return { ctx, headers, sent, answer, res };
	}
	const duplicate = () => ({ webhookResponse: 'duplicate' });

	it('503 with Retry-After while the first copy is not answered; the duplicate answer once it was answered 2xx', () => {
		const guard = new DeliveryGuard(4);
		const first = context();
		expect(firstDelivery(first.ctx, guard, 'k', 60_000)).toBe(true);
		const early = context();
		expect(firstDelivery(early.ctx, guard, 'k', 60_000)).toBe(false);
		expect(answerRepeat(early.ctx, guard, 'k', duplicate)).toEqual({ noWebhookResponse: true });
		expect(early.sent).toEqual([
			{
				status: 503,
				body: {
					error: 'The first copy of this delivery is still being stored; send it again later',
				},
			},
		]);
		expect(early.headers).toEqual({ 'Retry-After': '5' });
		first.answer(200);
		const late = context();
		expect(firstDelivery(late.ctx, guard, 'k', 60_000)).toBe(false);
		expect(answerRepeat(late.ctx, guard, 'k', duplicate)).toEqual(duplicate());
		expect(late.sent).toEqual([]);
	});

	it('the in-flight mark is scoped like the key, and ends with a failed answer or a closed connection', () => {
		const guard = new DeliveryGuard(8);
		const first = context();
		firstDelivery(first.ctx, guard, 'k', 60_000);
		expect(guard.inFlight('w1:n1|k')).toBe(true);
		expect(guard.inFlight('k')).toBe(false);
		first.answer(500);
		expect(guard.inFlight('w1:n1|k')).toBe(false);
		const second = context();
		expect(firstDelivery(second.ctx, guard, 'k', 60_000)).toBe(true);
		second.res.emit('close');
		expect(guard.inFlight('w1:n1|k')).toBe(false);
	});

	it('a key pushed out of the ring is no longer in flight', () => {
		const guard = new DeliveryGuard(2);
		guard.firstSeen('a', 60_000, 0);
		expect(guard.inFlight('a')).toBe(true);
		guard.firstSeen('b', 60_000, 0);
		guard.firstSeen('c', 60_000, 0);
		expect(guard.inFlight('a')).toBe(false);
		expect(guard.inFlight('c')).toBe(true);
		guard.answered('c');
		expect(guard.inFlight('c')).toBe(false);
		expect(guard.firstSeen('c', 60_000, 1)).toBe(false);
	});
});

describe('DeliveryGuard.forget', () => {
	it('ends the key window now; unknown keys are left alone; the ring holds the key once', () => {
		const guard = new DeliveryGuard(2);
		expect(guard.firstSeen('a', 60_000, 1000)).toBe(true);
		guard.forget('a');
		guard.forget('never-seen');
		expect(guard.size).toBe(1);
		expect(guard.firstSeen('a', 60_000, 1001)).toBe(true);
		expect(guard.firstSeen('a', 60_000, 1002)).toBe(false);
		// 'a' took one slot only: one more key fits before 'a' is pushed out.
		expect(guard.firstSeen('b', 60_000, 1003)).toBe(true);
		expect(guard.firstSeen('a', 60_000, 1004)).toBe(false);
		expect(guard.firstSeen('c', 60_000, 1005)).toBe(true);
		expect(guard.firstSeen('a', 60_000, 1006)).toBe(true);
	});
});
