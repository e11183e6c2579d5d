/** nodes/HuaweiCloudMeeting/events.ts: an event push as an item (names, ISO times, the raw payload). */
import { envelopeSchema, toItem } from '../../../nodes/HuaweiCloudMeeting/events';
import { DOC_JOIN, DOC_STARTED } from '../../fixtures/huaweiMeeting';

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
