/**
 * nodes/HuaweiCloudMeeting/auth.ts: App ID authentication (the signed string, the documented
 * request), the API base URL, token expiry and renewal.
 */
import { createHmac } from 'node:crypto';

import {
	appIdAuthRequest,
	appIdSigningString,
	DEFAULT_TOKEN_LIFETIME_MS,
	MEETING_BASE_URLS,
	meetingBaseUrl,
	tokenExpiresAt,
	tokenIsFresh,
	tokenRenewAt,
} from '../../../nodes/HuaweiCloudMeeting/auth';

describe('App ID authentication', () => {
	const base = { appId: 'app', appKey: 'key', expireTime: 1627722929, nonce: 'n'.repeat(32) };

	it('signs appId:userId:expireTime:nonce for a single enterprise', () => {
		expect(appIdSigningString({ ...base, userId: 'u1' })).toBe(
			`app:u1:1627722929:${'n'.repeat(32)}`,
		);
	});

	it('keeps both colons for the default administrator', () => {
		expect(appIdSigningString(base)).toBe(`app::1627722929:${'n'.repeat(32)}`);
	});

	it('includes the corp ID for an SP App ID, and three colons for the SP default admin', () => {
		expect(appIdSigningString({ ...base, spCorpId: 'corp', userId: 'u1' })).toBe(
			`app:corp:u1:1627722929:${'n'.repeat(32)}`,
		);
		expect(appIdSigningString({ ...base, spCorpId: '' })).toBe(
			`app:::1627722929:${'n'.repeat(32)}`,
		);
	});

	it('builds the documented Authorization header and body', () => {
		const { authorization, body } = appIdAuthRequest({ ...base, userId: 'u1' });
		const expected = createHmac('sha256', 'key')
			.update(`app:u1:1627722929:${'n'.repeat(32)}`)
			.digest('hex');
		expect(authorization).toBe(
			`HMAC-SHA256 signature=${expected},access=${Buffer.from('app').toString('base64')}`,
		);
		expect(body).toEqual({
			appId: 'app',
			clientType: 72,
			expireTime: 1627722929,
			nonce: 'n'.repeat(32),
			userId: 'u1',
		});
		expect(appIdAuthRequest(base).body).not.toHaveProperty('corpId');
	});

	it('reads token expiry from expireTime (s), then validPeriod, then assumes 12 h', () => {
		expect(tokenExpiresAt({ expireTime: 1627768613 }, 0)).toBe(1627768613000);
		expect(tokenExpiresAt({ validPeriod: 100 }, 5000)).toBe(105000);
		expect(tokenExpiresAt({}, 0)).toBe(12 * 3600 * 1000);
	});

	it('renews a token 10 minutes before it expires, or halfway through a shorter life', () => {
		const now = 1_000_000_000_000;
		const in12h = Math.floor(now / 1000) + 12 * 3600;
		expect(tokenRenewAt({ expireTime: in12h }, now)).toBe(in12h * 1000 - 10 * 60_000);
		expect(tokenRenewAt({ validPeriod: 300 }, now)).toBe(now + 150_000);
		expect(tokenIsFresh({ sessionToken: 't', sessionRenewAt: now + 1 }, now)).toBe(true);
		expect(tokenIsFresh({ sessionToken: 't', sessionRenewAt: now - 1 }, now)).toBe(false);
		expect(tokenIsFresh({ sessionToken: '', sessionRenewAt: now + 99 * 60_000 }, now)).toBe(false);
		expect(tokenIsFresh({ authType: 'token', sessionToken: 't', sessionRenewAt: 0 }, now)).toBe(
			true,
		);
	});
});

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
