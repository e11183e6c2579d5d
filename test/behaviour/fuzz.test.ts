/**
 * Fuzzing every webhook trigger with fast-check: at least 10,000 bad requests per trigger (malformed
 * and truncated JSON, wrong types, missing and extra fields, huge bodies, wrong / missing / stale
 * signatures, wrong app IDs) must give 0 crashes, 0 items, and every answer a 4xx or the provider's
 * protocol error; valid events with random extra fields must be accepted. In process (no HTTP), with
 * the same webhook() n8n calls.
 */
import { createHash, createHmac } from 'node:crypto';

import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { HuaweiCloudMeetingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { HuaweiCloudSparkRtcTrigger } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { TencentCloudRoomTrigger } from '../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { TencentCloudRtcTrigger } from '../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import type { TriggerHost, WebhookAnswer } from '../harness/n8n';
import { hostTrigger } from '../harness/n8n';
import { signedPush } from '../simulator/huaweiMeeting';
import { callbackQuery } from '../simulator/tencentRoom';
import { ROOM_FIXTURES } from '../fixtures/tencentRoom';
import { MEETING_INFO } from '../fixtures/huaweiMeeting';
import { appIdCredential } from '../nodes/HuaweiCloudMeeting/setup';
import {
	akSkCredential,
	APP_ID as RTC_APP,
	FILE_COMPLETE,
} from '../nodes/HuaweiCloudSparkRtc/setup';
import { CALLBACK_TOKEN, SDK_APP_ID, tencentCredential } from '../nodes/TencentCloudRoom/setup';
import { trtcEvent } from '../simulator/tencentRtcCallbacks';
import {
	TRTC_SDK_APP_ID as TRTC_APP,
	trtcCallbackCredential,
	trtcRequest,
} from '../nodes/TencentCloudRtc/triggerSetup';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');
const fakeSim = { baseUrl: 'http://127.0.0.1:9' } as never;

/** Mutations that turn a valid body into an invalid one. */
const jsonNoise = fc.oneof(
	fc.string({ maxLength: 200 }),
	fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
	fc.constantFrom('', ' ', '{', '}', '[]', 'null', '"x"', '{"a":', '{"appID":1}', '{}'),
	fc.integer({ min: 1, max: 3_000_000 }).map((n) => `{"pad":"${'x'.repeat(n % 1_000_000)}"}`),
);

function truncated(body: string) {
	return fc.integer({ min: 0, max: Math.max(0, body.length - 1) }).map((n) => body.slice(0, n));
}

function expectRejected(answer: WebhookAnswer, protocolFail = false) {
	expect(answer.thrown).toBeUndefined();
	expect(answer.items).toHaveLength(0);
	if (protocolFail) {
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ ActionStatus: 'FAIL' });
		expect((answer.body as { ErrorCode: number }).ErrorCode).not.toBe(0);
	} else {
		expect(answer.status).toBeGreaterThanOrEqual(400);
		expect(answer.status).toBeLessThan(500);
	}
}

