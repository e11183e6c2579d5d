/**
 * credentials/HuaweiCloudApi.credentials.ts: through the SparkRTC node against the simulated API
 * gateway (AK/SK signing, security token, IAM and pasted tokens, refusals, the credential test), and
 * called directly as n8n calls it, with the HTTP helper played by a recorder (IAM token requests,
 * what a failed or empty answer says, when the token is sent).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudSparkRtc } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtc.node';
import { CredentialStore, runNode } from '../harness/n8n';
import type { HuaweiSparkRtcSimulator } from '../simulator/huaweiSparkRtc';
import {
	AK,
	akSkCredential,
	APP_ID,
	iamCredential,
	PROJECT_ID,
	SK,
	startRtcSimulator,
} from '../nodes/HuaweiCloudSparkRtc/setup';
import { helperAnswering, refused } from './requestHelper';

const node = new HuaweiCloudSparkRtc();
const PATH = `/v2/apps/${APP_ID}/record-callback`;

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

describe('Huawei Cloud API credential: IAM tokens', () => {
	// A new credential per test: its `test` request, built by the constructor, is then covered by the test.
	let cred: HuaweiCloudApi;
	beforeEach(() => (cred = new HuaweiCloudApi()));
	const iam: ICredentialDataDecryptedObject = {
		authType: 'iam',
		username: 'u',
		password: 'p',
		domainName: 'd',
		projectName: 'cn-north-4',
		iamEndpoint: 'http://127.0.0.1:9',
	};
	const full = (headers: Record<string, string>, body: unknown) => ({ headers, body });

	it('a refusal names IAM, its code and what to check', async () => {
		const { helper } = helperAnswering(
			refused(401, { error: { code: 'IAM.0004', message: 'The username or password is wrong.' } }),
			true,
		);
		await expect(cred.preAuthentication.call(helper, iam)).rejects.toThrow(
			'Huawei Cloud IAM authentication failed (IAM.0004: The username or password is wrong.). Check the IAM user name, password, account name, project and IAM endpoint.',
		);
	});

	it.each([[{}], [{ 'x-subject-token': '' }], [{ 'x-subject-token': ['a'] }]])(
		'an answer without an X-Subject-Token (%j) is an error',
		async (headers) => {
			const { helper } = helperAnswering(full(headers as never, {}));
			await expect(cred.preAuthentication.call(helper, iam)).rejects.toThrow(
				'Huawei Cloud IAM returned no X-Subject-Token',
			);
		},
	);

	it('without expires_at the token is renewed after 23 hours; with it, before it expires', async () => {
		const before = Date.now();
		const bare = helperAnswering(full({ 'x-subject-token': 'T' }, { token: {} }));
		const kept = await cred.preAuthentication.call(bare.helper, iam);
		expect(kept.iamToken).toBe('T');
		expect(kept.iamRenewAt).toBeGreaterThanOrEqual(before + 23 * 3600_000);
		expect(kept.iamRenewAt).toBeLessThanOrEqual(Date.now() + 23 * 3600_000);
		const expiresAt = before + 24 * 3600_000;
		const dated = helperAnswering(
			full(
				{ 'x-subject-token': 'T' },
				{ token: { expires_at: new Date(expiresAt).toISOString() } },
			),
		);
		expect((await cred.preAuthentication.call(dated.helper, iam)).iamRenewAt).toBeLessThan(
			expiresAt,
		);
	});

	it('sends the IAM token only before its renewal time; a pasted token always', async () => {
		const header = async (data: ICredentialDataDecryptedObject) =>
			(await cred.authenticate(data, { url: '/v2/apps', headers: { 'X-Trace': '1' } })).headers;
		const future = Date.now() + 60_000;
		const past = Date.now() - 1;
		expect(await header({ ...iam, iamToken: 'T', iamRenewAt: future })).toEqual({
			'X-Trace': '1',
			'X-Auth-Token': 'T',
		});
		expect(await header({ ...iam, iamToken: 'T', iamRenewAt: past })).toEqual({ 'X-Trace': '1' });
		expect(await header({ ...iam, iamToken: '', iamRenewAt: future })).toEqual({ 'X-Trace': '1' });
		expect(
			await header({ authType: 'token', iamToken: 'P', iamRenewAt: past, token: 'P' }),
		).toEqual({ 'X-Trace': '1', 'X-Auth-Token': 'P' });
	});

	it('its credential test lists the projects at the IAM endpoint', () => {
		expect(cred.test.request).toEqual({
			method: 'GET',
			baseURL: '={{$credentials.iamEndpoint}}',
			url: '/v3/projects',
		});
	});
});
