/**
 * a''. Each webhook trigger's webhook() as n8n runs it, in process: n8n-core's real WebhookContext
 * (parameters, node, static data and credentials read through n8n's own code), next to the do-nothing
 * trigger's webhook() in the same kind of context. The same delivery as in part (b) for each trigger,
 * distinct per call. This is what a trigger costs n8n's main process beyond the floor, without the
 * HTTP server, the database and the drift of a long-running n8n that blur part (b).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import type { IDataObject, INodeType } from 'n8n-workflow';

import { TencentCloudChatApi } from '../../credentials/TencentCloudChatApi.credentials';
import { TencentRtcCallbackApi } from '../../credentials/TencentRtcCallbackApi.credentials';
import { HuaweiCloudMeetingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { HuaweiCloudSparkRtcTrigger } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { TencentCloudRoomTrigger } from '../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { TencentCloudRtcTrigger } from '../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import type { TriggerHost, WebhookRequest } from '../../test/harness/n8n';
import { CredentialStore, hostTrigger } from '../../test/harness/n8n';
import { signedPush } from '../../test/simulator/huaweiMeeting';
import { callbackQuery } from '../../test/simulator/tencentRoom';
import { trtcBody, trtcEvent, trtcSign } from '../../test/simulator/tencentRtcCallbacks';
import { ROOT } from '../../tools/real-n8n/host';
import { hmacHex, log, median, results, rows } from '../report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DoNothingTrigger } = require(
	join(ROOT, 'bench', 'fixtures', 'n8n-nodes-bench-floor', 'nodes', 'DoNothingTrigger.node.js'),
) as { DoNothingTrigger: new () => INodeType };

interface Case {
	name: string;
	host: TriggerHost;
	request: (i: number) => WebhookRequest;
}

const json = { 'content-type': 'application/json' };
const noCredential = new CredentialStore(new TencentRtcCallbackApi(), {});

/** The trigger cases with the parameters part (b) gives them, registered as activation leaves them. */
async function cases(): Promise<Array<Case & { floor: Case }>> {
	const out: Array<Case & { floor: Case }> = [];
	const add = async (
		name: string,
		node: INodeType,
		store: CredentialStore,
		params: IDataObject,
		staticData: IDataObject,
		request: (i: number) => WebhookRequest,
	) => {
		const host = await hostTrigger(node, store, params);
		Object.assign(host.staticData, staticData);
		// The floor gets the same request (n8n has parsed the body for it as for any trigger).
		const floorHost = await hostTrigger(new DoNothingTrigger(), noCredential, {});
		out.push({ name, host, request, floor: { name: 'do-nothing', host: floorHost, request } });
	};

	const huaweiKey = randomBytes(16).toString('hex');
	await add(
		'Huawei Cloud Meeting Trigger (meeting details off)',
		new HuaweiCloudMeetingTrigger(),
		noCredential,
		{
			scope: 'enterprise',
			corpId: 'corp',
			events: ['meeting.started'],
			options: { allowHttpUrl: true, resolveMeetingDetails: false },
		},
		{ subscriberId: 'sub', subscriberKey: huaweiKey },
		(i) => {
			const now = Date.now();
			const meetingInfo = { meetingID: String(100000000 + i), meetingUUID: `u${i}` };
			return {
				rawBody: signedPush(
					'sub',
					huaweiKey,
					{ event: 'meeting.started', timestamp: now, payload: { meetingInfo } },
					`n${i}`,
					now,
				),
				headers: json,
			};
		},
	);

	const rtcKey = randomBytes(16).toString('hex');
	await add(
		'Huawei Cloud SparkRTC Trigger',
		new HuaweiCloudSparkRtcTrigger(),
		noCredential,
		{ appId: 'app', events: ['*'], options: {} },
		{ authKey: rtcKey, appId: 'app' },
		(i) => {
			const body = JSON.stringify({
				event_type: 'RECORD_FILE_COMPLETE',
				app_id: 'app',
				room_id: 'room01',
				job_id: `job-${i}`,
				download_url: 'https://b.obs.example.com/Record/x.mp4',
				obs_object: `Record/job-${i}.mp4`,
				record_duration: 65,
				file_size: 26254952,
			});
			const ts = String(Math.floor(Date.now() / 1000));
			return {
				rawBody: body,
				headers: {
					...json,
					'x-rtc-rand': String(i),
					'x-rtc-timestamp': ts,
					'x-rtc-signature': hmacHex(rtcKey, `${i}${ts}${body}`),
				},
			};
		},
	);

	const token = randomBytes(16).toString('hex');
	const room = new CredentialStore(new TencentCloudChatApi(), {
		sdkAppId: 1400000077,
		secretKey: randomBytes(32).toString('hex'),
		adminAccount: 'administrator',
		callbackToken: token,
	});
	await add(
		'Tencent Cloud Room Trigger',
		new TencentCloudRoomTrigger(),
		room,
		{ events: ['*'], options: { replaceExisting: true } },
		{},
		(i) => ({
			rawBody: JSON.stringify({
				CallbackCommand: 'Room.CallbackAfterUpdateRoomInfo',
				Operator_Account: 'bob',
				RoomInfo: { RoomId: `room-${i}`, RoomName: 'r' },
				EventTime: 1670574414123 + i,
			}),
			headers: {},
			query: Object.fromEntries(
				new URLSearchParams(
					callbackQuery('Room.CallbackAfterUpdateRoomInfo', 1400000077, { token }).slice(1),
				),
			),
		}),
	);

	const trtcKey = randomBytes(16).toString('hex');
	const trtc = new CredentialStore(new TencentRtcCallbackApi(), {
		sdkAppId: 1400000077,
		callbackSecret: trtcKey,
	});
	await add(
		'Tencent Cloud TRTC Trigger',
		new TencentCloudRtcTrigger(),
		trtc,
		{ events: ['*'], options: {} },
		{},
		(i) => {
			const body = trtcBody(trtcEvent(103, Date.now(), { UserId: `user-${i}` }));
			return {
				rawBody: body,
				headers: { ...json, sign: trtcSign(trtcKey, body), sdkappid: '1400000077' },
			};
		},
	);
	return out;
}

