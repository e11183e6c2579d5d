/**
 * Property tests on the security paths the first fuzz suite did not reach: specific event
 * selections (and unknown commands while specific events are selected), future-dated deliveries,
 * over-long / truncated / wrong-case signatures, and several tenants' keys at once (nothing signed for
 * one tenant is accepted by another). In process, with the same webhook() n8n calls.
 */
import { createHash, createHmac } from 'node:crypto';

import fc from 'fast-check';

import { HuaweiCloudMeetingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { MEETING_EVENTS } from '../../nodes/HuaweiCloudMeeting/events';
import { HuaweiCloudSparkRtcTrigger } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { TencentCloudRoomTrigger } from '../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { TencentCloudRtcTrigger } from '../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import type { TriggerHost } from '../harness/n8n';
import { hostTrigger } from '../harness/n8n';
import { signedPush } from '../simulator/huaweiMeeting';
import { callbackQuery } from '../simulator/tencentRoom';
import { ROOM_FIXTURES } from '../fixtures/tencentRoom';
import { appIdCredential } from '../nodes/HuaweiCloudMeeting/setup';
import {
	akSkCredential,
	APP_ID as RTC_APP,
	FILE_COMPLETE,
} from '../nodes/HuaweiCloudSparkRtc/setup';
import { CALLBACK_TOKEN, SDK_APP_ID, tencentCredential } from '../nodes/TencentCloudRoom/setup';
import { trtcEvent } from '../simulator/tencentRtcCallbacks';
import {
	CALLBACK_KEY as TRTC_KEY,
	TRTC_SDK_APP_ID as TRTC_APP,
	trtcCallbackCredential,
	trtcRequest,
} from '../nodes/TencentCloudRtc/triggerSetup';

const RUNS = Math.max(50, Math.floor(Number(process.env.FUZZ_RUNS ?? 10_000) / 20));
const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');
const fakeSim = { baseUrl: 'http://127.0.0.1:9' } as never;
const hosts: TriggerHost[] = [];
afterAll(async () => {
	for (const h of hosts) await h.stop();
});

/** A signature altered so that it must be refused: longer, shorter, one character changed. */
const alteredSignature = (signature: string) =>
	fc.oneof(
		fc.stringMatching(/^[0-9a-f]{1,8}$/).map((tail) => signature + tail),
		fc.integer({ min: 1, max: 63 }).map((n) => signature.slice(0, n)),
		fc
			.integer({ min: 0, max: 63 })
			.map(
				(i) => signature.slice(0, i) + (signature[i] === '0' ? '1' : '0') + signature.slice(i + 1),
			),
	);

describe('Huawei Cloud Meeting Trigger: tenants, selections, time and signature properties', () => {
	const tenants = [
		{ appId: 'tenant-a', key: 'a'.repeat(48) },
		{ appId: 'tenant-b', key: 'b'.repeat(48) },
		{ appId: 'tenant-c', key: 'c'.repeat(48) },
	];
	const selected = ['meeting.started', 'meeting.join'];
	const byTenant = new Map<string, TriggerHost>();
	beforeAll(async () => {
		for (const t of tenants) {
			const host = await hostTrigger(new HuaweiCloudMeetingTrigger(), appIdCredential(fakeSim), {
				scope: 'enterprise',
				corpId: t.appId,
				events: selected,
				options: { resolveMeetingDetails: false },
			});
			Object.assign(host.staticData, {
				configId: t.appId,
				subscriberId: t.appId,
				subscriberKey: t.key,
				webhookUrl: host.url,
			});
			byTenant.set(t.appId, host);
			hosts.push(host);
		}
	});
	const payload = (event: string, i: number) => ({
		meetingInfo: {
			meetingID: String(100000000 + i),
			meetingUUID: createHash('md5').update(String(i)).digest('hex'),
		},
		...(event === 'meeting.join' || event === 'meeting.left'
			? { attendeeInfo: { displayName: 'x' } }
			: {}),
	});

	it('accepts only what its own tenant signed, only for the selected events', async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...tenants),
				fc.constantFrom(...tenants),
				fc.constantFrom(...Object.keys(MEETING_EVENTS), 'meeting.futureThing'),
				async (signer, receiver, event) => {
					const i = n++;
					const now = Date.now();
					const body = signedPush(
						signer.appId,
						signer.key,
						{ event, timestamp: now, payload: payload(event, i) },
						String(10_000_000 + i),
						now,
					);
					const answer = await byTenant
						.get(receiver.appId)!
						.call({ rawBody: body, headers: { 'content-type': 'application/json' } });
					expect(answer.thrown).toBeUndefined();
					if (signer !== receiver) {
						expect(answer.status).toBe(401);
						expect(answer.items).toHaveLength(0);
					} else if (!selected.includes(event)) {
						expect(answer.status).toBe(200);
						expect(answer.items).toHaveLength(0);
					} else {
						expect(answer.status).toBe(200);
						expect(answer.items).toHaveLength(1);
					}
				},
			),
			{ numRuns: RUNS },
		);
	});

	it('refuses deliveries dated beyond the window in the future as in the past', async () => {
		const tenant = tenants[0];
		let n = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 25 * 60 + 1, max: 10 * 365 * 24 * 60 }),
				fc.boolean(),
				async (minutes, future) => {
					const ts = Date.now() + (future ? 1 : -1) * minutes * 60_000;
					const body = signedPush(
						tenant.appId,
						tenant.key,
						{
							event: 'meeting.started',
							timestamp: ts,
							payload: payload('meeting.started', 1_000_000 + n),
						},
						String(20_000_000 + n++),
						ts,
					);
					const answer = await byTenant.get(tenant.appId)!.call({ rawBody: body });
					expect(answer.status).toBe(401);
					expect(answer.items).toHaveLength(0);
				},
			),
			{ numRuns: RUNS },
		);
	});

	it('refuses altered signatures and accepts the upper-case form of the right one', async () => {
		const tenant = tenants[1];
		let n = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.constant(null).chain(() => {
					const i = n++;
					const now = Date.now();
					const body = signedPush(
						tenant.appId,
						tenant.key,
						{
							event: 'meeting.started',
							timestamp: now,
							payload: payload('meeting.started', 2_000_000 + i),
						},
						String(30_000_000 + i),
						now,
					);
					const signature = JSON.parse(body).signature as string;
					return alteredSignature(signature).map((altered) => ({ body, signature, altered }));
				}),
				async ({ body, signature, altered }) => {
					const host = byTenant.get(tenant.appId)!;
					const refused = await host.call({ rawBody: body.replace(signature, altered) });
					expect(refused.status === 400 || refused.status === 401).toBe(true);
					expect(refused.items).toHaveLength(0);
					const upper = await host.call({
						rawBody: body.replace(signature, signature.toUpperCase()),
					});
					expect(upper.items).toHaveLength(1);
				},
			),
			{ numRuns: RUNS },
		);
	});
});

