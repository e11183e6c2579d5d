/**
 * The Tencent Cloud TRTC Trigger in n8n-core's WebhookContext behind the harness' HTTP endpoint,
 * fed by the TRTC callback simulator (pretty-printed bodies, Sign, SdkAppId, TRTC's retries).
 */
import { TencentCloudRtcTrigger } from '../../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import { EVENT_TYPES } from '../../../nodes/TencentCloudRtc/events';
import type { TriggerHost } from '../../harness/n8n';
import { activate, captured, deactivate, hostTrigger } from '../../harness/n8n';
import type { TrtcCallbackSender } from '../../simulator/tencentRtcCallbacks';
import { RawNumber, trtcBody, trtcEvent, trtcSign } from '../../simulator/tencentRtcCallbacks';
import { CALLBACK_KEY, TRTC_SDK_APP_ID, trtcCallbackCredential, trtcTrigger } from './triggerSetup';

const OK = { code: 0 };
const TYPES = Object.keys(EVENT_TYPES).map(Number);
let host: TriggerHost | undefined;
let sender: TrtcCallbackSender;
afterEach(async () => {
	await host?.stop();
	host = undefined;
});

async function started(
	params: Record<string, unknown> = {},
	credential: Record<string, unknown> = {},
) {
	({ host, sender } = await trtcTrigger(params, credential));
	return host;
}

it('has nothing to register: activation and deactivation succeed without a request', async () => {
	const trigger = new TencentCloudRtcTrigger();
	host = await hostTrigger(trigger, trtcCallbackCredential(), { events: ['*'] });
	const before = captured.logs.length;
	await activate(trigger, host);
	expect(await deactivate(trigger, host)).toBe(true);
	expect(captured.logs.slice(before).join('\n')).not.toMatch(/no callback key/);
	expect(host.staticData).toEqual({});
});

it('activation with no callback key in the credential warns that callbacks are not authenticated', async () => {
	const before = captured.logs.length;
	await started({}, { callbackSecret: '' });
	expect(captured.logs.slice(before).join('\n')).toMatch(
		/^warn .*the credential has no callback key/m,
	);
});

it.each(TYPES)(
	'type %i: a signed callback starts one execution, answered {"code":0}',
	async (type) => {
		await started();
		const { delivered, attempts } = await sender.deliver(trtcEvent(type));
		expect(delivered).toBe(true);
		expect(attempts).toHaveLength(1);
		expect(JSON.parse(attempts[0].body)).toEqual(OK);
		expect(attempts[0].bytes).toBeLessThanOrEqual(2000);
		expect(host!.emitted).toHaveLength(1);
		const item = host!.emitted[0][0];
		expect(item).toMatchObject({
			event: EVENT_TYPES[type].name,
			eventGroup: EVENT_TYPES[type].name.split('.')[0],
			eventGroupId: Math.floor(type / 100),
			eventType: type,
			sdkAppId: String(TRTC_SDK_APP_ID),
		});
		expect(item.deliveryId).toMatch(/^[0-9a-f]{32}$/);
	},
);

it('103 (user entered): names next to codes, ISO times next to raw ones, the raw body', async () => {
	await started();
	const now = Date.UTC(2026, 11, 2, 7, 0, 0, 500);
	const event = trtcEvent(103, now);
	jest.spyOn(Date, 'now').mockReturnValue(now);
	try {
		await sender.deliver(event);
	} finally {
		jest.restoreAllMocks();
	}
	const item = host!.emitted[0][0];
	expect(item).toEqual({
		event: 'room.userEntered',
		eventGroup: 'room',
		eventGroupId: 1,
		eventType: 103,
		sdkAppId: String(TRTC_SDK_APP_ID),
		roomId: '12345',
		roomIdType: 'number',
		userId: 'test',
		taskId: null,
		callbackTime: '2026-12-02T07:00:00.500Z',
		callbackTs: now,
		eventTime: '2026-12-02T07:00:00.400Z',
		eventMsTs: now - 100,
		eventTs: Math.floor(now / 1000),
		role: 'audience',
		roleCode: 21,
		terminal: 'android',
		terminalCode: 2,
		userType: 'nativeSdk',
		userTypeCode: 3,
		reason: 'normal',
		reasonCode: 1,
		payload: null,
		raw: event,
		deliveryId: expect.stringMatching(/^[0-9a-f]{32}$/),
	});
});

