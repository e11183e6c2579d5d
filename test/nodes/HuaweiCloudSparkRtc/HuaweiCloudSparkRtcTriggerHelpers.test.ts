/**
 * nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTriggerHelpers.ts: the X-Rtc headers and their
 * formats, the time window (seconds or milliseconds, both directions) and callback identities.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { RecordingEvent } from '../../../nodes/HuaweiCloudSparkRtc/events';
import {
	callbackIdentity,
	DEDUPE_WINDOW_MS,
	signedHeaders,
	withinWindow as rtcWithinWindow,
} from '../../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTriggerHelpers';

describe('Huawei Cloud SparkRTC: headers, window and identity', () => {
	const ctx = (headers: IDataObject) =>
		({ getHeaderData: () => headers }) as unknown as IWebhookFunctions;
	const good = { 'x-rtc-rand': 'r1', 'x-rtc-timestamp': '1700000000', 'x-rtc-signature': 'ab' };

	it('needs every X-Rtc header, and a timestamp of 1 to 16 digits only', () => {
		expect(signedHeaders(ctx(good))).toEqual({
			rand: 'r1',
			timestamp: '1700000000',
			signature: 'ab',
		});
		for (const timestamp of [
			'',
			'a1700000000',
			'1700000000a',
			'17000 00000',
			'12345678901234567',
			'-1',
		])
			expect(signedHeaders(ctx({ ...good, 'x-rtc-timestamp': timestamp }))).toBeUndefined();
		for (const name of Object.keys(good))
			expect(signedHeaders(ctx({ ...good, [name]: undefined }))).toBeUndefined();
	});

	it('accepts up to the window either way, in seconds or milliseconds; 0 turns it off', () => {
		const now = 1_700_000_000_000;
		expect(rtcWithinWindow('1700000600', 600, now)).toBe(true);
		expect(rtcWithinWindow('1699999400', 600, now)).toBe(true);
		expect(rtcWithinWindow('1700000601', 600, now)).toBe(false);
		expect(rtcWithinWindow('1699999399', 600, now)).toBe(false);
		expect(rtcWithinWindow('1700000600000', 600, now)).toBe(true);
		expect(rtcWithinWindow('1700000600001', 600, now)).toBe(false);
		expect(rtcWithinWindow('1', 0, now)).toBe(true);
		expect(rtcWithinWindow('1', -1, now)).toBe(true);
	});

	it('one job with several files, or one file at other times, gives several identities', () => {
		const event = (extra: Partial<RecordingEvent>) =>
			({ job_id: 'job-1', event_type: 'RECORD_FILE_COMPLETE', ...extra }) as RecordingEvent;
		const ids = [
			callbackIdentity(event({ obs_object: 'a.mp4', start_time: '1', end_time: '2' }), ''),
			callbackIdentity(event({ obs_object: 'b.mp4', start_time: '1', end_time: '2' }), ''),
			callbackIdentity(event({ obs_object: 'a.mp4', start_time: '3', end_time: '2' }), ''),
			callbackIdentity(event({ obs_object: 'a.mp4', start_time: '1', end_time: '4' }), ''),
			callbackIdentity(event({}), ''),
		];
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids[4]).toBe('job-1|RECORD_FILE_COMPLETE|||');
		expect(callbackIdentity({ event_type: 'X' } as RecordingEvent, '{"a":1}')).toBe('{"a":1}');
		expect(DEDUPE_WINDOW_MS).toBe(86_400_000);
	});
});
