/**
 * a. Per provider, in process: our verify + parse + filter path against the floor (HMAC-SHA256 over
 * the same body + JSON.parse), same bodies (BENCH_EVENTS per provider, 20,000 by default).
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';

import type { IDataObject, INodeType, IWebhookFunctions } from 'n8n-workflow';

import { HuaweiCloudMeetingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { HuaweiCloudSparkRtcTrigger } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { TencentCloudRoomTrigger } from '../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { TencentCloudRtcTrigger } from '../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import { callbackQuery } from '../../test/simulator/tencentRoom';
import { trtcBody, trtcEvent, trtcSign } from '../../test/simulator/tencentRtcCallbacks';
import { huaweiBodies, sparkRtcCallbacks } from '../bodies';
import { hmacHex, log, median, results, rows } from '../report';

/** Each measuring round is its own workflow, so that the duplicate guard sees fresh deliveries. */
let round = 0;

/**
 * A minimal n8n webhook context, built once per case; each call only swaps the request. What is
 * measured is the node's code (building n8n's real context is n8n's cost, measured in part b).
 */
function webhookCall(
	node: INodeType,
	params: IDataObject,
	staticData: IDataObject,
	credentials: IDataObject,
) {
	const flat = new Map<string, unknown>();
	const walk = (prefix: string, value: unknown) => {
		flat.set(prefix, value);
		if (value && typeof value === 'object' && !Array.isArray(value))
			for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
	};
	for (const [k, v] of Object.entries(params)) walk(k, v);
	const theNode = {
		id: 'bench',
		name: 'bench',
		type: node.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const request: { rawBody: Buffer; headers: IDataObject; query: IDataObject; status: number } = {
		rawBody: Buffer.alloc(0),
		headers: {},
		query: {},
		status: 0,
	};
	// As n8n's response: the node answers refusals itself (status().json()); for an execution n8n
	// answers 200 once it is stored, and the node's duplicate guard listens for that answer.
	const response = Object.assign(new EventEmitter(), {
		statusCode: 200,
		writableFinished: true,
		status: (s: number) => ({ json: () => (request.status = s) }),
	});
	const workflow = { id: 'bench-0' };
	const ctx = {
		getNode: () => theNode,
		getWorkflow: () => workflow,
		getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/x/webhook',
		getNodeParameter: (name: string, fallback?: unknown) =>
			flat.has(name) ? flat.get(name) : fallback,
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => credentials,
		getRequestObject: () => request,
		getResponseObject: () => response,
		getHeaderData: () => request.headers,
		getQueryData: () => request.query,
		getBodyData: () => ({}),
		helpers: { returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })) },
	} as unknown as IWebhookFunctions;
	return async (rawBody: Buffer, headers: IDataObject, query: IDataObject) => {
		request.rawBody = rawBody;
		request.headers = headers;
		request.query = query;
		request.status = 0;
		workflow.id = `bench-${round}`;
		const result = await node.webhook!.call(ctx);
		if (result.workflowData) {
			response.emit('finish');
			response.emit('close');
		}
		return { status: request.status, items: result.workflowData?.[0].length ?? 0 };
	};
}

