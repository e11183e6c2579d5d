import {
	HuaweiCloudSparkRtcTrigger,
	rtcCallbackSignature,
} from '../../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import type { TriggerHost } from '../../harness/n8n';
import { activate, captured, deactivate, hostTrigger } from '../../harness/n8n';
import type { HuaweiSparkRtcSimulator } from '../../simulator/huaweiSparkRtc';
import { post } from '../../simulator/server';
import { akSkCredential, APP_ID, FILE_COMPLETE, startRtcSimulator } from './setup';

const trigger = new HuaweiCloudSparkRtcTrigger();
const PATH = `/v2/apps/${APP_ID}/record-callback`;
const PREVIOUS = {
	url: 'https://media.example.com/recordings',
	auth_key: 'b'.repeat(40),
	notify_event_subscription: ['RECORD_NEW_FILE_START'],
};

describe('the documented callback authentication', () => {
	it('reproduces the reference example', () => {
		expect(
			rtcCallbackSignature(
				'0123456789abcdef0123456789abcdef',
				'123456',
				'1714000000',
				'{"event_type":"RECORD_FILE_COMPLETE","app_id":"a1","room_id":"room01"}',
			),
		).toBe('66b0f24bbeae5e2fbaeaa81b43edda3c13d095245e32020122a01d43b32e7849');
	});
});

