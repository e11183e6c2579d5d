import { HuaweiCloudSparkRtc } from '../../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtc.node';
import { runNode } from '../../harness/n8n';
import type { HuaweiSparkRtcSimulator } from '../../simulator/huaweiSparkRtc';
import { akSkCredential, APP_ID, startRtcSimulator } from './setup';

// The credential (AK/SK signing, IAM tokens) against the simulated gateway is tested in
// test/credentials/HuaweiCloudApi.credentials.test.ts.
const node = new HuaweiCloudSparkRtc();
const PATH = `/v2/apps/${APP_ID}/record-callback`;
const AUTH_KEY = 'a'.repeat(16) + Math.random().toString(36).slice(2).padEnd(16, 'x');

describe('Huawei Cloud SparkRTC node: Recording Callback', () => {
	let sim: HuaweiSparkRtcSimulator;
	beforeEach(async () => (sim = await startRtcSimulator()));
	afterEach(async () => await sim.stop());

	it('Update PUTs url, auth_key and notify_event_subscription; Get reads it back without the key', async () => {
		const store = akSkCredential(sim);
		const [updated] = await runNode(node, store, {
			params: {
				resource: 'recordCallback',
				operation: 'update',
				appId: APP_ID,
				url: 'https://example.com/rec',
				authKey: AUTH_KEY,
				events: ['RECORD_FILE_COMPLETE'],
			},
		});
		const put = sim.requests('PUT', PATH)[0];
		expect(put.json).toEqual({
			url: 'https://example.com/rec',
			auth_key: AUTH_KEY,
			notify_event_subscription: ['RECORD_FILE_COMPLETE'],
		});
		expect(put.headers['content-type']).toMatch(/^application\/json/);
		expect(sim.verifySignature(put)).toBeUndefined();
		expect(updated.json).toMatchObject({
			appId: APP_ID,
			configured: true,
			url: 'https://example.com/rec',
			authKeySet: true,
		});
		expect(JSON.stringify(updated.json)).not.toContain(AUTH_KEY);
		const [got] = await runNode(node, store, {
			params: { resource: 'recordCallback', operation: 'get', appId: APP_ID },
		});
		expect(got.json).toMatchObject({
			url: 'https://example.com/rec',
			notify_event_subscription: ['RECORD_FILE_COMPLETE'],
			authKeySet: true,
		});
		expect(got.json.update_time).toMatch(/Z$/);
	});

	it('an unknown app ID gives a 404 NodeApiError with the provider code', async () => {
		const error = await runNode(node, akSkCredential(sim), {
			params: { resource: 'recordCallback', operation: 'get', appId: 'nope' },
		}).catch((e) => e);
		expect(error.message).toBe(
			'Huawei Cloud SparkRTC: Get recording callback failed (RTC.00001003: InvalidParameterValue)',
		);
		expect(error.httpCode).toBe('404');
	});

	it('validates URL and auth key before sending', async () => {
		const store = akSkCredential(sim);
		await expect(
			runNode(node, store, {
				params: {
					resource: 'recordCallback',
					operation: 'update',
					appId: APP_ID,
					url: 'ftp://x',
					authKey: '',
					events: [],
				},
			}),
		).rejects.toThrow(/http:\/\//);
		await expect(
			runNode(node, store, {
				params: {
					resource: 'recordCallback',
					operation: 'update',
					appId: APP_ID,
					url: 'https://x',
					authKey: 'short',
					events: [],
				},
			}),
		).rejects.toThrow(/32 to 64/);
		expect(sim.log).toHaveLength(0);
	});

	it('a provider 400 (error_code/error_msg) becomes a NodeApiError', async () => {
		sim.fault('PUT', PATH, {
			status: 400,
			body: { error_code: 'RTC.00001018', error_msg: 'callback url unavailable' },
		});
		const error = await runNode(node, akSkCredential(sim), {
			params: {
				resource: 'recordCallback',
				operation: 'update',
				appId: APP_ID,
				url: 'https://example.com/rec',
				authKey: '',
				events: [],
			},
		}).catch((e) => e);
		expect(error.message).toMatch(/RTC\.00001018: callback url unavailable/);
		expect(error.description).toMatch(/cannot use this callback URL/);
	});
});
