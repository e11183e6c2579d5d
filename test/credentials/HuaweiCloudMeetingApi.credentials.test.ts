/**
 * credentials/HuaweiCloudMeetingApi.credentials.ts: through the Huawei Cloud Meeting node against the
 * simulator (App ID, account and pasted tokens, reuse, renewal, refusals, the credential test), and
 * called directly as n8n calls it, with the HTTP helper played by a recorder (the exact token
 * requests, what a failed or empty answer says, what is kept of the caller's request).
 */
import { HuaweiCloudMeeting } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeeting.node';
import { HuaweiCloudMeetingApi } from '../../credentials/HuaweiCloudMeetingApi.credentials';
import { CredentialStore, runNode } from '../harness/n8n';
import type { HuaweiMeetingSimulator } from '../simulator/huaweiMeeting';
import {
	APP_ID,
	APP_KEY,
	appIdCredential,
	CORP_ID,
	startMeetingSimulator,
} from '../nodes/HuaweiCloudMeeting/setup';
import { helperAnswering, refused } from './requestHelper';

const node = new HuaweiCloudMeeting();
const getParams = { resource: 'eventPush', operation: 'get', scope: 'enterprise', corpId: CORP_ID };

describe('Huawei Cloud Meeting API credential', () => {
	let sim: HuaweiMeetingSimulator;
	beforeEach(async () => {
		sim = await startMeetingSimulator();
	});
	afterEach(async () => await sim.stop());

	it('authenticates once with the App ID and reuses the token across many executions', async () => {
		const store = appIdCredential(sim);
		for (let i = 0; i < 20; i++) await runNode(node, store, { params: getParams });
		expect(sim.authCalls).toBe(1);
		expect(store.preAuthCalls).toBe(1);
		const auth = sim.requests('POST', '/v2/usg/acs/auth/appauth')[0];
		expect(auth.headers['x-token-type']).toBe('LongTicket');
		expect(auth.headers.authorization).toMatch(/^HMAC-SHA256 signature=[0-9a-f]{64},access=/);
		expect(auth.json).toMatchObject({ appId: APP_ID, clientType: 72 });
		const gets = sim.requests('GET', '/v1/mmc/management/webhook/link-config');
		expect(gets).toHaveLength(20);
		expect(new Set(gets.map((g) => g.headers['x-access-token'])).size).toBe(1);
	});

	it('fetches a new token once when the API answers 401, and the call succeeds', async () => {
		const store = appIdCredential(sim);
		await runNode(node, store, { params: getParams });
		sim.expireAllTokens();
		const [item] = await runNode(node, store, { params: getParams });
		expect(item.json).toEqual({ configured: false });
		expect(sim.authCalls).toBe(2);
		expect(
			sim
				.requests('GET', '/v1/mmc/management/webhook/link-config')
				.map((r) => r.headers['x-access-token']),
		).toHaveLength(3);
	});

	it('renews a token shortly before it expires instead of sending it', async () => {
		const store = appIdCredential(sim);
		await runNode(node, store, { params: getParams });
		expect(store.data.sessionRenewAt).toBeGreaterThan(Date.now() + 11 * 3600_000);
		store.data.sessionRenewAt = Date.now() - 1; // as if 11 h 50 min had passed
		await runNode(node, store, { params: getParams });
		expect(sim.authCalls).toBe(2);
		const withoutToken = sim
			.requests('GET', '/v1/mmc/management/webhook/link-config')
			.filter((r) => !r.headers['x-access-token']);
		expect(withoutToken.length).toBeGreaterThan(0);
	});

	it('signs with the corp ID for an SP App ID', async () => {
		sim.apps.set('sp-app', { appKey: APP_KEY, sp: true });
		const store = appIdCredential(sim, {
			appId: 'sp-app',
			spMode: true,
			corpId: CORP_ID,
			userId: 'alice',
		});
		await runNode(node, store, { params: getParams });
		expect(sim.requests('POST', '/v2/usg/acs/auth/appauth')[0].json).toMatchObject({
			corpId: CORP_ID,
			userId: 'alice',
		});
		expect(sim.authCalls).toBe(1);
	});

	it('authenticates with account and password (Basic)', async () => {
		sim.accounts.set('admin@corp', 'pa55-word-for-tests');
		const store = new CredentialStore(new HuaweiCloudMeetingApi(), {
			authType: 'account',
			account: 'admin@corp',
			password: 'pa55-word-for-tests',
			region: 'custom',
			customBaseUrl: sim.baseUrl,
		});
		await runNode(node, store, { params: getParams });
		const auth = sim.requests('POST', '/v1/usg/acs/auth/account')[0];
		expect(auth.headers.authorization).toBe(
			`Basic ${Buffer.from('admin@corp:pa55-word-for-tests').toString('base64')}`,
		);
		expect(auth.json).toEqual({ account: 'admin@corp', clientType: 72 });
	});

	it('sends a pasted access token as is', async () => {
		sim.tokens.set('pasted-token-value', { expiresAt: Date.now() + 3600_000, subject: 'x' });
		const store = new CredentialStore(new HuaweiCloudMeetingApi(), {
			authType: 'token',
			accessToken: 'pasted-token-value',
			region: 'custom',
			customBaseUrl: sim.baseUrl,
		});
		await runNode(node, store, { params: getParams });
		expect(sim.requests('GET')[0].headers['x-access-token']).toBe('pasted-token-value');
		expect(sim.authCalls).toBe(0);
	});

	it('reports a wrong App Key clearly, without the key', async () => {
		const store = appIdCredential(sim, { appSecret: 'not-the-right-key-xyz' });
		const error = await runNode(node, store, { params: getParams }).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		const text = `${(error as Error).message} ${(error as { description?: string }).description ?? ''}`;
		expect(text).toMatch(/USG\.000000001/);
		expect(text).toMatch(/App ID and App Key/);
		expect(JSON.stringify(error)).not.toContain('not-the-right-key-xyz');
		expect(sim.requests('GET')).toHaveLength(0);
	});

	it('passes the credential test with valid data and fails it with a wrong key', async () => {
		expect(await appIdCredential(sim).test()).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const bad = await appIdCredential(sim, { appSecret: 'wrong' }).test();
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/authentication failed/);
		expect(sim.requests('POST', '/v1/usg/acs/token/validate')).toHaveLength(1);
	});

	it('uses the documented base URLs', () => {
		const cred = new HuaweiCloudMeetingApi();
		const region = cred.properties.find((p) => p.name === 'region')!;
		expect(JSON.stringify(region.options)).toContain('api.meeting.huaweicloud.com');
		expect(JSON.stringify(region.options)).toContain('api-intl.meeting.huaweicloud.com');
		expect(APP_KEY).not.toBe('');
	});
});

