import { NodeApiError } from 'n8n-workflow';

import { HuaweiCloudApi } from '../../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudSparkRtc } from '../../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtc.node';
import { CredentialStore, runNode } from '../../harness/n8n';
import type { HuaweiSparkRtcSimulator } from '../../simulator/huaweiSparkRtc';
import {
	AK,
	akSkCredential,
	APP_ID,
	iamCredential,
	PROJECT_ID,
	SK,
	startRtcSimulator,
} from './setup';

const node = new HuaweiCloudSparkRtc();
const PATH = `/v2/apps/${APP_ID}/record-callback`;
const AUTH_KEY = 'a'.repeat(16) + Math.random().toString(36).slice(2).padEnd(16, 'x');

describe('Huawei Cloud API credential against the simulated gateway', () => {
	let sim: HuaweiSparkRtcSimulator;
	beforeEach(async () => (sim = await startRtcSimulator()));
	afterEach(async () => await sim.stop());
	const get = { resource: 'recordCallback', operation: 'get', appId: APP_ID };

	it('AK/SK: signs every call as the gateway verifies it, with X-Project-Id', async () => {
		const [item] = await runNode(node, akSkCredential(sim), { params: get });
		expect(item.json).toEqual({ appId: APP_ID, configured: false, authKeySet: false });
		const [req] = sim.requests('GET', PATH);
		expect(req.headers.authorization).toMatch(
			new RegExp(
				`^SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$`,
			),
		);
		expect(req.headers['x-project-id']).toBe(PROJECT_ID);
		expect(sim.verifySignature(req)).toBeUndefined();
	});

	it('AK/SK with a temporary security token signs X-Security-Token too', async () => {
		sim.accessKeys.set('TEMPAK', { secretKey: SK, securityToken: 'sec-token-value' });
		await runNode(
			node,
			akSkCredential(sim, { accessKey: 'TEMPAK', securityToken: 'sec-token-value' }),
			{ params: get },
		);
		expect(sim.requests('GET', PATH)[0].headers.authorization).toContain('x-security-token');
		expect(sim.requests('GET', PATH)[0].headers['x-security-token']).toBe('sec-token-value');
	});

	it('a wrong secret key (tampered signature) becomes a clear NodeApiError', async () => {
		const error = await runNode(node, akSkCredential(sim, { secretKey: 'not-the-secret' }), {
			params: get,
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Huawei Cloud SparkRTC: Get recording callback failed (APIGW.0301: Incorrect IAM authentication information: verify aksk signature fail)',
		);
		expect(error.description).toMatch(/AK\/SK/);
		expect(JSON.stringify(error)).not.toContain('not-the-secret');
	});

	it('a clock too far off is refused by the gateway (clock-skew limit)', async () => {
		sim.clockSkewMs = -1;
		const error = await runNode(node, akSkCredential(sim), { params: get }).catch((e) => e);
		expect(error.message).toMatch(/request expired/);
	});

	it('IAM: one token for many executions, sent as X-Auth-Token; a 401 fetches a new one once', async () => {
		const store = iamCredential(sim);
		for (let i = 0; i < 10; i++) await runNode(node, store, { params: get });
		expect(sim.iamCalls).toBe(1);
		const auth = sim.requests('POST', '/v3/auth/tokens')[0].json as {
			auth: { scope: unknown; identity: { methods: string[] } };
		};
		expect(auth.auth.identity.methods).toEqual(['password']);
		expect(auth.auth.scope).toEqual({ project: { name: 'cn-north-4' } });
		const tokens = new Set(sim.requests('GET', PATH).map((r) => r.headers['x-auth-token']));
		expect(tokens.size).toBe(1);
		sim.expireAllTokens();
		await runNode(node, store, { params: get });
		expect(sim.iamCalls).toBe(2);
	});

	it('IAM: a wrong password is reported clearly', async () => {
		const error = await runNode(node, iamCredential(sim, { password: 'wrong-password' }), {
			params: get,
		}).catch((e) => e);
		expect(`${error.message} ${error.description}`).toMatch(/IAM\.0004/);
		expect(`${error.message} ${error.description}`).not.toContain('wrong-password');
	});

	it('a pasted token is sent as X-Auth-Token', async () => {
		sim.tokens.set('pasted-iam-token', Date.now() + 3600_000);
		const store = new CredentialStore(new HuaweiCloudApi(), {
			authType: 'token',
			token: 'pasted-iam-token',
			rtcEndpoint: sim.baseUrl,
			iamEndpoint: sim.baseUrl,
		});
		await runNode(node, store, { params: get });
		expect(sim.requests('GET', PATH)[0].headers['x-auth-token']).toBe('pasted-iam-token');
	});

	it('credential test: OK for valid AK/SK and IAM, Error otherwise', async () => {
		expect((await akSkCredential(sim).test()).status).toBe('OK');
		expect(sim.verifySignature(sim.requests('GET', '/v3/projects')[0])).toBeUndefined();
		expect((await iamCredential(sim).test()).status).toBe('OK');
		expect((await akSkCredential(sim, { secretKey: 'x' }).test()).status).toBe('Error');
		expect((await iamCredential(sim, { password: 'x' }).test()).status).toBe('Error');
	});
});

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
