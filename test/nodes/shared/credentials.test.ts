/**
 * The credentials' token handling, called as n8n calls it, with the HTTP helper played by a recorder:
 * the exact token requests, what a failed or empty answer says, when a token is (not) sent, and what
 * each credential keeps of the caller's request.
 */
import { inflateSync } from 'node:zlib';

import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { HuaweiCloudApi } from '../../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudMeetingApi } from '../../../credentials/HuaweiCloudMeetingApi.credentials';
import { TencentCloudChatApi } from '../../../credentials/TencentCloudChatApi.credentials';

/** `this` of preAuthentication: n8n's request helper, answering with `answer` (or failing with it). */
function helperAnswering(answer: unknown, fail = false) {
	const sent: IHttpRequestOptions[] = [];
	const helper = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				sent.push(options);
				if (fail) throw answer;
				return answer;
			},
		},
	};
	return { helper: helper as never, sent };
}

/** A failed request as n8n's helper reports it (axios-like). */
const refused = (status: number, body: unknown) =>
	Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data: body },
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

describe('Tencent Cloud Chat API credential: REST query', () => {
	// A new credential per test: its `test` request, built by the constructor, is then covered by the test.
	let cred: TencentCloudChatApi;
	beforeEach(() => (cred = new TencentCloudChatApi()));
	const data = { sdkAppId: 1400000000, secretKey: 's', region: 'china', userSigExpire: 0 };
	const decode = (usersig: string) =>
		JSON.parse(
			inflateSync(
				Buffer.from(usersig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64'),
			).toString('utf8'),
		) as Record<string, unknown>;

	it('calls as the admin account (trimmed; "administrator" when blank), keeping the caller\'s query', async () => {
		const named = await cred.authenticate(
			{ ...data, adminAccount: '  ops-admin ' },
			{ url: '/v4/x', qs: { keep: 'me' } },
		);
		expect(named.qs).toMatchObject({ keep: 'me', identifier: 'ops-admin', sdkappid: 1400000000 });
		const blank = await cred.authenticate({ ...data, adminAccount: '' }, { url: '/v4/x' });
		expect(blank.qs).toMatchObject({ identifier: 'administrator' });
	});

	it('signs each UserSig for the validity set (a day when none)', async () => {
		const usersig = async (userSigExpire: number) =>
			decode(
				(
					(await cred.authenticate({ ...data, adminAccount: 'a', userSigExpire }, { url: '/' }))
						.qs as { usersig: string }
				).usersig,
			);
		expect((await usersig(3600))['TLS.expire']).toBe(3600);
		expect((await usersig(0))['TLS.expire']).toBe(86_400);
	});

	it('its credential test reads the callback configuration as JSON', () => {
		expect(cred.test.request).toEqual({
			method: 'POST',
			url: '/v4/room_config/get_callback',
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		});
	});
});