describe('Huawei Cloud Meeting API credential: token requests', () => {
	// A new credential per test: its `test` request, built by the constructor, is then covered by the test.
	let cred: HuaweiCloudMeetingApi;
	beforeEach(() => (cred = new HuaweiCloudMeetingApi()));
	const base = { region: 'custom', customBaseUrl: 'http://127.0.0.1:9' };
	const appId = { ...base, authType: 'appId', appId: 'app-1', appSecret: 'k' };
	const account = { ...base, authType: 'account', account: 'alice', password: 'pw' };

	it('App ID: the documented appauth request, its ticket valid for 5 minutes', async () => {
		const { helper, sent } = helperAnswering({ accessToken: 't', validPeriod: 3600 });
		const before = Math.floor(Date.now() / 1000);
		await cred.preAuthentication.call(helper, appId);
		expect(sent[0]).toMatchObject({
			method: 'POST',
			baseURL: 'http://127.0.0.1:9',
			url: '/v2/usg/acs/auth/appauth',
			headers: { 'X-Token-Type': 'LongTicket', 'Content-Type': 'application/json; charset=UTF-8' },
			json: true,
		});
		const body = sent[0].body as { expireTime: number; corpId?: string };
		expect(body.expireTime).toBeGreaterThanOrEqual(before + 300);
		expect(body.expireTime).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 300);
		expect(body).not.toHaveProperty('corpId');
	});

	it('an SP App ID without a corp ID signs an empty one (and sends none)', async () => {
		const { helper, sent } = helperAnswering({ accessToken: 't' });
		await cred.preAuthentication.call(helper, { ...appId, spMode: true });
		expect(sent[0].body).not.toHaveProperty('corpId');
		const plain = helperAnswering({ accessToken: 't' });
		await cred.preAuthentication.call(plain.helper, appId);
		// The signed text differs (corp part present but empty): so does the signature.
		expect(String(sent[0].headers!.Authorization)).not.toBe(
			String(plain.sent[0].headers!.Authorization),
		);
	});

	it('account: Basic authentication, JSON', async () => {
		const { helper, sent } = helperAnswering({ accessToken: 't' });
		await cred.preAuthentication.call(helper, account);
		expect(sent[0]).toMatchObject({
			url: '/v1/usg/acs/auth/account',
			headers: {
				Authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}`,
				'Content-Type': 'application/json; charset=UTF-8',
			},
			json: true,
		});
	});

	it('a refusal names the provider, its code and what to check for the authentication type', async () => {
		const body = { error_code: 'USG.000000001', error_msg: 'wrong' };
		const fromAppId = helperAnswering(refused(401, body), true);
		await expect(cred.preAuthentication.call(fromAppId.helper, appId)).rejects.toThrow(
			"Huawei Cloud Meeting authentication failed (USG.000000001: wrong). Check the credential's App ID and App Key and API base URL.",
		);
		const fromAccount = helperAnswering(refused(401, body), true);
		await expect(cred.preAuthentication.call(fromAccount.helper, account)).rejects.toThrow(
			"Huawei Cloud Meeting authentication failed (USG.000000001: wrong). Check the credential's account and password and API base URL.",
		);
	});

	it.each([[{}], [{ accessToken: '' }], [{ accessToken: 42 }], [null], ['text']])(
		'an answer without an access token (%j) is an error',
		async (answer) => {
			const { helper } = helperAnswering(answer);
			await expect(cred.preAuthentication.call(helper, appId)).rejects.toThrow(
				'Huawei Cloud Meeting authentication returned no access token',
			);
		},
	);

	it("authenticate keeps the caller's headers next to the token", async () => {
		const options = await cred.authenticate(
			{ ...appId, sessionToken: 'tok', sessionRenewAt: Date.now() + 60_000 },
			{ url: '/x', headers: { 'X-Request-Id': 'r1' } },
		);
		expect(options.headers).toEqual({ 'X-Request-Id': 'r1', 'X-Access-Token': 'tok' });
	});

	it('its credential test validates the token without asking for a new one or account data', () => {
		expect(cred.test.request).toEqual({
			method: 'POST',
			url: '/v1/usg/acs/token/validate',
			body: {
				token: '={{$credentials.sessionToken}}',
				needGenNewToken: false,
				needAccountInfo: false,
			},
		});
	});
});
