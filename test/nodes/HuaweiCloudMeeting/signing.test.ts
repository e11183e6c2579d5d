import { createHmac } from 'node:crypto';

import { EVENT_PUSH_STATUS, eventPushStatusName } from '../../../nodes/HuaweiCloudMeeting/api';
import {
	appIdAuthRequest,
	appIdSigningString,
	tokenExpiresAt,
	tokenIsFresh,
	tokenRenewAt,
} from '../../../nodes/HuaweiCloudMeeting/auth';
import { envelopeSchema, toItem } from '../../../nodes/HuaweiCloudMeeting/events';
import { meetingSignature } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers';
import { DOC_JOIN, DOC_STARTED, DOC_VERIFY } from '../../fixtures/huaweiMeeting';

describe('Huawei Cloud Meeting push signature', () => {
	it.each([
		['the documented meeting.verify example', DOC_VERIFY],
		['the meeting.started fixture', DOC_STARTED],
		['the meeting.join fixture', DOC_JOIN],
	])('reproduces %s', (_, fixture) => {
		const body = JSON.parse(fixture.body);
		const eventInfoJson = JSON.stringify(body.eventInfo);
		expect(
			meetingSignature(fixture.key, body.appID, String(body.timestamp), body.nonce, eventInfoJson),
		).toBe(body.signature);
	});
});

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

describe('event-push status codes', () => {
	it('follow the API reference and the SDK: 0 enabled, 1 disabled, 2 locked', () => {
		expect(EVENT_PUSH_STATUS).toEqual({ enabled: 0, disabled: 1, locked: 2 });
		expect([0, 1, 2, 7].map(eventPushStatusName)).toEqual([
			'enabled',
			'disabled',
			'locked',
			'unknown',
		]);
	});
});

describe('parsed items', () => {
	it('names the event, gives ISO times next to epoch values and keeps the raw payload', () => {
		const raw = JSON.parse(DOC_JOIN.body);
		const item = toItem(envelopeSchema.parse(raw), raw);
		expect(item).toMatchObject({
			event: 'meeting.join',
			eventName: 'Participant Joined',
			eventTimestamp: 1671523596351,
			eventTime: '2022-12-20T08:06:36.351Z',
			meetingId: '987446316',
			meetingUuid: '0307e0400f0a11eca58a9fcb8e69dde8',
			participant: {
				displayName: 'yangtest01',
				role: 'CHAIR',
				joinTime: 1709802363369,
				joinTimeIso: '2024-03-07T09:06:03.369Z',
				leftTimeIso: null,
			},
			raw,
		});
	});

	it('keeps unknown fields', () => {
		const raw = JSON.parse(DOC_STARTED.body);
		raw.newEnvelopeField = 1;
		raw.eventInfo.payload.meetingInfo.subject = 'Weekly';
		const item = toItem(envelopeSchema.parse(raw), raw);
		expect(item.meetingInfo).toMatchObject({ subject: 'Weekly' });
		expect((item.raw as { newEnvelopeField: number }).newEnvelopeField).toBe(1);
	});
});