describe('SparkRTC Trigger: signature, window and selection properties', () => {
	let host: TriggerHost;
	const key = 'e'.repeat(48);
	beforeAll(async () => {
		host = await hostTrigger(new HuaweiCloudSparkRtcTrigger(), akSkCredential(fakeSim), {
			appId: RTC_APP,
			events: ['RECORD_FILE_COMPLETE'],
			options: {},
		});
		Object.assign(host.staticData, { authKey: key, appId: RTC_APP, webhookUrl: host.url });
		hosts.push(host);
	});
	let n = 0;
	const body = (eventType = 'RECORD_FILE_COMPLETE') =>
		JSON.stringify({ ...FILE_COMPLETE, event_type: eventType, job_id: `job-${n++}` });
	const headers = (raw: string, ts = String(Math.floor(Date.now() / 1000)), signingKey = key) => ({
		'x-rtc-rand': '7',
		'x-rtc-timestamp': ts,
		'x-rtc-signature': hmac(signingKey, `7${ts}${raw}`),
	});

	it('refuses altered signatures, another key, and timestamps beyond the window either way', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: 3 }),
				fc.integer({ min: 601, max: 10 ** 8 }),
				fc.boolean(),
				async (kind, offset, future) => {
					const raw = body();
					const h = headers(raw);
					if (kind === 0) h['x-rtc-signature'] = `${h['x-rtc-signature']}0`;
					if (kind === 1) h['x-rtc-signature'] = h['x-rtc-signature'].slice(1);
					if (kind === 2)
						Object.assign(h, headers(raw, undefined, 'another-tenant-key-'.padEnd(48, 'x')));
					if (kind === 3)
						Object.assign(
							h,
							headers(raw, String(Math.floor(Date.now() / 1000) + (future ? offset : -offset))),
						);
					const answer = await host.call({ rawBody: raw, headers: h });
					expect(answer.status).toBe(401);
					expect(answer.items).toHaveLength(0);
				},
			),
			{ numRuns: RUNS },
		);
	});

	it('only the selected event starts an execution; the upper-case signature is accepted', async () => {
		for (const [eventType, expected] of [
			['RECORD_FILE_COMPLETE', 1],
			['RECORD_NEW_FILE_START', 0],
			['CLOUD_RECORD_SERVER_OVER', 0],
		] as const) {
			const raw = body(eventType);
			const h = headers(raw);
			h['x-rtc-signature'] = h['x-rtc-signature'].toUpperCase();
			const answer = await host.call({ rawBody: raw, headers: h });
			expect(answer.status).toBe(200);
			expect(answer.items).toHaveLength(expected);
		}
	});
});