describe('fuzzing the Huawei Cloud Meeting Trigger', () => {
	let host: TriggerHost;
	const key = 'f'.repeat(48);
	const appId = 'n8nfuzz';
	beforeAll(async () => {
		host = await hostTrigger(new HuaweiCloudMeetingTrigger(), appIdCredential(fakeSim), {
			scope: 'enterprise',
			corpId: '1',
			events: ['*'],
			options: {},
		});
		Object.assign(host.staticData, {
			configId: 'c',
			subscriberId: appId,
			subscriberKey: key,
			webhookUrl: host.url,
		});
	});
	afterAll(async () => await host.stop());
	const valid = (
		nonce: string,
		eventInfo: Record<string, unknown> = {
			event: 'meeting.started',
			timestamp: Date.now(),
			payload: { meetingInfo: MEETING_INFO },
		},
	) => signedPush(appId, key, eventInfo, nonce, Date.now());

	it(`refuses ${RUNS} bad deliveries with a 4xx, no item, no crash`, async () => {
		const base = valid('1');
		const bad = fc.oneof(
			jsonNoise,
			truncated(base),
			// a valid envelope with one field replaced by a random JSON value or removed
			fc
				.tuple(
					fc.constantFrom('appID', 'timestamp', 'nonce', 'signature', 'eventInfo'),
					fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
				)
				.map(([field, value]) => {
					const body = JSON.parse(base);
					if (value === undefined) delete body[field];
					else body[field] = value;
					return JSON.stringify(body);
				}),
			// signed with the wrong key, for the wrong subscriber, or too old
			fc
				.string({ minLength: 1, maxLength: 20 })
				.map((k) =>
					signedPush(
						appId,
						`x${k}`,
						{ event: 'meeting.started', timestamp: 1, payload: { meetingInfo: MEETING_INFO } },
						'2',
						Date.now(),
					),
				),
			fc
				.string({ minLength: 1, maxLength: 20 })
				.map((a) =>
					signedPush(
						`${appId}${a}`,
						key,
						{ event: 'meeting.started', timestamp: 1, payload: { meetingInfo: MEETING_INFO } },
						'3',
						Date.now(),
					),
				),
			fc
				.integer({ min: 26 * 3600_000, max: 3650 * 86400_000 })
				.map((age) =>
					signedPush(
						appId,
						key,
						{ event: 'meeting.started', timestamp: 1, payload: { meetingInfo: MEETING_INFO } },
						'4',
						Date.now() - age,
					),
				),
			// correctly signed, but the payload lacks what the event needs
			fc
				.constantFrom('meeting.started', 'meeting.join', 'record.finish')
				.map((event) =>
					signedPush(
						appId,
						key,
						{ event, timestamp: 1, payload: { meetingInfo: { meetingID: 1 } } },
						'5',
						Date.now(),
					),
				),
		);
		await fc.assert(
			fc.asyncProperty(bad, async (rawBody) => {
				fc.pre(rawBody !== base);
				expectRejected(
					await host.call({ rawBody, headers: { 'content-type': 'application/json' } }),
				);
			}),
			{ numRuns: RUNS },
		);
	});

	it('accepts valid events with random extra fields (kept in the item)', async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.dictionary(
					fc
						.string({ minLength: 1, maxLength: 8 })
						.filter((k) => !['meetingID', 'meetingUUID', '__proto__'].includes(k)),
					fc.jsonValue({ maxDepth: 2 }),
					{ maxKeys: 5 },
				),
				async (extra) => {
					// (integers beyond 2^53 come back as exact strings, by design; compared elsewhere)
					fc.pre(!/\d{16,}/.test(JSON.stringify(extra)));
					const answer = await host.call({
						rawBody: valid(`ok${n++}`, {
							event: 'meeting.started',
							timestamp: Date.now(),
							payload: { meetingInfo: { ...extra, ...MEETING_INFO } },
						}),
					});
					expect(answer.status).toBe(200);
					expect(answer.items).toHaveLength(1);
					expect(answer.items[0].meetingInfo).toMatchObject(JSON.parse(JSON.stringify(extra)));
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('fuzzing the Huawei Cloud SparkRTC Trigger', () => {
	let host: TriggerHost;
	const key = 'e'.repeat(48);
	beforeAll(async () => {
		host = await hostTrigger(new HuaweiCloudSparkRtcTrigger(), akSkCredential(fakeSim), {
			appId: RTC_APP,
			events: ['*'],
			options: {},
		});
		Object.assign(host.staticData, { authKey: key, appId: RTC_APP, webhookUrl: host.url });
	});
	afterAll(async () => await host.stop());
	const signed = (body: string, opts: { key?: string; ts?: string; rand?: string } = {}) => {
		const rand = opts.rand ?? '123';
		const ts = opts.ts ?? String(Math.floor(Date.now() / 1000));
		return {
			'x-rtc-rand': rand,
			'x-rtc-timestamp': ts,
			'x-rtc-signature': hmac(opts.key ?? key, rand + ts + body),
		};
	};

	it(`refuses ${RUNS} bad callbacks with a 4xx, no item, no crash`, async () => {
		const base = JSON.stringify(FILE_COMPLETE);
		const bad = fc.oneof(
			// correctly signed garbage, truncated bodies and wrong types
			fc.oneof(jsonNoise, truncated(base)).map((body) => ({ body, headers: signed(body) })),
			// a field of the wrong type (values the schema cannot coerce), or another app's ID
			fc
				.oneof(
					fc.tuple(fc.constant('event_type'), fc.constantFrom<unknown>(42, null, '', [], {}, true)),
					fc.tuple(
						fc.constantFrom('record_duration', 'file_size', 'width'),
						fc.constantFrom<unknown>('abc', null, [], {}, true, '1.2.3'),
					),
					fc.tuple(
						fc.constant('app_id'),
						fc.string({ maxLength: 20 }).filter((a) => a !== RTC_APP),
					),
				)
				.map(([field, value]) => {
					const body = JSON.stringify({ ...FILE_COMPLETE, [field]: value });
					return { body, headers: signed(body) };
				}),
			// wrong key, missing headers, stale or future timestamps
			fc
				.string({ minLength: 1, maxLength: 10 })
				.map((k) => ({ body: base, headers: signed(base, { key: `x${k}` }) })),
			fc.constantFrom('x-rtc-rand', 'x-rtc-timestamp', 'x-rtc-signature').map((h) => {
				const headers: Record<string, string> = signed(base);
				delete headers[h];
				return { body: base, headers };
			}),
			fc.integer({ min: 601, max: 10 ** 8 }).chain((age) =>
				fc.constantFrom(-1, 1).map((sign) => ({
					body: base,
					headers: signed(base, { ts: String(Math.floor(Date.now() / 1000) + sign * age) }),
				})),
			),
		);
		await fc.assert(
			fc.asyncProperty(bad, async ({ body, headers }) =>
				expectRejected(await host.call({ rawBody: body, headers })),
			),
			{ numRuns: RUNS },
		);
	});

	it('accepts valid events with random extra fields', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.dictionary(
					fc
						.string({ minLength: 1, maxLength: 8 })
						.filter((k) => !(k in FILE_COMPLETE) && k !== '__proto__'),
					fc.jsonValue({ maxDepth: 2 }),
					{ maxKeys: 5 },
				),
				fc.uuid(),
				async (extra, id) => {
					const body = JSON.stringify({ ...FILE_COMPLETE, job_id: id, ...extra });
					const answer = await host.call({ rawBody: body, headers: signed(body) });
					expect(answer.status).toBe(200);
					expect(answer.items).toHaveLength(1);
				},
			),
			{ numRuns: 300 },
		);
	});
});

/** The fields each Room callback cannot do without. */
const REQUIRED: Record<string, string[]> = {
	'Room.CallbackAfterCreateRoom': ['RoomInfo'],
	'Room.CallbackAfterDestroyRoom': ['RoomId'],
	'Room.CallbackAfterUpdateRoomInfo': ['RoomInfo'],
	'Room.CallbackAfterMemberEnter': ['RoomId', 'MemberList_Account'],
	'Room.CallbackAfterMemberLeave': ['RoomId', 'MemberList_Account'],
	'Mic.CallbackAfterSeatInfoChanged': ['RoomId', 'SeatList'],
};

describe('fuzzing the Tencent Cloud Room Trigger', () => {
	let host: TriggerHost;
	beforeAll(async () => {
		host = await hostTrigger(new TencentCloudRoomTrigger(), tencentCredential(fakeSim), {
			events: ['*'],
			options: {},
		});
	});
	afterAll(async () => await host.stop());
	const query = (command: string, opts: { token?: string; time?: number; app?: number } = {}) =>
		Object.fromEntries(
			new URLSearchParams(
				callbackQuery(command, opts.app ?? SDK_APP_ID, {
					token: opts.token ?? CALLBACK_TOKEN,
					requestTime: opts.time,
				}).slice(1),
			),
		);

	it(`refuses ${RUNS} bad callbacks with the protocol FAIL reply, no item, no crash`, async () => {
		const commands = Object.keys(ROOM_FIXTURES);
		const bad = fc.oneof(
			// correctly signed garbage and truncated bodies
			fc
				.tuple(
					fc.constantFrom(...commands),
					fc.oneof(jsonNoise, fc.constantFrom(...Object.values(ROOM_FIXTURES)).chain(truncated)),
				)
				.map(([command, body]) => ({ body, query: query(command) })),
			// required fields removed or of the wrong type
			fc
				.tuple(
					fc.constantFrom(...commands),
					fc.nat(),
					fc.constantFrom<unknown>(undefined, null, [null], { nested: true }, true),
				)
				.map(([command, pick, value]) => {
					const body = JSON.parse(ROOM_FIXTURES[command]);
					const field = REQUIRED[command][pick % REQUIRED[command].length];
					if (value === undefined) delete body[field];
					else body[field] = value;
					return { body: JSON.stringify(body), query: query(command) };
				}),
			// forged or stale Sign, foreign SdkAppid
			fc.string({ minLength: 1, maxLength: 12 }).map((t) => ({
				body: ROOM_FIXTURES[commands[0]],
				query: query(commands[0], { token: `x${t}` }),
			})),
			fc.integer({ min: 301, max: 10 ** 8 }).map((age) => ({
				body: ROOM_FIXTURES[commands[1]],
				query: query(commands[1], { time: Math.floor(Date.now() / 1000) - age }),
			})),
			fc
				.integer({ min: 1, max: 10 ** 9 })
				.filter((a) => a !== SDK_APP_ID)
				.map((app) => ({ body: ROOM_FIXTURES[commands[2]], query: query(commands[2], { app }) })),
			fc.constantFrom('Sign', 'RequestTime', 'SdkAppid').map((name) => {
				const q = query(commands[3]);
				delete q[name];
				return { body: ROOM_FIXTURES[commands[3]], query: q };
			}),
		);
		await fc.assert(
			fc.asyncProperty(bad, async ({ body, query: q }) =>
				expectRejected(await host.call({ rawBody: body, query: q }), true),
			),
			{ numRuns: RUNS },
		);
	});

	it('accepts valid callbacks with random extra fields', async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.dictionary(
					fc
						.string({ minLength: 1, maxLength: 8 })
						.filter(
							(k) =>
								![
									'RoomInfo',
									'CallbackCommand',
									'Operator_Account',
									'EventTime',
									'__proto__',
								].includes(k),
						),
					fc.jsonValue({ maxDepth: 2 }),
					{ maxKeys: 5 },
				),
				async (extra) => {
					const body = {
						...JSON.parse(ROOM_FIXTURES['Room.CallbackAfterUpdateRoomInfo']),
						...extra,
						EventTime: Date.now() + n++,
					};
					const answer = await host.call({
						rawBody: JSON.stringify(body),
						query: query('Room.CallbackAfterUpdateRoomInfo'),
					});
					expect(answer.body).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
					expect(answer.items).toHaveLength(1);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('replays: the same callback three times gives one item; correctly signed but stale is refused', async () => {
		const body = ROOM_FIXTURES['Room.CallbackAfterMemberEnter'].replace(
			'1670574414123',
			String(Date.now()),
		);
		const answers = [];
		for (let i = 0; i < 3; i++)
			answers.push(
				await host.call({ rawBody: body, query: query('Room.CallbackAfterMemberEnter') }),
			);
		expect(answers.map((a) => a.items.length)).toEqual([1, 0, 0]);
		expect(answers.every((a) => (a.body as IDataObject).ActionStatus === 'OK')).toBe(true);
		const stale = await host.call({
			rawBody: body,
			query: query('Room.CallbackAfterMemberEnter', { time: Math.floor(Date.now() / 1000) - 3600 }),
		});
		expect(stale.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 4002 });
		expect(createHash('sha256').update('x').digest('hex')).toHaveLength(64);
	});
});

describe('fuzzing the Tencent Cloud TRTC Trigger', () => {
	let host: TriggerHost;
	beforeAll(async () => {
		host = await hostTrigger(new TencentCloudRtcTrigger(), trtcCallbackCredential(), {
			events: ['*'],
			options: {},
		});
	});
	afterAll(async () => await host.stop());
	const types = [101, 103, 104, 201, 206, 302, 310, 311, 312];
	const REMOVED = Symbol('removed');
	const codes = [REMOVED, null, [], {}, true, 'x', -1, 1.5];
	/** Each field and the values it may not have (REMOVED: absent), in a 103 or 311 callback. */
	const fields: Array<[string, boolean, unknown[]]> = [
		['EventGroupId', false, codes],
		['EventType', false, codes],
		['EventInfo', false, [REMOVED, null, [], 'x', 1]],
		['RoomId', true, [REMOVED, null, [], {}, true, 1.5]],
		['TaskId', true, [REMOVED, null, [], {}, true]],
		['Role', true, codes.slice(1)],
		['Payload', true, [null, [], 'x', 1, true]],
	];
	it(`refuses ${RUNS} bad callbacks with a 4xx, no item, no crash`, async () => {
		const bad = fc.oneof(
			// correctly signed garbage and truncated bodies
			fc
				.oneof(
					jsonNoise,
					fc
						.constantFrom(...types)
						.chain((t) => truncated(trtcRequest(trtcEvent(t)).rawBody as string)),
				)
				.map((body) => trtcRequest(body)),
			// a required field removed or of a type the schema cannot take (a 311 callback but for Role)
			fc.constantFrom(...fields).chain(([field, inInfo, values]) =>
				fc.constantFrom(...values).map((value) => {
					const event = trtcEvent(field === 'Role' ? 103 : 311) as Record<string, unknown>;
					const target = (inInfo ? event.EventInfo : event) as Record<string, unknown>;
					if (value === REMOVED) delete target[field];
					else target[field] = value;
					return trtcRequest(event as never);
				}),
			),
			// forged Sign, foreign SdkAppId, CallbackTs beyond the window either way, headers missing
			fc
				.tuple(fc.constantFrom(...types), fc.string({ minLength: 1, maxLength: 20 }))
				.map(([t, k]) => trtcRequest(trtcEvent(t), { key: `x${k}` })),
			fc
				.tuple(fc.constantFrom(...types), fc.integer({ min: 1, max: 10 ** 9 }))
				.filter(([, app]) => app !== TRTC_APP)
				.map(([t, app]) => trtcRequest(trtcEvent(t), { sdkAppId: app })),
			fc
				.tuple(
					fc.constantFrom(...types),
					fc.integer({ min: 301, max: 10 ** 8 }),
					fc.constantFrom(-1, 1),
				)
				.map(([t, age, sign]) => trtcRequest(trtcEvent(t, Date.now() + sign * age * 1000))),
			fc.tuple(fc.constantFrom(...types), fc.constantFrom('sign', 'sdkappid')).map(([t, name]) => {
				const request = trtcRequest(trtcEvent(t));
				delete request.headers![name];
				return request;
			}),
		);
		await fc.assert(
			fc.asyncProperty(bad, async (request) => expectRejected(await host.call(request))),
			{ numRuns: RUNS },
		);
	});

	it('accepts valid callbacks with random extra fields (kept in the raw body and the payload)', async () => {
		let n = 0;
		const known = [
			'EventGroupId',
			'EventType',
			'CallbackTs',
			'EventInfo',
			'RoomId',
			'EventTs',
			'EventMsTs',
			'UserId',
			'TaskId',
			'Payload',
			'Status',
			'TencentVod',
			'Role',
			'TerminalType',
			'UserType',
			'Reason',
			'UniqueId',
			'EventTsMs',
			'LeaveCode',
			'FileList',
			'FileMessage',
			'Errmsg',
			'FileName',
			'TrackType',
			'BeginTimeStamp',
			'Url',
			'__proto__',
		];
		const extras = fc.dictionary(
			fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !known.includes(k)),
			fc.jsonValue({ maxDepth: 2 }),
			{ maxKeys: 4 },
		);
		await fc.assert(
			fc.asyncProperty(extras, extras, extras, async (top, info, payload) => {
				// (integers beyond 2^53 come back as exact strings, by design; compared elsewhere)
				fc.pre(!/\d{16,}/.test(JSON.stringify([top, info, payload])));
				const event = trtcEvent(311, Date.now(), { EventMsTs: n++ });
				const body = {
					...top,
					...event,
					EventInfo: {
						...info,
						...event.EventInfo,
						Payload: { ...payload, ...(event.EventInfo.Payload as object) },
					},
				};
				const answer = await host.call(trtcRequest(JSON.parse(JSON.stringify(body))));
				expect(answer.status).toBe(200);
				expect(answer.body).toEqual({ code: 0 });
				expect(answer.items).toHaveLength(1);
				expect(answer.items[0].raw).toMatchObject(JSON.parse(JSON.stringify(top)));
				expect(answer.items[0].payload).toMatchObject(JSON.parse(JSON.stringify(payload)));
			}),
			{ numRuns: 300 },
		);
	});
});
