import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { canonicalEventType, RECORDING_EVENTS } from './api';
import { isoString } from '../shared/time';

const num = z.union([
	z.number(),
	z
		.string()
		.regex(/^\d+(\.\d+)?$/)
		.transform(Number),
]);
const text = z.union([z.string(), z.number().transform(String)]);

/** The recording-event callback. Every field is optional in the documentation; unknown ones are kept. */
export const recordingEventSchema = z
	.object({
		event_type: z.string().min(1),
		job_id: text.optional(),
		stream_name: text.optional(),
		app_id: text.optional(),
		room_id: text.optional(),
		user_id: text.optional(),
		record_format: z.string().optional(),
		detail_message: z.string().optional(),
		download_url: z.string().optional(),
		record_duration: num.optional(),
		file_size: num.optional(),
		width: num.optional(),
		height: num.optional(),
		start_time: z.string().optional(),
		end_time: z.string().optional(),
		obs_location: z.string().optional(),
		obs_bucket: z.string().optional(),
		obs_object: z.string().optional(),
	})
	.passthrough();
export type RecordingEvent = z.infer<typeof recordingEventSchema>;

export function toItem(event: RecordingEvent, raw: IDataObject): IDataObject {
	const objectKey = event.obs_object ?? null;
	const item: IDataObject = {
		eventType: event.event_type,
		eventName:
			RECORDING_EVENTS[canonicalEventType(event.event_type) as keyof typeof RECORDING_EVENTS] ??
			event.event_type,
		appId: event.app_id ?? null,
		roomId: event.room_id ?? null,
		userId: event.user_id ?? null,
		jobId: event.job_id ?? null,
		streamName: event.stream_name ?? null,
		recordFormat: event.record_format ?? null,
		detailMessage: event.detail_message ?? null,
		startTime: isoString(event.start_time) ?? null,
		startTimeRaw: event.start_time ?? null,
		endTime: isoString(event.end_time) ?? null,
		endTimeRaw: event.end_time ?? null,
	};
	if (
		event.download_url ||
		objectKey ||
		event.record_duration !== undefined ||
		event.file_size !== undefined
	) {
		item.file = {
			name: objectKey
				? objectKey.split('/').pop()
				: event.download_url
					? new URL(event.download_url, 'https://x').pathname.split('/').pop()
					: null,
			url: event.download_url ?? null,
			objectKey,
			bucket: event.obs_bucket ?? null,
			location: event.obs_location ?? null,
			sizeBytes: event.file_size ?? null,
			durationSeconds: event.record_duration ?? null,
			width: event.width ?? null,
			height: event.height ?? null,
		};
	}
	item.raw = raw;
	return item;
}
