/**
 * nodes/TencentCloudRoom/TencentCloudRoomTriggerHelpers.ts: Sign and RequestTime (formats, the
 * window and its boundary both ways, another tenant's Sign), each refusal's code and text, and the
 * credential cache (per workflow node and credential, its TTL and bound, a fresh read when the kept
 * copy refuses).
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import {
	clearCredentialCache,
	credentialCacheLimits,
	REJECT,
	roomCallbackSign,
	verifyCallback,
} from '../../../nodes/TencentCloudRoom/TencentCloudRoomTriggerHelpers';

describe('Tencent Cloud Room: Sign, window and the credential cache', () => {
	const now = 1_700_000_000_000;
	const requestTime = String(now / 1000);
	let reads = 0;
	const credentialFor: Record<string, IDataObject> = {};
	const ctx = (workflowId: string, credentialId: string) =>
		({
			getNode: () => ({
				id: 'n1',
				name: 'Trigger',
				credentials: { tencentCloudChatApi: { id: credentialId } },
			}),
			getWorkflow: () => ({ id: workflowId }),
			getCredentials: async () => {
				reads++;
				return credentialFor[credentialId];
			},
		}) as unknown as IWebhookFunctions;
	const query = (sdkAppId: string, token: string, time = requestTime) => ({
		SdkAppid: sdkAppId,
		RequestTime: time,
		Sign: roomCallbackSign(token, time),
	});

	beforeEach(() => {
		clearCredentialCache();
		reads = 0;
		credentialFor.a = { sdkAppId: '1400000001', callbackToken: 'token-a' };
		credentialFor.b = { sdkAppId: '1400000002', callbackToken: 'token-b' };
	});

	it('names each refusal with its code and text', async () => {
		const a = ctx('wf', 'a');
		expect(await verifyCallback(a, query('1400000001', 'token-a'), {}, now)).toEqual({
			sdkAppId: '1400000001',
		});
		expect(await verifyCallback(a, query('1400000002', 'token-a'), {}, now)).toEqual({
			rejection: { code: REJECT.foreignApp, info: 'SdkAppid does not match' },
		});
		expect(
			await verifyCallback(a, { ...query('1400000001', 'token-a'), Sign: undefined }, {}, now),
		).toEqual({
			rejection: { code: REJECT.badSign, info: 'Sign and RequestTime are required' },
		});
		expect(await verifyCallback(a, query('1400000001', 'token-b'), {}, now)).toEqual({
			rejection: { code: REJECT.badSign, info: 'Invalid Sign' },
		});
		expect(
			await verifyCallback(a, query('1400000001', 'token-a', String(now / 1000 - 301)), {}, now),
		).toEqual({
			rejection: { code: REJECT.staleRequest, info: 'RequestTime is outside the allowed window' },
		});
	});

	it('RequestTime must be 1 to 12 digits, nothing around them', async () => {
		const a = ctx('wf', 'a');
		for (const time of [`x${requestTime}`, `${requestTime}x`, '1234567890123', '', ' 1'])
			expect(await verifyCallback(a, query('1400000001', 'token-a', time), {}, now)).toEqual({
				rejection: { code: REJECT.badSign, info: 'Sign and RequestTime are required' },
			});
	});

	it('the window includes its boundary in both directions and is configurable', async () => {
		const a = ctx('wf', 'a');
		const at = (offset: number, options: IDataObject = {}) =>
			verifyCallback(a, query('1400000001', 'token-a', String(now / 1000 + offset)), options, now);
		expect(await at(300)).toEqual({ sdkAppId: '1400000001' });
		expect(await at(-300)).toEqual({ sdkAppId: '1400000001' });
		expect(await at(301)).toHaveProperty('rejection.code', REJECT.staleRequest);
		expect(await at(-301)).toHaveProperty('rejection.code', REJECT.staleRequest);
		expect(await at(-30, { requestTimeWindow: 30 })).toEqual({ sdkAppId: '1400000001' });
		expect(await at(-31, { requestTimeWindow: 30 })).toHaveProperty(
			'rejection.code',
			REJECT.staleRequest,
		);
	});

	it("another tenant's Sign of the same second is refused", async () => {
		const a = ctx('wf-a', 'a');
		const b = ctx('wf-b', 'b');
		expect(await verifyCallback(a, query('1400000001', 'token-a'), {}, now)).toEqual({
			sdkAppId: '1400000001',
		});
		expect(await verifyCallback(b, query('1400000002', 'token-a'), {}, now)).toHaveProperty(
			'rejection.info',
			'Invalid Sign',
		);
		expect(await verifyCallback(b, query('1400000002', 'token-b'), {}, now)).toEqual({
			sdkAppId: '1400000002',
		});
		expect(await verifyCallback(a, query('1400000001', 'token-b'), {}, now)).toHaveProperty(
			'rejection.info',
			'Invalid Sign',
		);
		// The next second needs its own Sign.
		const next = String(now / 1000 + 1);
		expect(
			await verifyCallback(
				a,
				{ ...query('1400000001', 'token-a', next), Sign: roomCallbackSign('token-a', requestTime) },
				{},
				now,
			),
		).toHaveProperty('rejection.info', 'Invalid Sign');
		expect(await verifyCallback(a, query('1400000001', 'token-a', next), {}, now)).toEqual({
			sdkAppId: '1400000001',
		});
	});

	it('reads the credential once per workflow node and credential, until the TTL ends', async () => {
		const a = ctx('wf', 'a');
		await verifyCallback(a, query('1400000001', 'token-a'), {}, now);
		await verifyCallback(a, query('1400000001', 'token-a'), {}, now + 1);
		expect(reads).toBe(1);
		// Exactly at the end of the TTL the kept copy no longer serves.
		await verifyCallback(
			a,
			query('1400000001', 'token-a', String((now + credentialCacheLimits.ttlMs) / 1000)),
			{},
			now + credentialCacheLimits.ttlMs,
		);
		expect(reads).toBe(2);
		// The same node given another credential reads that one (no refusal, no second read).
		credentialFor.c = { ...credentialFor.a };
		await verifyCallback(
			ctx('wf', 'c'),
			query('1400000001', 'token-a', String((now + credentialCacheLimits.ttlMs) / 1000)),
			{},
			now + credentialCacheLimits.ttlMs,
		);
		expect(reads).toBe(3);
	});

	it('keeps at most maxEntries workflow nodes', async () => {
		const limit = credentialCacheLimits.maxEntries;
		credentialCacheLimits.maxEntries = 2;
		try {
			for (const wf of ['w1', 'w2', 'w3'])
				await verifyCallback(ctx(wf, 'a'), query('1400000001', 'token-a'), {}, now);
			expect(reads).toBe(3);
			await verifyCallback(ctx('w3', 'a'), query('1400000001', 'token-a'), {}, now);
			await verifyCallback(ctx('w2', 'a'), query('1400000001', 'token-a'), {}, now);
			expect(reads).toBe(3);
			await verifyCallback(ctx('w1', 'a'), query('1400000001', 'token-a'), {}, now);
			expect(reads).toBe(4);
		} finally {
			credentialCacheLimits.maxEntries = limit;
		}
	});

	it('a callback the kept copy refuses is checked again with a fresh read', async () => {
		const a = ctx('wf', 'a');
		await verifyCallback(a, query('1400000001', 'token-a'), {}, now);
		credentialFor.a = { sdkAppId: '1400000001', callbackToken: 'token-new' };
		expect(await verifyCallback(a, query('1400000001', 'token-new'), {}, now)).toEqual({
			sdkAppId: '1400000001',
		});
		expect(reads).toBe(2);
		// A stale callback is not worth a second read.
		await verifyCallback(a, query('1400000001', 'token-new', String(now / 1000 - 1000)), {}, now);
		expect(reads).toBe(2);
	});
});
