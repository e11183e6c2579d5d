import { HuaweiCloudMeeting } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeeting.node';
import { HuaweiCloudMeetingApi } from '../../../credentials/HuaweiCloudMeetingApi.credentials';
import { CredentialStore, runNode } from '../../harness/n8n';
import type { HuaweiMeetingSimulator } from '../../simulator/huaweiMeeting';
import { APP_ID, APP_KEY, appIdCredential, CORP_ID, startMeetingSimulator } from './setup';

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
