/**
 * nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers.ts: the push signature (the documented
 * example and the fixtures), the age window in both directions, envelope refusals and delivery
 * identities.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import type { MeetingEnvelope } from '../../../nodes/HuaweiCloudMeeting/events';
import {
	DEFAULT_MAX_AGE_MINUTES,
	deliveryIdentity,
	detailsSelected,
	maxAgeMs,
	meetingFilters,
	meetingSelected,
	needsDetails,
	meetingSignature,
	parseEnvelope,
	pendingKeys,
	verifyDelivery,
	withinWindow as meetingWithinWindow,
} from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers';
import { DOC_JOIN, DOC_STARTED, DOC_VERIFY } from '../../fixtures/huaweiMeeting';
import { signedPush } from '../../simulator/huaweiMeeting';

describe('Huawei Cloud Meeting: the key of a registration in progress', () => {
	const URL = 'https://n8n.example.com/webhook/abc/webhook';
	// This workflow still holds the key of an earlier registration while a new one is made.
	const ctx = {
		getWorkflowStaticData: () => ({ subscriberId: 'old-sub', subscriberKey: 'old-key' }),
		getNodeWebhookUrl: (name: string) => (name === 'default' ? URL : undefined),
	} as unknown as IWebhookFunctions;
	const push = (event: string, key: string) => {
		const body = signedPush('new-sub', key, { event, timestamp: 1 }, '77777777', 1);
		const parsed = parseEnvelope(body) as { envelope: MeetingEnvelope };
		return [parsed.envelope, body] as const;
	};
	afterEach(() => pendingKeys.clear());

	it('verifies the handshake and events signed with the new key, for this webhook only', () => {
		expect(verifyDelivery(ctx, ...push('meeting.verify', 'new-key'))).toMatchObject({
			status: 401,
		});
		pendingKeys.set('https://other.example.com/hook', { subscriberId: 'new-sub', key: 'new-key' });
		expect(verifyDelivery(ctx, ...push('meeting.verify', 'new-key'))).toMatchObject({
			status: 401,
		});
		pendingKeys.set(URL, { subscriberId: 'new-sub', key: 'new-key' });
		expect(verifyDelivery(ctx, ...push('meeting.verify', 'new-key'))).toEqual({
			status: 200,
			body: { event: 'meeting.verify', nonce: '77777777' },
		});
		expect(verifyDelivery(ctx, ...push('meeting.started', 'new-key'))).toBeUndefined();
		expect(verifyDelivery(ctx, ...push('meeting.started', 'other-key'))).toMatchObject({
			status: 401,
		});
	});
});

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

describe('Huawei Cloud Meeting: window, envelope and identity', () => {
	const at = (timestamp: number) => ({ timestamp }) as unknown as MeetingEnvelope;

	it('defaults to 25 hours (Huawei retries for 24 h)', () => {
		expect(DEFAULT_MAX_AGE_MINUTES).toBe(1500);
		expect(maxAgeMs({})).toBe(25 * 3600_000);
		expect(maxAgeMs({ maxAgeMinutes: 2 })).toBe(120_000);
	});

	it('accepts up to the window in either direction and nothing beyond; 0 turns it off', () => {
		const now = 10_000_000;
		expect(meetingWithinWindow(at(now - 5000), 5000, now)).toBe(true);
		expect(meetingWithinWindow(at(now + 5000), 5000, now)).toBe(true);
		expect(meetingWithinWindow(at(now - 5001), 5000, now)).toBe(false);
		expect(meetingWithinWindow(at(now + 5001), 5000, now)).toBe(false);
		expect(meetingWithinWindow(at(0), 0, now)).toBe(true);
		expect(meetingWithinWindow(at(now + 10 ** 9), 0, now)).toBe(true);
		expect(meetingWithinWindow(at(now - 1), 1, now)).toBe(true);
	});

	it('answers malformed bodies 400 with what is wrong', () => {
		const answer = (raw: string) =>
			'answer' in parseEnvelope(raw) ? parseEnvelope(raw) : undefined;
		expect(answer('{"appID":')).toEqual({
			answer: { status: 400, body: { error: expect.stringMatching(/JSON/i) } },
		});
		expect(answer('{"appID":"a"}')).toEqual({
			answer: {
				status: 400,
				body: { error: expect.stringMatching(/^Not a Huawei Cloud Meeting event push: /) },
			},
		});
	});

	it('an identity tells apart deliveries that differ in any part, including where parts meet', () => {
		const envelope = (nonce: string, timestamp: string, event: string, meetingUUID?: string) =>
			({
				nonce,
				timestamp,
				eventInfo: { event, payload: meetingUUID ? { meetingInfo: { meetingUUID } } : {} },
			}) as unknown as MeetingEnvelope;
		const base = deliveryIdentity(envelope('12', '3', 'meeting.started', 'u1'));
		expect(deliveryIdentity(envelope('1', '23', 'meeting.started', 'u1'))).not.toBe(base);
		expect(deliveryIdentity(envelope('12', '3', 'meeting.started', 'u2'))).not.toBe(base);
		expect(deliveryIdentity(envelope('12', '3', 'meeting.started'))).not.toBe(base);
		expect(deliveryIdentity(envelope('12', '3', 'meeting.started', 'u1'))).toBe(base);
		expect(deliveryIdentity(envelope('12', '3', 'meeting.started'))).toBe('12|3|meeting.started|');
	});
});

describe('Huawei Cloud Meeting Trigger filters', () => {
	it('reads the filters: lists trimmed, hosts and subject lower-cased, blanks as no filter', () => {
		expect(
			meetingFilters({
				meetingIds: ' 1, 2 ',
				hosts: ' Tom ,ANN',
				subjectContains: '  Q4 Planning  ',
			}),
		).toEqual({
			meetings: new Set(['1', '2']),
			hosts: new Set(['tom', 'ann']),
			subject: 'q4 planning',
		});
		expect(meetingFilters({ meetingIds: ' ', hosts: '', subjectContains: '   ' })).toEqual({
			meetings: undefined,
			hosts: undefined,
			subject: undefined,
		});
		expect(meetingFilters({})).toEqual({
			meetings: undefined,
			hosts: undefined,
			subject: undefined,
		});
	});

	it('needs the details when hosts or a subject is set, each on its own', () => {
		expect(needsDetails(meetingFilters({ hosts: 'Tom' }))).toBe(true);
		expect(needsDetails(meetingFilters({ subjectContains: 'x' }))).toBe(true);
		expect(needsDetails(meetingFilters({ meetingIds: '1' }))).toBe(false);
		expect(needsDetails(meetingFilters({}))).toBe(false);
	});

	it('meeting IDs match the meeting ID or UUID', () => {
		const filters = meetingFilters({ meetingIds: '1, u2' });
		expect(meetingSelected(filters, { meetingId: '1', meetingUuid: 'u1' })).toBe(true);
		expect(meetingSelected(filters, { meetingId: '2', meetingUuid: 'u2' })).toBe(true);
		expect(meetingSelected(filters, { meetingId: '3', meetingUuid: 'u3' })).toBe(false);
		expect(meetingSelected(meetingFilters({}), { meetingId: '3' })).toBe(true);
	});

	it('details: host by name or user UUID, subject by text; no details (or not an object) pass', () => {
		const meeting = { host: 'Tom', hostUserUuid: 'ABC123', subject: 'Q4 Planning' };
		expect(detailsSelected(meetingFilters({ hosts: 'tom' }), meeting)).toBe(true);
		expect(detailsSelected(meetingFilters({ hosts: 'abc123' }), meeting)).toBe(true);
		expect(detailsSelected(meetingFilters({ hosts: 'ann' }), meeting)).toBe(false);
		expect(detailsSelected(meetingFilters({ subjectContains: 'planning' }), meeting)).toBe(true);
		expect(detailsSelected(meetingFilters({ subjectContains: 'sync' }), meeting)).toBe(false);
		expect(
			detailsSelected(meetingFilters({ hosts: 'tom', subjectContains: 'sync' }), meeting),
		).toBe(false);
		for (const none of [null, undefined, 'text', 7])
			expect(detailsSelected(meetingFilters({ hosts: 'ann', subjectContains: 'x' }), none)).toBe(
				true,
			);
	});

	it('a meeting without a subject (or host) matches no subject (or host) filter', () => {
		const noSubject = { host: null, hostUserUuid: null, subject: null };
		expect(detailsSelected(meetingFilters({ subjectContains: 'here' }), noSubject)).toBe(false);
		expect(detailsSelected(meetingFilters({ subjectContains: 'stryker' }), noSubject)).toBe(false);
		expect(detailsSelected(meetingFilters({ hosts: 'null' }), noSubject)).toBe(false);
		expect(detailsSelected(meetingFilters({}), noSubject)).toBe(true);
	});
});
