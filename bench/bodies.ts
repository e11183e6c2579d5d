/**
 * The deliveries the in-process scenarios (a, a') time: n distinct bodies per provider, signed as the
 * provider signs them.
 */
import { randomBytes } from 'node:crypto';

import { signedPush } from '../test/simulator/huaweiMeeting';
import { hmacHex } from './report';

/** Huawei Cloud Meeting pushes (meeting.started), signed with `key` as subscriber `bench`. */
export function huaweiBodies(key: string, n: number, now = Date.now()): string[] {
	return Array.from({ length: n }, (_, i) =>
		signedPush(
			'bench',
			key,
			{
				event: 'meeting.started',
				timestamp: now,
				payload: {
					meetingInfo: {
						meetingID: String(900000000 + i),
						meetingUUID: randomBytes(16).toString('hex'),
					},
				},
			},
			String(10_000_000 + i),
			now,
		),
	);
}

/** SparkRTC recording callbacks of app `app`, with their X-Rtc-* headers signed with `key`. */
export function sparkRtcCallbacks(
	key: string,
	n: number,
	ts = String(Math.floor(Date.now() / 1000)),
): { bodies: string[]; headers: Array<Record<string, string>>; signed: (i: number) => string } {
	const bodies = Array.from({ length: n }, (_, i) =>
		JSON.stringify({
			event_type: 'RECORD_FILE_COMPLETE',
			app_id: 'app',
			room_id: 'room01',
			job_id: `job-${i}`,
			download_url: 'https://b.obs.example.com/Record/x.mp4',
			obs_object: 'Record/x.mp4',
			record_duration: 65,
			file_size: 26254952,
			start_time: '2021-04-28T08:56:57Z',
			end_time: '2021-04-28T08:58:02Z',
		}),
	);
	const signed = (i: number) => `${i}${ts}${bodies[i]}`;
	const headers = bodies.map((_, i) => ({
		'x-rtc-rand': String(i),
		'x-rtc-timestamp': ts,
		'x-rtc-signature': hmacHex(key, signed(i)),
	}));
	return { bodies, headers, signed };
}
