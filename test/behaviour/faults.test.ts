/**
 * Provider faults during activation, deactivation and token fetch: 5xx answers, slow answers and
 * time-outs. The user gets a clear error, idempotent calls are retried with backoff, and nothing is
 * left half-registered.
 */
import { HuaweiCloudMeeting } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeeting.node';
import { HuaweiCloudMeetingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { HuaweiCloudSparkRtc } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtc.node';
import { HuaweiCloudSparkRtcTrigger } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { requestDefaults } from '../../nodes/shared/http';
import { TencentCloudRoomTrigger } from '../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import type { TriggerHost } from '../harness/n8n';
import { activate, deactivate, hostTrigger, runNode } from '../harness/n8n';
import type { HuaweiMeetingSimulator } from '../simulator/huaweiMeeting';
import type { HuaweiSparkRtcSimulator } from '../simulator/huaweiSparkRtc';
import type { TencentRoomSimulator } from '../simulator/tencentRoom';
import { appIdCredential, CORP_ID, startMeetingSimulator } from '../nodes/HuaweiCloudMeeting/setup';
import {
	akSkCredential,
	APP_ID as RTC_APP,
	iamCredential,
	startRtcSimulator,
} from '../nodes/HuaweiCloudSparkRtc/setup';
import { startTencentSimulator, tencentCredential } from '../nodes/TencentCloudRoom/setup';

const saved = { ...requestDefaults };
beforeAll(() => {
	requestDefaults.timeoutMs = 400;
	requestDefaults.backoffMs = [50, 100];
});
afterAll(() => Object.assign(requestDefaults, saved));

const down = (code: string) => ({
	status: 503,
	body: { error_code: code, error_msg: 'Service Unavailable' },
});
const LINK = '/v1/mmc/management/webhook/link-config';
const STATUS = '/v1/mmc/management/webhook/change-status';

describe('Huawei Cloud Meeting faults', () => {
	let sim: HuaweiMeetingSimulator;
	let host: TriggerHost | undefined;
	beforeEach(async () => (sim = await startMeetingSimulator()));
	afterEach(async () => {
		await host?.stop();
		host = undefined;
		await sim.stop();
	});
	// A new node per test: what its constructor builds (the subscription adapter) is then covered by
	// the test that uses it, which is what Stryker's per-test coverage runs against a mutant there.
	let trigger: HuaweiCloudMeetingTrigger;
	beforeEach(() => (trigger = new HuaweiCloudMeetingTrigger()));
	const params = {
		scope: 'enterprise',
		corpId: CORP_ID,
		events: ['*'],
		options: { allowHttpUrl: true },
	};
	const get = { resource: 'eventPush', operation: 'get', scope: 'enterprise', corpId: CORP_ID };

	it('token fetch: a 5xx is retried with backoff, and the call succeeds', async () => {
		sim.fault('POST', '/v2/usg/acs/auth/appauth', down('USG.000000500'));
		const [item] = await runNode(new HuaweiCloudMeeting(), appIdCredential(sim), { params: get });
		expect(item.json).toEqual({ configured: false });
		expect(sim.requests('POST', '/v2/usg/acs/auth/appauth')).toHaveLength(2);
	});

	it('token fetch: persistent time-outs give a clear error', async () => {
		sim.fault('POST', '/v2/usg/acs/auth/appauth', { delayMs: 1000, times: 10, drop: true });
		const error = await runNode(new HuaweiCloudMeeting(), appIdCredential(sim), {
			params: get,
		}).catch((e) => e);
		expect(error.message).toMatch(/^Huawei Cloud Meeting: Get event push configuration failed/);
		expect(`${error.message} ${error.description}`).toMatch(/no answer in time/);
	});

	it('activation: a slow API is waited for', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), params);
		sim.fault('GET', LINK, { delayMs: 250, times: 3 });
		await activate(trigger, host);
		expect(sim.activeConfig(CORP_ID)?.url).toBe(host.url);
	});

	it('activation: the create call failing leaves nothing registered', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), params);
		sim.fault('POST', LINK, down('MMC.000000503'));
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toBe(
			'Huawei Cloud Meeting: Configure event push failed (MMC.000000503: Service Unavailable)',
		);
		expect(sim.configs.size).toBe(0);
		expect(host.staticData).toEqual({});
	});

	it('activation: enabling timing out removes the new configuration again', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), params);
		sim.fault('PUT', STATUS, { delayMs: 1000, times: 3, drop: true });
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toMatch(/Enable event push failed \(no answer in time\)/);
		expect(sim.requests('PUT', STATUS)).toHaveLength(3);
		expect(sim.configs.size).toBe(0);
	});

	it('deactivation: a persistent 5xx reports failure and keeps the state; the next try cleans up', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), params);
		await activate(trigger, host);
		sim.fault('DELETE', LINK, { ...down('MMC.000000503'), times: 3 });
		expect(await deactivate(trigger, host)).toBe(false);
		expect(host.staticData.configId).toBeDefined();
		expect(await deactivate(trigger, host)).toBe(true);
		expect(sim.configs.size).toBe(0);
	});
});

