/**
 * The Huawei Cloud Meeting Polling Trigger's items: the webhook trigger's names (`event`,
 * `eventName`, `meetingId`, `meetingUuid`, `meeting` as describeMeeting gives it), the time of the
 * event and of its detection, `deliveryId`, and for recordings the recording and, when asked, its
 * download links.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { Candidate } from './polling';
import { POLL_LIMITS, POLLING_EVENTS } from './polling';
import { resolveRecordingFiles } from './meetingDetails';
import type { MeetingOutputOptions } from './meetings';
import { describeMeeting, describeRecording } from './meetings';
import { deliveryId } from '../shared/dedupe';
import { msToIso } from '../shared/time';

/**
 * The same for every poll that shows this event, on any n8n process: the event and the meeting's
 * UUID (its ID for Meeting Scheduled), so Remove Duplicates can drop a repeat.
 */
export function pollDeliveryId(c: Candidate): string {
	return deliveryId(`poll|${c.event}|${c.key}`);
}

export function toPollItem(c: Candidate, now: number, options: MeetingOutputOptions): IDataObject {
	const meeting = describeMeeting(c.meeting, options);
	const item: IDataObject = {
		event: c.event,
		eventName: POLLING_EVENTS[c.event],
		// Scheduling is only known when a poll sees it; the other times are Huawei's (minute precision).
		eventTime: c.event === 'meeting.create' ? msToIso(now) : (msToIso(c.at) ?? null),
		detectedAt: msToIso(now),
		meetingId: meeting.id ?? null,
		meetingUuid: meeting.uuid ?? null,
		meeting,
	};
	if (c.recording) item.recording = describeRecording(c.recording);
	item.source = 'polling';
	item.deliveryId = pollDeliveryId(c);
	return item;
}

/** Recordings get their files and download links, at most POLL_LIMITS.maxDownloadLookups per poll. */
export async function withDownloadLinks(
	ctx: IPollFunctions,
	items: IDataObject[],
	timeoutMs: number,
): Promise<IDataObject[]> {
	let lookups = 0;
	const out: IDataObject[] = [];
	for (const item of items) {
		if (item.event !== 'record.finish') {
			out.push(item);
		} else if (lookups++ < POLL_LIMITS.maxDownloadLookups) {
			out.push({
				...item,
				...(await resolveRecordingFiles(ctx, String(item.meetingUuid ?? ''), timeoutMs)),
			});
		} else {
			out.push({
				...item,
				recordingFiles: null,
				recordingFilesError: `Not read: download links are read for ${POLL_LIMITS.maxDownloadLookups} recordings per poll. Use the Huawei Cloud Meeting node's Recording → Get Download Links.`,
			});
		}
	}
	return out;
}