export async function inProcess() {
	const N = Number(process.env.BENCH_EVENTS ?? 20_000);
	type Case = {
		name: string;
		key: string;
		bodies: Buffer[];
		floorData: (i: number) => string;
		run: (i: number) => Promise<{ status: number; items: number }>;
	};
	const cases: Case[] = [];

	// Huawei Cloud Meeting: HMAC over appID + timestamp + nonce + eventInfo.
	{
		const key = randomBytes(24).toString('hex');
		// The delivery path only: the meeting-details call (made after the answer) is measured in (b).
		const call = webhookCall(
			new HuaweiCloudMeetingTrigger(),
			{ events: ['meeting.started'], options: { resolveMeetingDetails: false } },
			{ subscriberId: 'bench', subscriberKey: key },
			{},
		);
		const bodies = huaweiBodies(key, N).map((b) => Buffer.from(b));
		cases.push({
			name: 'Huawei Cloud Meeting Trigger',
			key,
			bodies,
			floorData: (i) => bodies[i].toString(),
			run: (i) => call(bodies[i], {}, {}),
		});
	}
	// SparkRTC: HMAC over rand + timestamp + body.
	{
		const key = randomBytes(24).toString('hex');
		const call = webhookCall(
			new HuaweiCloudSparkRtcTrigger(),
			{ appId: 'app', events: ['*'], options: {} },
			{ authKey: key, appId: 'app' },
			{},
		);
		const rtc = sparkRtcCallbacks(key, N);
		const bodies = rtc.bodies.map((b) => Buffer.from(b));
		const headers = rtc.headers;
		cases.push({
			name: 'Huawei Cloud SparkRTC Trigger',
			key,
			bodies,
			floorData: rtc.signed,
			run: (i) => call(bodies[i], headers[i], {}),
		});
	}
	// Tencent: SHA-256 over token + RequestTime (query), body parsed and validated.
	{
		const token = randomBytes(16).toString('hex');
		const call = webhookCall(
			new TencentCloudRoomTrigger(),
			{ events: ['*'], options: {} },
			{},
			{ sdkAppId: 1400000000, callbackToken: token },
		);
		const query = Object.fromEntries(
			new URLSearchParams(
				callbackQuery('Room.CallbackAfterUpdateRoomInfo', 1400000000, { token }).slice(1),
			),
		);
		const bodies = Array.from({ length: N }, (_, i) =>
			Buffer.from(
				JSON.stringify({
					CallbackCommand: 'Room.CallbackAfterUpdateRoomInfo',
					Operator_Account: 'bob',
					RoomInfo: {
						RoomId: `rid-${i}`,
						RoomName: 'rname',
						Owner_Account: 'jack',
						TakeSeatMode: 'FreeToTake',
						MaxMemberCount: 300,
						IsVideoDisabled: false,
						IsCloudRecordingDisabled: 'false',
						CustomInfo: '123',
					},
					EventTime: 1670574414123 + i,
				}),
			),
		);
		cases.push({
			name: 'Tencent Cloud Room Trigger',
			key: token,
			bodies,
			floorData: (i) => bodies[i].toString(),
			run: (i) => call(bodies[i], {}, query),
		});
	}

	// TRTC: HMAC-SHA256 (base64) over the raw body, the Sign header; a user entered a room.
	{
		const key = randomBytes(16).toString('hex');
		const call = webhookCall(
			new TencentCloudRtcTrigger(),
			{ events: ['*'], options: {} },
			{},
			{ sdkAppId: 1400000077, callbackSecret: key },
		);
		const now = Date.now();
		const bodies = Array.from({ length: N }, (_, i) =>
			Buffer.from(trtcBody(trtcEvent(103, now, { UserId: `user-${i}` }))),
		);
		const headers = bodies.map((b) => ({ sign: trtcSign(key, b), sdkappid: '1400000077' }));
		cases.push({
			name: 'Tencent Cloud TRTC Trigger',
			key,
			bodies,
			floorData: (i) => bodies[i].toString(),
			run: (i) => call(bodies[i], headers[i], {}),
		});
	}

	const perProvider: IDataObject[] = [];
	for (const c of cases) {
		const floorTimes: number[] = [];
		const oursTimes: number[] = [];
		for (let r = 0; r < 5; r++) {
			round++;
			let t = process.hrtime.bigint();
			for (let i = 0; i < c.bodies.length; i++) {
				hmacHex(c.key, c.floorData(i));
				JSON.parse(c.bodies[i].toString());
			}
			floorTimes.push(Number(process.hrtime.bigint() - t) / 1e3 / c.bodies.length);
			t = process.hrtime.bigint();
			let accepted = 0;
			for (let i = 0; i < c.bodies.length; i++) accepted += (await c.run(i)).items;
			oursTimes.push(Number(process.hrtime.bigint() - t) / 1e3 / c.bodies.length);
			if (accepted !== c.bodies.length)
				throw new Error(`${c.name}: only ${accepted} of ${c.bodies.length} accepted`);
		}
		const floor = median(floorTimes);
		const ours = median(oursTimes);
		perProvider.push({
			provider: c.name,
			events: c.bodies.length,
			floorMicrosPerEvent: +floor.toFixed(2),
			oursMicrosPerEvent: +ours.toFixed(2),
			ratio: +(ours / floor).toFixed(2),
			oursPerSecond: Math.round(1e6 / ours),
			target: '≤ 3×',
		});
		rows.push([
			`a. ${c.name}: verify + parse + filter vs HMAC + JSON.parse`,
			`${ours.toFixed(1)} µs vs ${floor.toFixed(1)} µs per event (${Math.round(1e6 / ours).toLocaleString('en')}/s)`,
			`${(ours / floor).toFixed(2)}×`,
			'≤ 3×',
			ours / floor <= 3 ? 'met' : 'missed',
		]);
		log(
			`${c.name}: ours ${ours.toFixed(2)} µs, floor ${floor.toFixed(2)} µs, ratio ${(ours / floor).toFixed(2)}`,
		);
	}
	results.inProcess = perProvider;
}
