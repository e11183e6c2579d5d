/**
 * Edges that mutation testing (`npm run mutate:security`, run of 2026-11-30) showed no test pinned:
 * each test here fails for the named mutant of the named line.
 */
import { inflateSync } from 'node:zlib';

import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	appIdAuthRequest,
	DEFAULT_TOKEN_LIFETIME_MS,
	MEETING_BASE_URLS,
	meetingBaseUrl,
	tokenExpiresAt,
	tokenIsFresh,
} from '../../../nodes/HuaweiCloudMeeting/auth';
import { genUserSig } from '../../../nodes/TencentCloudRoom/usersig';
import { DeliveryGuard, deliveryId } from '../../../nodes/shared/dedupe';
import type { SubscriptionAdapter } from '../../../nodes/shared/lifecycle';
import { STATE_URL, subscriptionLifecycle } from '../../../nodes/shared/lifecycle';
import { isoString, toNumber } from '../../../nodes/shared/time';
import { nodeScope, reply } from '../../../nodes/shared/webhook';

describe('Huawei Cloud Meeting auth', () => {
	it('defaults to the China API when no region is set', () => {
		expect(meetingBaseUrl({})).toBe(MEETING_BASE_URLS.china);
	});

	it('sends userId and corpId only when given', () => {
		const base = { appId: 'app', appKey: 'key', expireTime: 0, nonce: 'n'.repeat(32) };
		expect(appIdAuthRequest(base).body).not.toHaveProperty('userId');
		expect(appIdAuthRequest(base).body).not.toHaveProperty('corpId');
		const full = appIdAuthRequest({ ...base, userId: 'u1', spCorpId: 'corp1' }).body;
		expect(full).toMatchObject({ userId: 'u1', corpId: 'corp1' });
	});

	it('reads the expiry from expireTime (seconds), else validPeriod, else 12 h; zero, negative and junk do not count', () => {
		const now = 1_700_000_000_000;
		expect(tokenExpiresAt({ expireTime: 1_700_003_600 }, now)).toBe(1_700_003_600_000);
		expect(tokenExpiresAt({ validPeriod: 600 }, now)).toBe(now + 600_000);
		for (const junk of [0, -5, 'soon', null])
			expect(tokenExpiresAt({ expireTime: junk, validPeriod: junk }, now)).toBe(
				now + DEFAULT_TOKEN_LIFETIME_MS,
			);
		expect(tokenExpiresAt({ expireTime: 0, validPeriod: 60 }, now)).toBe(now + 60_000);
	});

	it('a pasted token is always fresh; an issued one only before its renewal time', () => {
		const now = 1_700_000_000_000;
		expect(
			tokenIsFresh({ authType: 'token', sessionToken: 't', sessionRenewAt: now - 1 }, now),
		).toBe(true);
		expect(
			tokenIsFresh({ authType: 'appId', sessionToken: 't', sessionRenewAt: now - 1 }, now),
		).toBe(false);
		expect(tokenIsFresh({ authType: 'token', sessionToken: '' }, now)).toBe(false);
	});
});

describe('webhook helpers', () => {
	it('reply() tells n8n the answer is sent, so that n8n does not answer again', () => {
		const res = { status: () => res, json: () => res };
		const ctx = { getResponseObject: () => res } as unknown as IWebhookFunctions;
		expect(reply(ctx, 401, { error: 'x' })).toEqual({ noWebhookResponse: true });
	});

	it('nodeScope keys state by workflow ID and node ID (the name only when there is no ID)', () => {
		const ctx = (workflowId: string | undefined, node: object) =>
			({
				getWorkflow: () => ({ id: workflowId }),
				getNode: () => node,
			}) as unknown as IWebhookFunctions;
		expect(nodeScope(ctx('wf1', { id: 'n1', name: 'Trigger' }))).toBe('wf1:n1');
		expect(nodeScope(ctx('wf1', { name: 'Trigger' }))).toBe('wf1:Trigger');
		expect(nodeScope(ctx(undefined, { id: 'n1', name: 'Trigger' }))).toBe(':n1');
	});
});

describe('duplicate guard', () => {
	it('never holds more than maxEntries keys: the oldest is pushed out', () => {
		const guard = new DeliveryGuard(3);
		for (const key of ['a', 'b', 'c', 'd', 'e']) expect(guard.firstSeen(key, 60_000, 1)).toBe(true);
		expect(guard.size).toBe(3);
		expect(guard.firstSeen('a', 60_000, 2)).toBe(true);
		expect(guard.firstSeen('e', 60_000, 2)).toBe(false);
	});

	it('deliveryId is 32 hex characters', () => {
		expect(deliveryId('x')).toMatch(/^[0-9a-f]{32}$/);
	});
});

describe('time helpers', () => {
	it('isoString: blank text is no time', () => {
		expect(isoString('   ')).toBeUndefined();
		expect(isoString('')).toBeUndefined();
	});

	it('toNumber reads decimals with several digits', () => {
		expect(toNumber('1.25')).toBe(1.25);
		expect(toNumber(' -3.125 ')).toBe(-3.125);
	});
});