describe('Huawei Cloud SparkRTC faults', () => {
	let sim: HuaweiSparkRtcSimulator;
	let host: TriggerHost | undefined;
	const PATH = `/v2/apps/${RTC_APP}/record-callback`;
	const PREVIOUS = {
		url: 'https://media.example.com/rec',
		auth_key: 'k'.repeat(40),
		notify_event_subscription: ['RECORD_FILE_COMPLETE'],
	};
	beforeEach(async () => {
		sim = await startRtcSimulator();
		sim.apps.set(RTC_APP, { ...PREVIOUS });
	});
	afterEach(async () => {
		await host?.stop();
		host = undefined;
		await sim.stop();
	});
	let trigger: HuaweiCloudSparkRtcTrigger;
	beforeEach(() => (trigger = new HuaweiCloudSparkRtcTrigger()));
	const params = { appId: RTC_APP, events: ['*'], options: { replaceExisting: true } };

	it('IAM token fetch: a 5xx is retried; a persistent one is a clear error', async () => {
		sim.fault('POST', '/v3/auth/tokens', {
			status: 500,
			body: { error_code: 'IAM.0001', error_msg: 'busy' },
		});
		const [item] = await runNode(new HuaweiCloudSparkRtc(), iamCredential(sim), {
			params: { resource: 'recordCallback', operation: 'get', appId: RTC_APP },
		});
		expect(item.json.url).toBe(PREVIOUS.url);
		sim.expireAllTokens();
		sim.fault('POST', '/v3/auth/tokens', {
			status: 500,
			body: { error_code: 'IAM.0001', error_msg: 'busy' },
			times: 10,
		});
		const error = await runNode(new HuaweiCloudSparkRtc(), iamCredential(sim), {
			params: { resource: 'recordCallback', operation: 'get', appId: RTC_APP },
		}).catch((e) => e);
		expect(`${error.message} ${error.description}`).toMatch(/IAM\.0001: busy/);
	});

	it('activation: a timed-out update leaves the previous callback in place and nothing saved', async () => {
		host = await hostTrigger(trigger, akSkCredential(sim), params);
		sim.fault('PUT', PATH, { delayMs: 1000, times: 3, drop: true });
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toMatch(/Update recording callback failed \(no answer in time\)/);
		expect(sim.apps.get(RTC_APP)).toEqual(PREVIOUS);
		expect(host.staticData).toEqual({});
	});

	it('deactivation: a 5xx while restoring is retried; a persistent one keeps the saved callback for the next try', async () => {
		host = await hostTrigger(trigger, akSkCredential(sim), params);
		await activate(trigger, host);
		sim.fault('PUT', PATH, {
			status: 500,
			body: { error_code: 'RTC.00002001', error_msg: 'InternalError' },
		});
		expect(await deactivate(trigger, host)).toBe(true);
		expect(sim.apps.get(RTC_APP)).toMatchObject(PREVIOUS);

		await activate(trigger, host);
		sim.fault('PUT', PATH, {
			status: 500,
			body: { error_code: 'RTC.00002001', error_msg: 'InternalError' },
			times: 3,
		});
		expect(await deactivate(trigger, host)).toBe(false);
		expect(host.staticData.previous).toEqual(PREVIOUS);
		expect(await deactivate(trigger, host)).toBe(true);
		expect(sim.apps.get(RTC_APP)).toMatchObject(PREVIOUS);
	});
});

describe('Tencent Cloud faults', () => {
	let sim: TencentRoomSimulator;
	let host: TriggerHost | undefined;
	beforeEach(async () => (sim = await startTencentSimulator()));
	afterEach(async () => {
		await host?.stop();
		host = undefined;
		await sim.stop();
	});
	let trigger: TencentCloudRoomTrigger;
	beforeEach(() => (trigger = new TencentCloudRoomTrigger()));
	const params = { events: ['*'], options: {} };

	it('activation: get_callback answering 502 is retried; set_callback timing out is a clear error with nothing registered', async () => {
		host = await hostTrigger(trigger, tencentCredential(sim), params);
		sim.fault('POST', '/v4/room_config/get_callback', { status: 502, body: 'Bad Gateway' });
		sim.fault('POST', '/v4/room_config/set_callback', { delayMs: 1000, drop: true });
		const error = await activate(trigger, host).catch((e) => e);
		expect(sim.requests('POST', '/v4/room_config/get_callback').length).toBeGreaterThanOrEqual(2);
		expect(error.message).toBe('Tencent Cloud Chat: set_callback failed (no answer in time)');
		expect(host.staticData).toEqual({});
		await activate(trigger, host);
		expect(sim.callback?.Url).toBe(host.url);
	});

	it('deactivation: delete_callback failing reports false and keeps the state; the next try deletes', async () => {
		host = await hostTrigger(trigger, tencentCredential(sim), params);
		await activate(trigger, host);
		sim.fault('POST', '/v4/room_config/delete_callback', {
			status: 500,
			body: 'Internal Server Error',
		});
		expect(await deactivate(trigger, host)).toBe(false);
		expect(host.staticData.commands).toBeDefined();
		expect(sim.callback?.Url).toBe(host.url);
		expect(await deactivate(trigger, host)).toBe(true);
		expect(sim.callback).toBeUndefined();
	});
});