it('104 names the exit reason; 102 has no user and a string room ID', async () => {
	await started();
	await sender.deliver(trtcEvent(104, Date.now(), { Reason: 3 }));
	await sender.deliver(trtcEvent(102));
	const [left, dismissed] = host!.emitted.map(([item]) => item);
	expect(left).toMatchObject({ role: 'anchor', reason: 'removed', reasonCode: 3 });
	expect(dismissed).toMatchObject({ roomId: '12345', roomIdType: 'string', userId: null });
});

it('311: the VOD file, named status and ISO times; 310: the MP4 files; 302: the leave reason', async () => {
	await started();
	const now = Date.now();
	await sender.deliver(trtcEvent(311, now));
	await sender.deliver(trtcEvent(310, now));
	await sender.deliver(trtcEvent(302, now, { Payload: { LeaveCode: 100 } }));
	const [vod, mp4, stop] = host!.emitted.map(([item]) => item);
	expect(vod).toMatchObject({
		event: 'recording.vodCommitted',
		taskId: 'task-1',
		userId: 'recorder_robot',
		status: 'success',
		statusCode: 0,
		recording: {
			status: 'success',
			statusCode: 0,
			fileList: [],
			files: [],
			errorMessage: null,
			vod: {
				fileId: '5285890781763144364',
				videoUrl: 'http://127.0.0.1/vod/5285890781763144364/f0.mp4',
				cacheFile: '5285890781763144364.mp4',
				userId: 'alice',
				trackType: 'audio_video',
				mediaId: 'main',
				startTime: new Date(now - 60_000).toISOString(),
				startTimeStamp: now - 60_000,
				endTime: new Date(now - 1000).toISOString(),
				endTimeStamp: now - 1000,
			},
		},
		payload: { Status: 0, TencentVod: expect.objectContaining({ FileId: '5285890781763144364' }) },
	});
	expect(mp4.recording).toMatchObject({
		status: 'success',
		vod: null,
		fileList: ['task-1_12345__UserId_s_alice__UserId_e_main_video.mp4'],
		files: [
			{
				fileName: 'task-1_12345__UserId_s_alice__UserId_e_main_video.mp4',
				userId: 'alice',
				mediaId: 'main',
				startTime: new Date(now - 60_000).toISOString(),
				endTimeStamp: now - 1000,
			},
		],
	});
	expect(stop.recording).toMatchObject({ leaveReason: 'roomTimeout', leaveCode: 100 });
});

it("Tencent's official signature vector is accepted byte for byte (time window off)", async () => {
	await started({ options: { timeWindow: 0 } }, { callbackSecret: '123654' });
	const body =
		'{\n\t"EventGroupId":\t2,\n\t"EventType":\t204,\n\t"CallbackTs":\t1664209748188,\n\t"EventInfo":\t{\n\t\t"RoomId":\t8489,\n\t\t"EventTs":\t1664209748,\n\t\t"EventMsTs":\t1664209748180,\n\t\t"UserId":\t"user_85034614",\n\t\t"Reason":\t0\n\t}\n}';
	const answer = await sender.attempt(body, {
		Sign: 'kkoFeO3Oh2ZHnjtg8tEAQhtXK16/KI05W3BQff8IvGA=',
	});
	expect(answer.status).toBe(200);
	expect(host!.emitted[0][0]).toMatchObject({
		event: 'media.audioStopped',
		roomId: '8489',
		userId: 'user_85034614',
		reasonCode: 0,
		reason: null,
		callbackTime: '2022-09-26T16:29:08.188Z',
	});
});

it('keeps room and user IDs beyond 2^53 exact, as strings', async () => {
	await started();
	await sender.deliver(
		trtcEvent(103, Date.now(), {
			RoomId: new RawNumber('18446744073709551615'),
			UserId: new RawNumber('9007199254740993'),
		}),
	);
	const item = host!.emitted[0][0];
	expect(item).toMatchObject({ roomId: '18446744073709551615', userId: '9007199254740993' });
	expect((item.raw as { EventInfo: { RoomId: unknown } }).EventInfo.RoomId).toBe(
		'18446744073709551615',
	);
});

