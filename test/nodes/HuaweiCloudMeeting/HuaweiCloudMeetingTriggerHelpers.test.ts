/**
 * nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers.ts: the push signature (the documented
 * example and the fixtures), the age window in both directions, envelope refusals and delivery
 * identities.
 */
import type { MeetingEnvelope } from '../../../nodes/HuaweiCloudMeeting/events';
import {
	DEFAULT_MAX_AGE_MINUTES,
	deliveryIdentity,
	maxAgeMs,
	meetingSignature,
	parseEnvelope,
	withinWindow as meetingWithinWindow,
} from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers';
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
