/**
 * credentials/TencentCloudChatApi.credentials.ts: through the Tencent Cloud Room node against the
 * simulator (the query every call carries, a valid UserSig, the credential test and its refusals),
 * and authenticate/test called directly (the admin account, the UserSig validity).
 */
import { inflateSync } from 'node:zlib';

import { TencentCloudChatApi } from '../../credentials/TencentCloudChatApi.credentials';
import { TencentCloudRoom } from '../../nodes/TencentCloudRoom/TencentCloudRoom.node';
import { runNode } from '../harness/n8n';
import type { TencentRoomSimulator } from '../simulator/tencentRoom';
import {
	SDK_APP_ID,
	SECRET_KEY,
	startTencentSimulator,
	tencentCredential,
} from '../nodes/TencentCloudRoom/setup';

const node = new TencentCloudRoom();

describe('Tencent Cloud Chat API credential', () => {
	let sim: TencentRoomSimulator;
	beforeEach(async () => (sim = await startTencentSimulator()));
	afterEach(async () => await sim.stop());

	it('sends sdkappid, identifier, a valid UserSig, random and contenttype on every call', async () => {
		await runNode(node, tencentCredential(sim), {
			params: { resource: 'callback', operation: 'get' },
		});
		const [req] = sim.requests('POST', '/v4/room_config/get_callback');
		expect(req.query.get('sdkappid')).toBe(String(SDK_APP_ID));
		expect(req.query.get('identifier')).toBe('administrator');
		expect(req.query.get('contenttype')).toBe('json');
		expect(Number(req.query.get('random'))).toBeLessThanOrEqual(4294967295);
		expect(sim.checkUserSig(req.query.get('usersig')!, 'administrator')).toBeUndefined();
		expect(req.rawBody).toBe('{}');
		expect(req.query.toString()).not.toContain(SECRET_KEY);
	});

	it('passes the credential test, and fails it with a wrong key or a non-admin account', async () => {
		expect(await tencentCredential(sim).test()).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(await tencentCredential(sim, { secretKey: 'wrong' }).test()).toEqual({
			status: 'Error',
			message:
				'Tencent Cloud rejected the request: check the SDKAppID, secret key, admin account and API host',
		});
		const store = tencentCredential(sim, { secretKey: 'wrong' });
		const error = await runNode(node, store, {
			params: { resource: 'callback', operation: 'get' },
		}).catch((e) => e);
		expect(error.message).toBe(
			'Tencent Cloud Chat: get_callback failed (60004: UserSig signature is invalid)',
		);
		expect(error.description).toMatch(/secret key/);
		const notAdmin = await runNode(node, tencentCredential(sim, { adminAccount: 'bob' }), {
			params: { resource: 'callback', operation: 'get' },
		}).catch((e) => e);
		expect(notAdmin.message).toMatch(/60010/);
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