describe('Huawei Cloud SparkRTC Trigger', () => {
	let sim: HuaweiSparkRtcSimulator;
	let host: TriggerHost;
	beforeEach(async () => (sim = await startRtcSimulator()));
	afterEach(async () => {
		await host?.stop();
		await sim.stop();
	});

	async function activated(params: Record<string, unknown> = {}) {
		host = await hostTrigger(trigger, akSkCredential(sim), {
			appId: APP_ID,
			events: ['*'],
			options: {},
			...params,
		});
		await activate(trigger, host);
		return host;
	}

	it('activation saves the previous callback, then points it at the webhook with a fresh auth key; deactivation restores it exactly', async () => {
		sim.apps.set(APP_ID, { ...PREVIOUS, update_time: '2020-07-26T07:53:05.075Z' });
		await activated({ events: ['RECORD_FILE_COMPLETE'], options: { replaceExisting: true } });
		const put = sim.requests('PUT', PATH)[0].json as Record<string, unknown>;
		expect(put).toEqual({
			url: host.url,
			auth_key: expect.stringMatching(/^[0-9a-f]{48}$/),
			notify_event_subscription: ['RECORD_FILE_COMPLETE'],
		});
		expect(host.staticData.previous).toEqual(PREVIOUS);
		expect(await trigger.webhookMethods.default.checkExists.call(host.hookContext())).toBe(true);

		expect(await deactivate(trigger, host)).toBe(true);
		expect(sim.requests('PUT', PATH).at(-1)!.json).toEqual(PREVIOUS);
		expect(sim.apps.get(APP_ID)).toMatchObject(PREVIOUS);
		expect(host.staticData).toEqual({});
	});

	it('refuses to take over a callback that points elsewhere unless allowed', async () => {
		sim.apps.set(APP_ID, { ...PREVIOUS });
		host = await hostTrigger(trigger, akSkCredential(sim), {
			appId: APP_ID,
			events: ['*'],
			options: {},
		});
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toBe(
			`SparkRTC recording callback is already configured to deliver to ${PREVIOUS.url}`,
		);
		expect(error.description).toMatch(/Replace Existing Callback/);
		expect(sim.requests('PUT', PATH)).toHaveLength(0);
	});

	it('a signed recording event gives one parsed item, answered 200', async () => {
		await activated();
		const answer = await sim.deliver(APP_ID, FILE_COMPLETE);
		expect(answer).toMatchObject({ status: 200, body: { status: 1, result: 'success' } });
		expect(host.emitted).toHaveLength(1);
		expect(host.emitted[0][0]).toMatchObject({
			eventType: 'RECORD_FILE_COMPLETE',
			eventName: 'Recording File Complete',
			appId: APP_ID,
			roomId: 'room01',
			jobId: '6081aaaa',
			startTime: '2021-04-28T08:56:57.000Z',
			startTimeRaw: '2021-04-28T08:56:57Z',
			file: {
				name: 'x.m3u8',
				url: FILE_COMPLETE.download_url,
				objectKey: 'Record/room01/x.m3u8',
				sizeBytes: 26254952,
				durationSeconds: 65,
				width: 1280,
			},
			raw: FILE_COMPLETE,
		});
	});

	it('a repeated event (provider retry) gives one item; an event not selected gives none', async () => {
		await activated({ events: ['RECORD_FILE_COMPLETE'] });
		await sim.deliver(APP_ID, FILE_COMPLETE);
		await sim.deliver(APP_ID, FILE_COMPLETE);
		expect(
			(await sim.deliver(APP_ID, { event_type: 'RECORD_NEW_FILE_START', app_id: APP_ID })).body,
		).toEqual({ status: 1, result: 'ignored' });
		expect(host.emitted).toHaveLength(1);
	});

	describe('refuses bad deliveries without an item', () => {
		beforeEach(async () => {
			await activated();
		});
		afterEach(() => expect(host.emitted).toHaveLength(0));

		it('no signature headers: 401', async () => {
			expect((await post(host.url, JSON.stringify(FILE_COMPLETE))).status).toBe(401);
		});
		it('signed with another key: 401', async () => {
			expect((await sim.deliver(APP_ID, FILE_COMPLETE, { key: 'c'.repeat(48) })).status).toBe(401);
		});
		it('a stale timestamp: 401', async () => {
			expect(
				(
					await sim.deliver(APP_ID, FILE_COMPLETE, {
						timestamp: String(Math.floor(Date.now() / 1000) - 3600),
					})
				).status,
			).toBe(401);
		});
		it('a timestamp in milliseconds is understood', async () => {
			const answer = await sim.deliver(
				APP_ID,
				{ ...FILE_COMPLETE, job_id: 'ms' },
				{ timestamp: String(Date.now()) },
			);
			expect(answer.status).toBe(200);
			host.emitted.length = 0;
		});
		it('malformed JSON (signed): 400', async () => {
			expect((await sim.deliver(APP_ID, '{"event_type":')).status).toBe(400);
		});
		it('no event_type (signed): 400', async () => {
			expect((await sim.deliver(APP_ID, { app_id: APP_ID })).status).toBe(400);
		});
		it('another app (signed): 403', async () => {
			expect((await sim.deliver(APP_ID, { ...FILE_COMPLETE, app_id: 'other-app' })).status).toBe(
				403,
			);
		});
	});

	it('with no previous callback, deactivation tries to clear it and warns when SparkRTC refuses', async () => {
		await activated();
		captured.logs.length = 0;
		expect(await deactivate(trigger, host)).toBe(true);
		expect(sim.requests('PUT', PATH).at(-1)!.json).toEqual({ url: '', auth_key: '' });
		expect(captured.logs.join('\n')).toMatch(/refused to clear the recording callback URL/);
	});

	it('activation failure leaves the previous callback untouched', async () => {
		sim.apps.set(APP_ID, { ...PREVIOUS });
		sim.fault('PUT', PATH, {
			status: 500,
			body: { error_code: 'RTC.00002001', error_msg: 'InternalError' },
			times: 3,
		});
		host = await hostTrigger(trigger, akSkCredential(sim), {
			appId: APP_ID,
			events: ['*'],
			options: { replaceExisting: true },
		});
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toMatch(/RTC\.00002001: InternalError/);
		expect(sim.apps.get(APP_ID)).toEqual(PREVIOUS);
		expect(host.staticData).toEqual({});
	});
});