describe('Tencent Cloud Room Trigger: tenants, selections, time and Sign properties', () => {
	const apps = [
		{ sdkAppId: SDK_APP_ID, token: CALLBACK_TOKEN },
		{ sdkAppId: SDK_APP_ID + 1, token: 'second-app-token' },
	];
	const selected = ['Room.CallbackAfterDestroyRoom'];
	const byApp = new Map<number, TriggerHost>();
	beforeAll(async () => {
		for (const app of apps) {
			const host = await hostTrigger(
				new TencentCloudRoomTrigger(),
				tencentCredential(fakeSim, { sdkAppId: app.sdkAppId, callbackToken: app.token }),
				{ events: selected, options: {} },
			);
			byApp.set(app.sdkAppId, host);
			hosts.push(host);
		}
	});
	let n = 0;
	const bodyFor = (command: string) =>
		JSON.stringify({
			...(ROOM_FIXTURES[command]
				? (JSON.parse(ROOM_FIXTURES[command]) as object)
				: { Operator_Account: 'x' }),
			CallbackCommand: command,
			RoomId: `r-${n++}`,
			EventTime: 1670574414123 + n,
		});
	const queryFor = (command: string, app: { sdkAppId: number; token: string }, time?: number) =>
		Object.fromEntries(
			new URLSearchParams(
				callbackQuery(command, app.sdkAppId, { token: app.token, requestTime: time }).slice(1),
			),
		);

	it('accepts only its own app, signed with its own token, and only the selected commands — never an unknown one', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...apps),
				fc.constantFrom(...apps),
				fc.constantFrom(...Object.keys(ROOM_FIXTURES), 'Room.CallbackAfterSomethingNew'),
				async (sender, receiver, command) => {
					const answer = await byApp
						.get(receiver.sdkAppId)!
						.call({ rawBody: bodyFor(command), query: queryFor(command, sender) });
					expect(answer.thrown).toBeUndefined();
					expect(answer.status).toBe(200);
					if (sender !== receiver) {
						expect(answer.body).toMatchObject({ ActionStatus: 'FAIL' });
						expect(answer.items).toHaveLength(0);
					} else {
						expect(answer.body).toMatchObject({ ActionStatus: 'OK' });
						expect(answer.items).toHaveLength(selected.includes(command) ? 1 : 0);
					}
				},
			),
			{ numRuns: RUNS },
		);
	});

	it('refuses RequestTime beyond the window either way, and altered Signs; accepts the upper-case Sign', async () => {
		const app = apps[0];
		const host = byApp.get(app.sdkAppId)!;
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 301, max: 10 ** 8 }),
				fc.boolean(),
				async (offset, future) => {
					const command = 'Room.CallbackAfterDestroyRoom';
					const time = Math.floor(Date.now() / 1000) + (future ? offset : -offset);
					const stale = await host.call({
						rawBody: bodyFor(command),
						query: queryFor(command, app, time),
					});
					expect(stale.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 4002 });
					const query = queryFor(command, app);
					const altered = await host.call({
						rawBody: bodyFor(command),
						query: { ...query, Sign: `${query.Sign}0` },
					});
					expect(altered.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 4001 });
					const upper = await host.call({
						rawBody: bodyFor(command),
						query: { ...query, Sign: query.Sign.toUpperCase() },
					});
					expect(upper.items).toHaveLength(1);
				},
			),
			{ numRuns: RUNS },
		);
	});
});

