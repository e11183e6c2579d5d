import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { msToIso } from '../shared/time';

/** Every documented event-push event (meeting.verify is the handshake, never emitted). */
export const MEETING_EVENTS = {
	'meeting.started': 'Meeting Started',
	'meeting.end': 'Meeting Ended',
	'meeting.conclude': 'Meeting Concluded (Closed)',
	'meeting.create': 'Meeting Created (Scheduled)',
	'meeting.modify': 'Meeting Modified',
	'meeting.cancel': 'Meeting Cancelled',
	'meeting.join': 'Participant Joined',
	'meeting.left': 'Participant Left',
	'record.finish': 'Cloud Recording Finished',
} as const;
export type MeetingEventName = keyof typeof MEETING_EVENTS;

export const VERIFY_EVENT = 'meeting.verify';

const numeric = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
const text = z.union([z.string(), z.number().transform(String)]);

/** The push envelope. Unknown fields are kept (passthrough). */
export const envelopeSchema = z
	.object({
		appID: text,
		timestamp: numeric,
		nonce: text,
		signature: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters'),
		eventInfo: z
			.object({
				event: z.string().min(1),
				timestamp: numeric.optional(),
				payload: z.record(z.string(), z.unknown()).optional(),
			})
			.passthrough(),
	})
	.passthrough();
export type MeetingEnvelope = z.infer<typeof envelopeSchema>;

const meetingInfoSchema = z
	.object({
		meetingID: text,
		meetingUUID: text,
		meetingCycleSubID: text.optional(),
	})
	.passthrough();

const attendeeInfoSchema = z
	.object({
		userUUID: text.optional(),
		userAgent: z.string().optional(),
		account: text.optional(),
		participantID: text.optional(),
		displayName: z.string().optional(),
		joinTime: numeric.optional(),
		leftTime: numeric.optional(),
		role: z.string().optional(),
		callNumber: text.optional(),
	})
	.passthrough();

/** meeting.* and record.finish carry meetingInfo; join/left also attendeeInfo. */
export const payloadSchema = z
	.object({
		meetingInfo: meetingInfoSchema,
		attendeeInfo: attendeeInfoSchema.optional(),
	})
	.passthrough();

const PARTICIPANT_EVENTS = new Set(['meeting.join', 'meeting.left']);

export const participantPayloadSchema = payloadSchema.extend({ attendeeInfo: attendeeInfoSchema });

export function payloadSchemaFor(event: string) {
	return PARTICIPANT_EVENTS.has(event) ? participantPayloadSchema : payloadSchema;
}

/** The item emitted for one delivery. */
export function toItem(envelope: MeetingEnvelope, raw: IDataObject): IDataObject {
	const info = envelope.eventInfo;
	const payload = payloadSchemaFor(info.event).parse(info.payload ?? {});
	const eventTimestamp = info.timestamp ?? envelope.timestamp;
	const item: IDataObject = {
		event: info.event,
		eventName: MEETING_EVENTS[info.event as MeetingEventName] ?? info.event,
		eventTime: msToIso(eventTimestamp) ?? null,
		eventTimestamp,
		meetingId: payload.meetingInfo.meetingID,
		meetingUuid: payload.meetingInfo.meetingUUID,
		meetingCycleSubId: payload.meetingInfo.meetingCycleSubID ?? null,
		meetingInfo: payload.meetingInfo as IDataObject,
	};
	const a = payload.attendeeInfo;
	if (a) {
		item.participant = {
			...(a as IDataObject),
			joinTimeIso: msToIso(a.joinTime) ?? null,
			leftTimeIso: msToIso(a.leftTime) ?? null,
		};
	}
	item.subscriberId = envelope.appID;
	item.deliveryTime = msToIso(envelope.timestamp) ?? null;
	item.deliveryTimestamp = envelope.timestamp;
	item.nonce = envelope.nonce;
	item.raw = raw;
	return item;
}

/** The item with the meeting's details placed after its IDs (where a person looks for them). */
export function withMeetingDetails(
	item: IDataObject,
	details: { meeting: IDataObject | null; meetingDetailsError?: string },
): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(item)) {
		out[key] = value;
		if (key === 'meetingCycleSubId') {
			out.meeting = details.meeting;
			if (details.meetingDetailsError !== undefined)
				out.meetingDetailsError = details.meetingDetailsError;
		}
	}
	return out;
}
