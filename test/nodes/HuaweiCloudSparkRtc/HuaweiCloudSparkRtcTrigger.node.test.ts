import {
	HuaweiCloudSparkRtcTrigger,
	rtcCallbackSignature,
} from '../../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import type { TriggerHost } from '../../harness/n8n';
import { activate, captured, deactivate, hostTrigger } from '../../harness/n8n';
import type { HuaweiSparkRtcSimulator } from '../../simulator/huaweiSparkRtc';
import { post } from '../../simulator/server';
import { akSkCredential, APP_ID, FILE_COMPLETE, startRtcSimulator } from './setup';

// A new node per test: what its constructor builds (the subscription adapter) is then covered by
// the test that uses it, which is what Stryker's per-test coverage runs against a mutant there.
let trigger: HuaweiCloudSparkRtcTrigger;
beforeEach(() => (trigger = new HuaweiCloudSparkRtcTrigger()));
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
		// One workflow per app receives the callbacks; the others are reached from it.
		expect(error.description).toContain('exists per SparkRTC app, so one workflow receives');
		expect(error.description).toContain('examples/huawei-meeting-router.json');
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
		// No subscription list stored, so that SparkRTC (the simulator) sends the unselected event too.
		await activated({ events: ['RECORD_FILE_COMPLETE'], options: { sendSubscription: false } });
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
			expect(await post(host.url, JSON.stringify(FILE_COMPLETE))).toMatchObject({
				status: 401,
				body: { error: 'X-Rtc-Rand, X-Rtc-Timestamp and X-Rtc-Signature are required' },
			});
		});
		it('signed with another key: 401', async () => {
			expect(await sim.deliver(APP_ID, FILE_COMPLETE, { key: 'c'.repeat(48) })).toMatchObject({
				status: 401,
				body: { error: 'Invalid signature' },
			});
		});
		it('a stale timestamp: 401', async () => {
			expect(
				await sim.deliver(APP_ID, FILE_COMPLETE, {
					timestamp: String(Math.floor(Date.now() / 1000) - 3600),
				}),
			).toMatchObject({
				status: 401,
				body: { error: 'X-Rtc-Timestamp is outside the allowed window' },
			});
		});
		it('a timestamp inside a wider window set in the options is accepted', async () => {
			await host.stop();
			await activated({ options: { replaceExisting: true, maxAgeSeconds: 7200 } });
			const timestamp = String(Math.floor(Date.now() / 1000) - 3600);
			expect((await sim.deliver(APP_ID, FILE_COMPLETE, { timestamp })).status).toBe(200);
			host.emitted.length = 0;
		});
		it('not registered (no auth key kept): 401', async () => {
			delete host.staticData.authKey;
			expect(await sim.deliver(APP_ID, FILE_COMPLETE)).toMatchObject({
				status: 401,
				body: { error: 'Trigger not registered' },
			});
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
			expect(await sim.deliver(APP_ID, '{"event_type":')).toMatchObject({
				status: 400,
				body: { error: expect.stringMatching(/^The request body is not valid JSON: /) },
			});
		});
		it('no event_type (signed): 400', async () => {
			expect(await sim.deliver(APP_ID, { app_id: APP_ID })).toMatchObject({
				status: 400,
				body: { error: expect.stringMatching(/^Not a SparkRTC recording event: .*event_type/) },
			});
		});
		it('another app (signed): 403', async () => {
			expect(await sim.deliver(APP_ID, { ...FILE_COMPLETE, app_id: 'other-app' })).toMatchObject({
				status: 403,
				body: { error: 'app_id does not match this trigger' },
			});
		});
		it('the app the callback was registered for counts, not a later edit of the parameter', async () => {
			host.staticData.appId = 'registered-app';
			expect(
				(await sim.deliver(APP_ID, { ...FILE_COMPLETE, app_id: 'registered-app' })).status,
			).toBe(200);
			expect((await sim.deliver(APP_ID, { ...FILE_COMPLETE, job_id: 'j2' })).status).toBe(403);
			host.emitted.length = 0;
		});
	});

	it('an event without app_id is taken (the signature already names the app)', async () => {
		await activated();
		const { app_id: _omitted, ...event } = FILE_COMPLETE as Record<string, unknown>;
		expect((await sim.deliver(APP_ID, event)).status).toBe(200);
		expect(host.emitted).toHaveLength(1);
	});

	it('with a window over 12 hours, a replay dated ahead of the clock is still a duplicate after 24 h', async () => {
		await activated({ options: { maxAgeSeconds: 3 * 86_400 } });
		const start = Date.now();
		const ahead = { timestamp: String(Math.floor(start / 1000) + 2 * 86_400), rand: '77' };
		expect((await sim.deliver(APP_ID, FILE_COMPLETE, ahead)).body).toEqual({
			status: 1,
			result: 'success',
		});
		// A day and a half later the timestamp is half a day ahead: inside the window.
		const spy = jest.spyOn(Date, 'now').mockReturnValue(start + 1.5 * 86_400_000);
		try {
			expect((await sim.deliver(APP_ID, FILE_COMPLETE, ahead)).body).toEqual({
				status: 1,
				result: 'duplicate',
			});
		} finally {
			spy.mockRestore();
		}
		expect(host.emitted).toHaveLength(1);
	});

	describe('registration details', () => {
		const put = () => sim.requests('PUT', PATH).at(-1)!.json as Record<string, unknown>;

		it('subscribes to the selected events only when "Send Event Subscription" is on and events are named', async () => {
			await activated({ events: ['RECORD_FILE_COMPLETE'], options: { sendSubscription: false } });
			expect(put()).not.toHaveProperty('notify_event_subscription');
			await host.stop();
			// CLOUD_RECORD_SERVER_OVER cannot be subscribed to: nothing to name.
			await activated({ events: ['CLOUD_RECORD_SERVER_OVER'], options: { replaceExisting: true } });
			expect(put()).not.toHaveProperty('notify_event_subscription');
			await host.stop();
			await activated({ events: ['RECORD_FILE_COMPLETE'], options: { replaceExisting: true } });
			expect(put().notify_event_subscription).toEqual(['RECORD_FILE_COMPLETE']);
		});

		it('is active only while SparkRTC holds the auth key this node generated (or does not show it)', async () => {
			await activated();
			const checkExists = () => trigger.webhookMethods.default.checkExists.call(host.hookContext());
			const app = sim.apps.get(APP_ID)!;
			const key = app.auth_key;
			app.auth_key = 'd'.repeat(48);
			expect(await checkExists()).toBe(false);
			delete app.auth_key;
			expect(await checkExists()).toBe(true);
			app.auth_key = key;
			delete host.staticData.authKey;
			expect(await checkExists()).toBe(false);
			// Nothing to compare on either side: not ours to assume.
			delete app.auth_key;
			expect(await checkExists()).toBe(false);
		});

		it('registering again over its own callback keeps no "previous" to restore', async () => {
			await activated();
			await trigger.webhookMethods.default.create.call(host.hookContext());
			expect(host.staticData.previous).toBeUndefined();
		});

		it('a previous callback without an auth key is saved with an empty one', async () => {
			sim.apps.set(APP_ID, { url: PREVIOUS.url });
			await activated({ options: { replaceExisting: true } });
			expect(host.staticData.previous).toEqual({
				url: PREVIOUS.url,
				auth_key: '',
				notify_event_subscription: null,
			});
		});

		it('trims the App ID, and asks for one when it is blank', async () => {
			await activated({ appId: `  ${APP_ID} ` });
			expect(sim.requests('PUT', PATH)).toHaveLength(1);
			await host.stop();
			host = await hostTrigger(trigger, akSkCredential(sim), { appId: '  ', events: ['*'] });
			const error = await activate(trigger, host).catch((e) => e);
			expect(error.message).toBe('Enter the SparkRTC App ID');
		});

		it('a deactivation whose clearing fails for another reason than a refusal reports false', async () => {
			await activated();
			sim.fault('PUT', PATH, {
				status: 500,
				body: { error_code: 'RTC.00002001', error_msg: 'InternalError' },
				times: 3,
			});
			expect(await deactivate(trigger, host)).toBe(false);
			expect(host.staticData.authKey).toBeDefined();
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
