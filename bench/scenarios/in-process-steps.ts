/**
 * a'. Where the in-process time goes: each step of a trigger's delivery path timed on its own, over
 * bodies like (a)'s (Huawei's and SparkRTC's the same; Tencent's with 4 of its 8 room fields), next to
 * the floor's two operations (HMAC-SHA256, JSON.parse). The steps are
 * the helpers webhook() calls, in its order; what (a) measures beyond their sum is webhook() itself
 * (parameters, the response's listeners, the item's assembly) and the garbage those allocations make.
 */
import { randomBytes } from 'node:crypto';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import {
	parseEnvelope,
	verifyDelivery,
} from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers';
import { toItem as huaweiItem } from '../../nodes/HuaweiCloudMeeting/events';
import {
	callbackIdentity,
	parseEvent,
	verifyCallback,
} from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTriggerHelpers';
import { recordingEventSchema, toItem as rtcItem } from '../../nodes/HuaweiCloudSparkRtc/events';
import { parseCallback } from '../../nodes/TencentCloudRoom/TencentCloudRoomTriggerHelpers';
import { toItem as roomItem } from '../../nodes/TencentCloudRoom/events';
import { bodyIdentity, deliveryId, DeliveryGuard } from '../../nodes/shared/dedupe';
import { parseJsonBody } from '../../nodes/shared/json';
import { huaweiBodies, sparkRtcCallbacks } from '../bodies';
import { hmacHex, log, median, results, rows } from '../report';

const N = 5000;

/** µs per call of `f` over i < N, the median of 5 rounds. */
function time(f: (i: number) => unknown): number {
	const rounds: number[] = [];
	for (let r = 0; r < 5; r++) {
		const t = process.hrtime.bigint();
		for (let i = 0; i < N; i++) f(i);
		rounds.push(Number(process.hrtime.bigint() - t) / 1e3 / N);
	}
	return +median(rounds).toFixed(2);
}

function report(provider: string, steps: Record<string, number>) {
	rows.push([
		`a'. ${provider}: µs per event, step by step`,
		Object.entries(steps)
			.map(([k, v]) => `${k} ${v}`)
			.join('; '),
		'',
		'info',
		'info',
	]);
	log(`${provider} steps: ${JSON.stringify(steps)}`);
	return { provider, ...steps };
}

export function inProcessSteps() {
	const out: IDataObject[] = [];
	const guard = new DeliveryGuard();
	let n = 0;
	const dedupe = (identity: string) => guard.firstSeen(`wf:node|${identity}|${n++}`, 60_000);

	{
		const key = randomBytes(24).toString('hex');
		const now = Date.now();
		const bodies = huaweiBodies(key, N, now);
		const ctx = {
			getWorkflowStaticData: () => ({ subscriberId: 'bench', subscriberKey: key }),
			getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/x/webhook',
		} as unknown as IWebhookFunctions;
		const parsed = bodies.map(
			(b) => parseEnvelope(b) as Exclude<ReturnType<typeof parseEnvelope>, { answer: unknown }>,
		);
		out.push(
			report('Huawei Cloud Meeting Trigger', {
				'floor: HMAC': time((i) => hmacHex(key, bodies[i])),
				'floor: JSON.parse': time((i) => JSON.parse(bodies[i])),
				'parse (JSON + lossless check + zod envelope)': time((i) => parseEnvelope(bodies[i])),
				'verify (signed string + HMAC + compare)': time((i) =>
					verifyDelivery(ctx, parsed[i].envelope, bodies[i]),
				),
				'item (zod payload + fields + ISO times)': time((i) =>
					huaweiItem(parsed[i].envelope, parsed[i].body),
				),
				'duplicate guard': time((i) => dedupe(String(i))),
				deliveryId: time((i) => deliveryId(`${i}|${now}|meeting.started`)),
			}),
		);
	}
	{
		const key = randomBytes(24).toString('hex');
		const { bodies, headers, signed } = sparkRtcCallbacks(key, N);
		let current = 0;
		const ctx = {
			getWorkflowStaticData: () => ({ authKey: key, appId: 'app' }),
			getHeaderData: () => headers[current],
			getNodeParameter: (_: string, fallback: unknown) => fallback,
		} as unknown as IWebhookFunctions;
		const events = bodies.map((b) => recordingEventSchema.parse(JSON.parse(b)));
		out.push(
			report('Huawei Cloud SparkRTC Trigger', {
				'floor: HMAC': time((i) => hmacHex(key, signed(i))),
				'floor: JSON.parse': time((i) => JSON.parse(bodies[i])),
				'verify (headers + HMAC + compare)': time((i) => {
					current = i;
					return verifyCallback(ctx, bodies[i]);
				}),
				'parse (JSON + lossless check + zod)': time((i) => parseEvent(ctx, bodies[i])),
				'zod alone': time((i) => recordingEventSchema.safeParse(parseJsonBody(bodies[i]))),
				'item (fields + ISO times)': time((i) => rtcItem(events[i], JSON.parse(bodies[i]))),
				'duplicate guard': time((i) => dedupe(callbackIdentity(events[i], bodies[i]))),
				deliveryId: time((i) => deliveryId(callbackIdentity(events[i], bodies[i]))),
			}),
		);
	}
	{
		const bodies = Array.from({ length: N }, (_, i) =>
			JSON.stringify({
				CallbackCommand: 'Room.CallbackAfterUpdateRoomInfo',
				Operator_Account: 'bob',
				RoomInfo: {
					RoomId: `rid-${i}`,
					RoomName: 'rname',
					Owner_Account: 'jack',
					MaxMemberCount: 300,
				},
				EventTime: 1670574414123 + i,
			}),
		);
		const query = { CallbackCommand: 'Room.CallbackAfterUpdateRoomInfo' };
		const parsed = bodies.map((b) => JSON.parse(b) as IDataObject);
		out.push(
			report('Tencent Cloud Room Trigger', {
				'floor: HMAC': time((i) => hmacHex('k', bodies[i])),
				'floor: JSON.parse': time((i) => JSON.parse(bodies[i])),
				'parse (JSON + lossless check + command)': time((i) => parseCallback(query, bodies[i])),
				'item (zod + fields + ISO times)': time((i) =>
					roomItem('Room.CallbackAfterUpdateRoomInfo', parsed[i], { sdkAppId: '1400000000' }),
				),
				'duplicate guard (body as key)': time((i) => dedupe(bodyIdentity(bodies[i]))),
				deliveryId: time((i) => deliveryId(bodyIdentity(bodies[i]))),
			}),
		);
	}
	results.inProcessSteps = out;
}