describe('Tencent Cloud TRTC Trigger: apps, selections, time and Sign properties', () => {
	const apps = [
		{ sdkAppId: TRTC_APP, key: TRTC_KEY },
		{ sdkAppId: TRTC_APP + 1, key: 'secondAppCallbackKey42' },
	];
	const selected = ['room.userEntered', 'recording.*'];
	const byApp = new Map<number, TriggerHost>();
	beforeAll(async () => {
		for (const app of apps) {
			const host = await hostTrigger(
				new TencentCloudRtcTrigger(),
				trtcCallbackCredential({ sdkAppId: app.sdkAppId, callbackSecret: app.key }),
				{ events: selected, options: {} },
			);
			byApp.set(app.sdkAppId, host);
			hosts.push(host);
		}
	});
	let n = 0;
	/** A fresh event each time (another EventMsTs), so that no duplicate hides a refusal. */
	const eventOf = (type: number, now = Date.now()) =>
		trtcEvent(type, now, { EventMsTs: 1_700_000_000_000 + n++ });
	const types = [101, 103, 104, 201, 301, 311, 399, 901];

	it('accepts only what its own app signed with its own key, and only the selected events', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...apps),
				fc.constantFrom(...apps),
				fc.constantFrom(...apps),
				fc.constantFrom(...types),
				async (signer, header, receiver, type) => {
					const answer = await byApp
						.get(receiver.sdkAppId)!
						.call(trtcRequest(eventOf(type), { key: signer.key, sdkAppId: header.sdkAppId }));
					expect(answer.thrown).toBeUndefined();
					if (header !== receiver) {
						expect(answer.status).toBe(403);
						expect(answer.items).toHaveLength(0);
					} else if (signer !== receiver) {
						expect(answer.status).toBe(401);
						expect(answer.items).toHaveLength(0);
					} else {
						expect(answer).toMatchObject({ status: 200, body: { code: 0 } });
						const wanted = type === 103 || (type >= 300 && type < 400);
						expect(answer.items).toHaveLength(wanted ? 1 : 0);
					}
				},
			),
			{ numRuns: RUNS },
		);
	});

	it('refuses CallbackTs beyond the window either way, and altered Signs', async () => {
		const host = byApp.get(apps[0].sdkAppId)!;
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 301, max: 10 ** 8 }),
				fc.boolean(),
				fc.integer({ min: 0, max: 43 }),
				fc.constantFrom('drop', 'flip', 'extend', 'case'),
				async (offset, future, at, how) => {
					const stale = await host.call(
						trtcRequest(eventOf(103, Date.now() + (future ? offset : -offset) * 1000)),
					);
					expect(stale).toMatchObject({ status: 401, items: [] });
					const request = trtcRequest(eventOf(103));
					const sign = request.headers!.sign as string;
					const c = sign[at];
					const altered = {
						drop: sign.slice(0, at) + sign.slice(at + 1),
						flip: sign.slice(0, at) + (c === 'A' ? 'B' : 'A') + sign.slice(at + 1),
						extend: `${sign}A`,
						case:
							sign.slice(0, at) +
							(c.toLowerCase() === c ? c.toUpperCase() : c.toLowerCase()) +
							sign.slice(at + 1),
					}[how];
					fc.pre(altered !== sign);
					const refused = await host.call({
						...request,
						headers: { ...request.headers, sign: altered },
					});
					expect(refused).toMatchObject({ status: 401, items: [] });
					expect((await host.call(request)).items).toHaveLength(1);
				},
			),
			{ numRuns: RUNS },
		);
	});
});