/** µs per call over `n` distinct deliveries, the median of 5 rounds, each round new deliveries. */
async function time(c: Case, n: number, offset: { next: number }): Promise<number> {
	const rounds: number[] = [];
	for (let r = 0; r < 5; r++) {
		const requests = Array.from({ length: n }, () => c.request(offset.next++));
		const t = process.hrtime.bigint();
		for (const request of requests) {
			const answer = await c.host.call(request);
			if (answer.items.length !== 1)
				throw new Error(`${c.name}: ${answer.status} ${JSON.stringify(answer.body)}`);
		}
		rounds.push(Number(process.hrtime.bigint() - t) / 1e3 / n);
	}
	return median(rounds);
}

export async function inN8nCore() {
	const n = Number(process.env.BENCH_CORE_EVENTS ?? 5000);
	const out: IDataObject[] = [];
	for (const c of await cases()) {
		const offset = { next: 0 };
		// Warm both up, then take turns so that both see the same state of the process.
		await time(c, 500, offset);
		await time(c.floor, 500, offset);
		const floor = median([await time(c.floor, n, offset), await time(c.floor, n, offset)]);
		const ours = median([await time(c, n, offset), await time(c, n, offset)]);
		const extra = ours - floor;
		out.push({ trigger: c.name, floorMicros: +floor.toFixed(1), oursMicros: +ours.toFixed(1) });
		rows.push([
			`a''. ${c.name}: webhook() in n8n-core's WebhookContext vs the do-nothing trigger's`,
			`${ours.toFixed(1)} µs vs ${floor.toFixed(1)} µs per delivery (+${extra.toFixed(1)} µs)`,
			`${(ours / floor).toFixed(2)}×`,
			'info',
			'info',
		]);
		log(`${c.name}: webhook() ${ours.toFixed(1)} µs, do-nothing ${floor.toFixed(1)} µs`);
		await c.host.stop();
		await c.floor.host.stop();
	}
	results.inN8nCore = out;
}