describe('refused, with no execution', () => {
	const event = () => trtcEvent(103);
	const refused = async (
		status: number,
		error: RegExp | string,
		answer: { status: number; body: string },
	) => {
		expect(answer.status).toBe(status);
		expect(JSON.parse(answer.body).error).toMatch(error);
		expect(host!.emitted).toHaveLength(0);
	};
	beforeEach(async () => await started());

	it('a forged Sign', async () =>
		await refused(
			401,
			'Invalid Sign',
			await sender.attempt(trtcBody(event()), { Sign: trtcSign('wrong', trtcBody(event())) }),
		));
	it('no Sign', async () =>
		await refused(
			401,
			'The Sign header is required',
			await sender.attempt(trtcBody(event()), { Sign: undefined }),
		));
	it('the Sign of the body re-serialised (compact JSON instead of the bytes sent)', async () => {
		const body = trtcBody(event());
		const compact = JSON.stringify(JSON.parse(body));
		await refused(
			401,
			'Invalid Sign',
			await sender.attempt(body, { Sign: trtcSign(CALLBACK_KEY, compact) }),
		);
	});
	it('a Sign in lower case, or hex instead of base64', async () => {
		const body = trtcBody(event());
		const sign = trtcSign(CALLBACK_KEY, body);
		await refused(
			401,
			'Invalid Sign',
			await sender.attempt(body, {
				Sign: sign.toLowerCase() === sign ? `${sign}x` : sign.toLowerCase(),
			}),
		);
		await refused(
			401,
			'Invalid Sign',
			await sender.attempt(body, { Sign: Buffer.from(sign, 'base64').toString('hex') }),
		);
	});
	it('a foreign SdkAppId', async () =>
		await refused(
			403,
			'SdkAppId does not match',
			await sender.attempt(trtcBody(event()), { SdkAppId: '1400000001' }),
		));
	it('no SdkAppId', async () =>
		await refused(
			403,
			'SdkAppId does not match',
			await sender.attempt(trtcBody(event()), { SdkAppId: undefined }),
		));
	it('a CallbackTs more than 5 minutes old, or ahead', async () => {
		const now = Date.now();
		await refused(
			401,
			'CallbackTs is outside the allowed window',
			await sender.attempt(trtcBody(trtcEvent(103, now - 301_000))),
		);
		await refused(
			401,
			'CallbackTs is outside the allowed window',
			await sender.attempt(trtcBody(trtcEvent(103, now + 301_000))),
		);
	});
	it('malformed JSON', async () =>
		await refused(
			400,
			/^The request body is not valid JSON/,
			await sender.attempt(trtcBody(event()).slice(0, 50)),
		));
	it('an empty body', async () =>
		await refused(400, 'The request body is empty', await sender.attempt('')));
	it('no EventInfo, or an EventType that is not a number', async () => {
		await refused(
			400,
			/^Not a TRTC callback: EventInfo/,
			await sender.attempt(trtcBody({ EventGroupId: 1, EventType: 101, CallbackTs: Date.now() })),
		);
		await refused(
			400,
			/^Not a TRTC callback: EventType/,
			await sender.attempt(trtcBody({ ...event(), EventType: 'enter' })),
		);
	});
	it('a room event without RoomId; a recording event without TaskId or with a malformed file list', async () => {
		const e = event();
		delete (e.EventInfo as Record<string, unknown>).RoomId;
		await refused(
			400,
			'Not a TRTC callback: EventInfo.RoomId: Required',
			await sender.attempt(trtcBody(e)),
		);
		const r = trtcEvent(311);
		delete (r.EventInfo as Record<string, unknown>).TaskId;
		await refused(
			400,
			'Not a TRTC callback: EventInfo.TaskId: Required',
			await sender.attempt(trtcBody(r)),
		);
		await refused(
			400,
			/^Not a TRTC callback: EventInfo\.Payload\.FileMessage/,
			await sender.attempt(
				trtcBody(trtcEvent(310, Date.now(), { Payload: { FileMessage: 'x.mp4' } })),
			),
		);
	});
});

it('without a callback key, unsigned callbacks are accepted (the SdkAppId is still checked)', async () => {
	await started({}, { callbackSecret: '' });
	expect((await sender.attempt(trtcBody(trtcEvent(101)), { Sign: undefined })).status).toBe(200);
	expect(
		(await sender.attempt(trtcBody(trtcEvent(102)), { Sign: undefined, SdkAppId: '1' })).status,
	).toBe(403);
	expect(host!.emitted).toHaveLength(1);
});

it('Time Window 0 turns the CallbackTs check off', async () => {
	await started({ options: { timeWindow: 0 } });
	await sender.deliver(trtcEvent(101, Date.now() - 86_400_000));
	expect(host!.emitted).toHaveLength(1);
});