describe('UserSig', () => {
	const decode = (sig: string) =>
		JSON.parse(
			inflateSync(
				Buffer.from(sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64'),
			).toString('utf8'),
		) as Record<string, unknown>;

	it('is dated now when no time is given', () => {
		const before = Math.floor(Date.now() / 1000);
		const doc = decode(genUserSig(1400000000, 'k'.repeat(64), 'administrator'));
		expect(doc['TLS.time']).toBeGreaterThanOrEqual(before);
		expect(doc['TLS.time']).toBeLessThanOrEqual(before + 5);
	});

	it("keeps base64's padding, written as '_' (the length stays a multiple of 4)", () => {
		let padded = 0;
		for (let i = 0; i < 12; i++) {
			const sig = genUserSig(1400000000, 'k'.repeat(64), `user${'x'.repeat(i)}`, 86400, 1700000000);
			expect(sig).not.toContain('=');
			expect(sig.length % 4).toBe(0);
			if (sig.endsWith('_')) padded++;
		}
		expect(padded).toBeGreaterThan(0);
	});
});

describe('subscription lifecycle', () => {
	const URL_OURS = 'https://n8n.example.com/webhook/abc/webhook';
	type Remote = { url: string };

	function setUp(
		remote: Remote | undefined,
		readError?: unknown,
		options: { replaceRestores?: boolean; url?: string } = {},
	) {
		const state: Record<string, unknown> = {};
		const calls: string[] = [];
		const logs: string[] = [];
		const adapter: SubscriptionAdapter<Remote> = {
			what: 'Test push',
			receives: 'test events',
			replaceOptionLabel: 'Replace',
			replaceRestores: options.replaceRestores ?? true,
			read: async () => {
				if (readError) throw readError;
				return remote;
			},
			urlOf: (r) => r.url,
			isActive: () => true,
			register: async (url) => {
				calls.push(`register ${url}`);
			},
			unregister: async () => {
				calls.push('unregister');
			},
		};
		const ctx = {
			getNodeWebhookUrl: () => options.url ?? URL_OURS,
			getWorkflowStaticData: () => state,
			getNodeParameter: () => false,
			getNode: () => ({ name: 'Trigger' }),
			logger: { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) },
		} as unknown as IHookFunctions;
		return { lifecycle: subscriptionLifecycle(adapter), ctx, state, calls, logs };
	}

	it('checkExists: a provider pointing at another URL is not ours, even with our URL saved and the configuration active', async () => {
		const { lifecycle, ctx, state } = setUp({ url: 'https://elsewhere.example.com/hook' });
		state[STATE_URL] = URL_OURS;
		expect(await lifecycle.checkExists.call(ctx)).toBe(false);
	});

	it("delete leaves someone else's registration alone and says so", async () => {
		const { lifecycle, ctx, calls, logs } = setUp({ url: 'https://elsewhere.example.com/hook' });
		expect(await lifecycle.delete.call(ctx)).toBe(true);
		expect(calls).toEqual([]);
		expect(logs).toEqual(['Test push now points elsewhere; nothing to remove']);
	});

	it("a test listen that would destroy someone else's registration says why, and what to do", async () => {
		const { lifecycle, ctx, calls } = setUp(
			{ url: 'https://elsewhere.example.com/hook' },
			undefined,
			{ replaceRestores: false, url: URL_OURS.replace('/webhook/', '/webhook-test/') },
		);
		(ctx as unknown as { getNodeParameter: () => boolean }).getNodeParameter = () => true;
		await expect(lifecycle.create.call(ctx)).rejects.toMatchObject({
			message:
				'A test listen does not replace the Test push configuration that delivers to https://elsewhere.example.com/hook',
			description:
				'Replacing it deletes it for good (it cannot be put back when the test ends). Activate the workflow with "Replace" on if you mean to take it over, or remove it first.',
		});
		expect(calls).toEqual([]);
	});

	it('create reports success to n8n', async () => {
		const { lifecycle, ctx, calls, state } = setUp(undefined);
		expect(await lifecycle.create.call(ctx)).toBe(true);
		expect(calls).toEqual([`register ${URL_OURS}`]);
		expect(state[STATE_URL]).toBe(URL_OURS);
	});

	it('delete: a registration already gone (404) counts as removed; another failure keeps the state for the next attempt', async () => {
		const gone = setUp(undefined, { httpCode: '404', response: { status: 404 } });
		gone.state.authKey = 'k';
		expect(await gone.lifecycle.delete.call(gone.ctx)).toBe(true);
		expect(gone.state).toEqual({});

		const down = setUp(undefined, { httpCode: '503', response: { status: 503 }, message: 'down' });
		down.state.authKey = 'k';
		expect(await down.lifecycle.delete.call(down.ctx)).toBe(false);
		expect(down.state).toEqual({ authKey: 'k' });
		expect(down.logs.join()).toContain('Could not remove the Test push registration');
	});
});
