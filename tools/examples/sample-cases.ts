/**
 * The sample event of each example workflow, one entry per example file (tools/examples/pin-samples.ts
 * runs them through the example's trigger and pins what it emits). The events are documented in
 * docs/webhook-triggers.md ("Sample data (pinned)"); change them there too.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TriggerHost } from '../../test/harness/n8n';
import type { PollHost } from '../../test/harness/poll';
import { TrtcCallbackSender, trtcBody, trtcEvent } from '../../test/simulator/tencentRtcCallbacks';
import { waitFor } from '../real-n8n/host';
import type { Stack } from '../stand-in-cloud/stack';
import { DEMO } from '../stand-in-cloud/stack';

/** When every sample happens: 30 s after the demo meeting's scheduled start. */
export const SAMPLE_TIME = Date.UTC(2026, 10, 25, 10, 0, 30);
const SAMPLE_SECONDS = Math.floor(SAMPLE_TIME / 1000);

/** What a case gets: the running stand-in cloud and, for a webhook trigger, its activated host. */
export interface SampleContext {
	stack: Stack;
	/** The trigger's node parameters, as in the example (adjusted to the stand-in cloud). */
	parameters: IDataObject;
	clock: SampleClock;
	host?: TriggerHost;
	/** A polling trigger: its polls in n8n-core's PollContext (the scheduled ones' items are the sample). */
	poller?: PollHost;
}

/** How one example's trigger is made to emit its sample. */
export interface PinCase {
	/**
	 * Webhook triggers are activated and receive a delivery; long-lived ones run trigger(); polling
	 * ones are polled by the case.
	 */
	kind: 'webhook' | 'trigger' | 'poll';
	/** The sample event, sent the way the provider sends it. */
	send(ctx: SampleContext): Promise<void>;
}

/** A Huawei Cloud Meeting push of `event` about the demo meeting, signed, at SAMPLE_TIME. */
const huaweiPush = (event: string): PinCase => ({
	kind: 'webhook',
	async send({ stack, parameters }) {
		const config = stack.huawei.activeConfig(parameters.corpId as string)!;
		const meetingInfo = {
			meetingID: DEMO.meeting.conferenceID,
			meetingUUID: DEMO.meeting.confUUID,
		};
		const answer = await stack.huawei.send(
			config,
			{ event, timestamp: SAMPLE_TIME, payload: { meetingInfo } },
			'20261125',
			SAMPLE_TIME,
		);
		if (answer.status !== 200) throw new Error(`Huawei sample answered ${answer.status}`);
	},
});

/** A TRTC callback of `type` (its documented example, with `info`), signed, at SAMPLE_TIME. */
const trtcCallback = (type: number, info: Record<string, string>): PinCase => ({
	kind: 'webhook',
	async send({ stack, host }) {
		const sender = new TrtcCallbackSender({
			url: host!.url,
			sdkAppId: DEMO.trtcAppId,
			key: stack.secrets.trtcCallbackKey,
		});
		const answer = await sender.attempt(trtcBody(trtcEvent(type, SAMPLE_TIME, info)));
		if (!answer.ok) throw new Error(`TRTC sample answered ${answer.status}`);
	},
});

/**
 * One entry per example file. The sample events are documented in docs/webhook-triggers.md
 * ("Sample data"); change them there too.
 */
export const CASES: Record<string, PinCase> = {
	'huawei-meeting-started-to-slack.json': huaweiPush('meeting.started'),
	'huawei-meeting-started-to-email.json': huaweiPush('meeting.started'),
	'huawei-recording-finished-to-email.json': huaweiPush('record.finish'),
	'huawei-meeting-router.json': huaweiPush('meeting.started'),
	// The demo meeting runs from 10:55 and ends at 11:00; the poll at 11:00:30 finds it ended.
	'huawei-meeting-ended-polling-to-slack.json': {
		kind: 'poll',
		async send({ stack, clock, poller }) {
			const id = DEMO.meeting.conferenceID;
			clock.now = Date.UTC(2026, 10, 25, 10, 55);
			stack.huawei.timeline.start(id);
			await poller!.poll();
			clock.now = Date.UTC(2026, 10, 25, 11, 0);
			stack.huawei.timeline.end(id);
			clock.now = Date.UTC(2026, 10, 25, 11, 0, 30);
			await poller!.poll();
		},
	},
	'sparkrtc-recording-to-email.json': {
		kind: 'webhook',
		async send({ stack }) {
			const answer = await stack.rtc.deliver(
				DEMO.rtcAppId,
				{
					event_type: 'RECORD_FILE_COMPLETE',
					app_id: DEMO.rtcAppId,
					room_id: 'room-sample',
					download_url:
						'https://bucket.obs.cn-north-4.myhuaweicloud.com/Record/room-sample/file.mp4',
					obs_object: 'Record/room-sample/file.mp4',
					record_duration: 65,
					file_size: 1234567,
				},
				{ rand: '20261125', timestamp: String(SAMPLE_SECONDS) },
			);
			if (answer.status !== 200) throw new Error(`SparkRTC sample answered ${answer.status}`);
		},
	},
	'trtc-user-entered-to-slack.json': trtcCallback(103, { RoomId: 'room-sample', UserId: 'ann' }),
	'trtc-recording-ready-to-email.json': trtcCallback(311, { RoomId: 'room-sample' }),
	'tencent-room-updated-to-slack.json': {
		kind: 'webhook',
		async send({ stack }) {
			const answer = await stack.tencent.deliver(
				{
					CallbackCommand: 'Room.CallbackAfterUpdateRoomInfo',
					Operator_Account: 'bob',
					RoomInfo: {
						RoomId: 'rid-sample',
						RoomName: 'Weekly sync',
						IsCloudRecordingDisabled: 'false',
					},
					EventTime: SAMPLE_TIME,
				},
				{ token: stack.secrets.callbackToken, requestTime: SAMPLE_SECONDS },
			);
			if (answer.status !== 200) throw new Error(`Tencent sample answered ${answer.status}`);
		},
	},
	'huawei-conference-participants-to-slack.json': {
		kind: 'trigger',
		async send({ stack }) {
			await waitFor(
				'the conference WebSocket',
				() => stack.conference!.clientCount(DEMO.conferenceId) === 1,
				15_000,
				50,
			);
			stack.conference!.publish(
				DEMO.conferenceId,
				'ParticipantsNotify',
				{ data: [{ pid: 'p1', mode: 0, pinfoMap: { NAME: 'Ann', ROLE: '0', STATE: '0' } }] },
				1,
			);
		},
	},
};

/** A Date whose clock reads `now` (settable): `new Date()` and `Date.now()` read it; the rest is Date's. */
export class SampleClock {
	now: number;
	private readonly real = globalThis.Date;

	constructor(at: number) {
		this.now = at;
		const clock = this;
		class SampleDate extends clock.real {
			constructor(...args: unknown[]) {
				if (args.length === 0) super(clock.now);
				else super(...(args as [string]));
			}

			static now(): number {
				return clock.now;
			}
		}
		globalThis.Date = SampleDate as DateConstructor;
	}

	restore(): void {
		globalThis.Date = this.real;
	}
}