describe('event selection', () => {
	it('a selection takes only its events; others are answered {"code":0} and start nothing', async () => {
		await started({ events: ['room.userEntered', 'recording.vodCommitted'] });
		for (const type of [101, 103, 201, 310, 311])
			expect((await sender.deliver(trtcEvent(type))).delivered).toBe(true);
		expect(host!.emitted.map(([i]) => i.event)).toEqual([
			'room.userEntered',
			'recording.vodCommitted',
		]);
		expect(sender.attempts.every((a) => a.body === '{"code":0}')).toBe(true);
	});

	it('a group ("recording.*") takes all its types, also one Tencent adds later', async () => {
		await started({ events: ['recording.*'] });
		await sender.deliver(trtcEvent(399));
		await sender.deliver(trtcEvent(103));
		await sender.deliver(trtcEvent(312));
		expect(host!.emitted.map(([i]) => i.event)).toEqual([
			'recording.type399',
			'recording.vodFinished',
		]);
	});

	it('"All Events" also takes a group this version does not know', async () => {
		await started();
		await sender.deliver({
			EventGroupId: 9,
			EventType: 901,
			CallbackTs: Date.now(),
			EventInfo: { TaskId: 't', EventMsTs: Date.now(), Payload: { New: 1 } },
		});
		expect(host!.emitted[0][0]).toMatchObject({
			event: 'group9.type901',
			eventGroup: 'group9',
			payload: { New: 1 },
		});
	});
});

describe("Tencent's retries", () => {
	it('a callback n8n could not store is sent again and then runs once', async () => {
		await started();
		host!.refuseExecutions = true;
		const event = trtcEvent(103);
		const first = await sender.attempt(trtcBody(event));
		expect(first.status).toBe(500);
		host!.refuseExecutions = false;
		const { attempts } = await sender.deliver(event);
		expect(attempts.map((a) => a.status)).toEqual([200]);
		expect(host!.emitted).toHaveLength(1);
	});

	it('the retries of one callback (CallbackTs renewed or not) give one item, all answered {"code":0}', async () => {
		await started();
		const event = trtcEvent(104);
		await sender.deliver(event);
		await sender.deliver(event);
		await sender.deliver({ ...event, CallbackTs: event.CallbackTs + 10_000 });
		expect(host!.emitted).toHaveLength(1);
		expect(sender.attempts.map((a) => [a.status, a.body])).toEqual(
			Array(3).fill([200, '{"code":0}']),
		);
	});

	it('a repeat is remembered for twice the window, and for 2 minutes when the window is off', async () => {
		await started({ options: { timeWindow: 0 } });
		const start = Date.now();
		const event = trtcEvent(103, start);
		await sender.deliver(event);
		const spy = jest.spyOn(Date, 'now');
		try {
			spy.mockReturnValue(start + 119_000);
			await sender.deliver(event);
			expect(host!.emitted).toHaveLength(1);
			spy.mockReturnValue(start + 121_000);
			await sender.deliver(event);
			expect(host!.emitted).toHaveLength(2);
		} finally {
			spy.mockRestore();
		}
		await host!.stop();
		await started({ options: { timeWindow: 100 } });
		const again = trtcEvent(104, Date.now());
		await sender.deliver(again);
		const later = jest.spyOn(Date, 'now').mockReturnValue(again.CallbackTs + 90_000);
		try {
			// 150 s later, re-sent with a renewed CallbackTs (inside the window): past the 2-minute
			// floor, but within twice the window (200 s): still a repeat.
			later.mockReturnValue(again.CallbackTs + 150_000);
			await sender.deliver({ ...again, CallbackTs: again.CallbackTs + 150_000 });
			expect(host!.emitted).toHaveLength(1);
			later.mockReturnValue(again.CallbackTs + 201_000);
			await sender.deliver({ ...again, CallbackTs: again.CallbackTs + 201_000 });
			expect(host!.emitted).toHaveLength(2);
		} finally {
			later.mockRestore();
		}
	});

	it('two 310 callbacks of one task (one per file) are two items', async () => {
		await started();
		const now = Date.now();
		await sender.deliver(trtcEvent(310, now));
		await sender.deliver(trtcEvent(310, now, { Payload: { Status: 0, FileList: ['second.mp4'] } }));
		expect(host!.emitted).toHaveLength(2);
	});

	it('the simulator retries a refused callback at once, then every interval until the horizon', async () => {
		await started({}, { callbackSecret: 'anotherkey' });
		const { delivered, attempts } = await sender.deliver(trtcEvent(101));
		expect(delivered).toBe(false);
		// at 0, at once, then every 20 ms while within 200 ms: 2 + 9 attempts at most.
		expect(attempts.length).toBeGreaterThanOrEqual(3);
		expect(attempts.length).toBeLessThanOrEqual(11);
		expect(attempts.every((a) => a.status === 401)).toBe(true);
		expect(host!.emitted).toHaveLength(0);
	});
});
