/**
 * The stand-in cloud for the real-n8n tests and the demo: the provider simulators (and TRTC's
 * callback sender), a Slack incoming-webhook stand-in and an SMTP sink, all on 127.0.0.1, with secrets generated per run.
 * It also prepares the example workflows (examples/*.json) and their credentials to point at it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SMTPServer } from 'smtp-server';

import { HuaweiConferenceSimulator } from '../../test/simulator/huaweiConference';
import { HuaweiMeetingSimulator } from '../../test/simulator/huaweiMeeting';
import { HuaweiSparkRtcSimulator } from '../../test/simulator/huaweiSparkRtc';
import { SimServer } from '../../test/simulator/server';
import { TencentRoomSimulator } from '../../test/simulator/tencentRoom';
import { TrtcCallbackSender } from '../../test/simulator/tencentRtcCallbacks';
import { ROOT } from '../real-n8n/host';

export interface Mail {
	from: string;
	to: string[];
	raw: string;
}

export interface StackPorts {
	huawei?: number;
	rtc?: number;
	tencent?: number;
	slack?: number;
	smtp?: number;
}

const secret = (bytes = 16) => randomBytes(bytes).toString('hex');

export const DEMO = {
	meetingAppId: 'demo-meeting-app',
	corpSlack: 'demo-corp-slack',
	corpMail: 'demo-corp-mail',
	corpRecording: 'demo-corp-recording',
	rtcAk: 'DEMOAKEXAMPLE0000001',
	rtcProject: '0123456789abcdef0123456789abcdef',
	rtcAppId: 'demo-sparkrtc-app',
	tencentAppId: 1400000001,
	/** The TRTC app whose callbacks (room, media, recording) the two TRTC examples receive. */
	trtcAppId: 1400000002,
	conferenceId: '900487914',
	/** The meeting the e2e suite and the demo push events about (its subject is non-ASCII). */
	meeting: {
		conferenceID: '987446316',
		confUUID: '0307e0400f0a11eca58a9fcb8e69dde8',
		subject: 'Q4 planning 规划 🚀',
	},
};

/** Subject and text of a raw e-mail (encoded words, quoted-printable or base64 bodies decoded). */
export function decodeMail(raw: string): { subject: string; text: string } {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const body = raw.slice(split + 4);
	const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
	const words = (value: string) =>
		value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
			enc.toUpperCase() === 'B'
				? Buffer.from(text, 'base64').toString('utf8')
				: Buffer.from(
						text
							.replace(/_/g, ' ')
							.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
						'latin1',
					).toString('utf8'),
		);
	const encoding = header('Content-Transfer-Encoding').toLowerCase();
	const text =
		encoding === 'base64'
			? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
			: encoding === 'quoted-printable'
				? Buffer.from(
						body
							.replace(/=\r?\n/g, '')
							.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
						'latin1',
					).toString('utf8')
				: body;
	return { subject: words(header('Subject')).trim(), text };
}

const TRTC_ALL_EVENTS_WEBHOOK = '6f1c2a10-9999-4a6e-9d6e-3b0c1d2e3f49';

/** The webhookId of an example's trigger (its production URL is /webhook/<id>/webhook). */
function exampleWebhookId(file: string): string {
	const workflow = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as {
		nodes: Array<{ webhookId?: string }>;
	};
	return workflow.nodes.find((n) => n.webhookId)!.webhookId!;
}

export class Stack {
	readonly secrets = {
		meetingAppKey: secret(),
		rtcSk: secret(20),
		tencentKey: secret(32),
		callbackToken: secret(),
		hostPassword: secret(6),
		/** Letters and digits, 32: what the TRTC console allows for a callback key. */
		trtcCallbackKey: secret(16),
	};
	huawei = new HuaweiMeetingSimulator();
	rtc = new HuaweiSparkRtcSimulator();
	tencent = new TencentRoomSimulator(DEMO.tencentAppId, this.secrets.tencentKey);
	conference?: HuaweiConferenceSimulator;
	slack = new SimServer();
	slackMessages: Array<Record<string, unknown>> = [];
	mails: Mail[] = [];
	smtpPort = 0;
	private smtp?: SMTPServer;

	async start(ports: StackPorts = {}): Promise<this> {
		this.huawei.apps.set(DEMO.meetingAppId, { appKey: this.secrets.meetingAppKey });
		this.huawei.meetings.add({
			...DEMO.meeting,
			scheduserName: 'Tom',
			startTime: '2026-11-25 10:00',
			endTime: '2026-11-25 11:00',
		});
		this.rtc.accessKeys.set(DEMO.rtcAk, { secretKey: this.secrets.rtcSk });
		this.rtc.apps.set(DEMO.rtcAppId, {});
		this.slack.route('POST', '/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', (r) => {
			this.slackMessages.push((r.json as Record<string, unknown>) ?? { raw: r.rawBody });
			return { status: 200, body: 'ok' };
		});
		await this.huawei.start(ports.huawei);
		this.conference = new HuaweiConferenceSimulator(this.huawei);
		this.conference.open(DEMO.conferenceId, this.secrets.hostPassword);
		await this.rtc.start(ports.rtc);
		await this.tencent.start(ports.tencent);
		await this.slack.start(ports.slack);
		this.smtp = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			onData: (stream, session, callback) => {
				const chunks: Buffer[] = [];
				stream.on('data', (c: Buffer) => chunks.push(c));
				stream.on('end', () => {
					this.mails.push({
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						to: session.envelope.rcptTo.map((r) => r.address),
						raw: Buffer.concat(chunks).toString('utf8'),
					});
					callback();
				});
			},
		});
		await new Promise<void>((resolve) => this.smtp!.listen(ports.smtp ?? 0, '127.0.0.1', resolve));
		this.smtpPort = (this.smtp.server.address() as { port: number }).port;
		return this;
	}

	async stop(): Promise<void> {
		await this.conference?.close();
		await Promise.all([
			this.huawei.stop(),
			this.rtc.stop(),
			this.tencent.stop(),
			this.slack.stop(),
		]);
		await new Promise<void>((resolve) =>
			this.smtp ? this.smtp.close(() => resolve()) : resolve(),
		);
	}

	/** Credentials for n8n, by credential type, pointing at the simulators. */
	credentials(): Array<{ name: string; type: string; data: Record<string, unknown> }> {
		return [
			{
				name: 'Huawei Cloud Meeting account',
				type: 'huaweiCloudMeetingApi',
				data: {
					authType: 'appId',
					appId: DEMO.meetingAppId,
					appSecret: this.secrets.meetingAppKey,
					region: 'custom',
					customBaseUrl: this.huawei.baseUrl,
				},
			},
			{
				name: 'Huawei Cloud account',
				type: 'huaweiCloudApi',
				data: {
					authType: 'akSk',
					accessKey: DEMO.rtcAk,
					secretKey: this.secrets.rtcSk,
					projectId: DEMO.rtcProject,
					rtcEndpoint: this.rtc.baseUrl,
					iamEndpoint: this.rtc.baseUrl,
				},
			},
			{
				name: 'Tencent Cloud Chat account',
				type: 'tencentCloudChatApi',
				data: {
					sdkAppId: DEMO.tencentAppId,
					secretKey: this.secrets.tencentKey,
					adminAccount: 'administrator',
					region: 'custom',
					customBaseUrl: this.tencent.baseUrl,
					callbackToken: this.secrets.callbackToken,
					userSigExpire: 86400,
				},
			},
			{
				name: 'Tencent RTC Callback account',
				type: 'tencentRtcCallbackApi',
				data: { sdkAppId: DEMO.trtcAppId, callbackSecret: this.secrets.trtcCallbackKey },
			},
			{
				name: 'SMTP',
				type: 'smtp',
				data: {
					user: '',
					password: '',
					host: '127.0.0.1',
					port: this.smtpPort,
					secure: false,
					disableStartTls: true,
					hostName: 'n8n-e2e',
				},
			},
		];
	}

	/**
	 * The committed example workflows, adjusted to this stack: Slack URL → the stand-in, enterprise
	 * and app IDs → the simulators', plain-HTTP webhook URLs allowed, credentials by id.
	 */
	workflows(
		credentialIds: Record<string, string>,
		files: string[] = [
			'huawei-meeting-started-to-slack.json',
			'huawei-meeting-started-to-email.json',
			'sparkrtc-recording-to-email.json',
			'tencent-room-updated-to-slack.json',
			'huawei-conference-participants-to-slack.json',
			'huawei-recording-finished-to-email.json',
			'trtc-user-entered-to-slack.json',
			'trtc-recording-ready-to-email.json',
		],
	): Array<Record<string, any>> {
		return files.map((file) => {
			let text = readFileSync(join(ROOT, 'examples', file), 'utf8');
			text = text
				.replace(/https:\/\/hooks\.slack\.com/g, this.slack.baseUrl)
				.replace(/YOUR_CORP_ID/g, DEMO.corpSlack)
				.replace(/YOUR_OTHER_CORP_ID/g, DEMO.corpMail)
				.replace(/YOUR_RECORDING_CORP_ID/g, DEMO.corpRecording)
				.replace(/YOUR_SPARKRTC_APP_ID/g, DEMO.rtcAppId)
				.replace(/YOUR_CONFERENCE_ID/g, DEMO.conferenceId)
				.replace(/YOUR_HOST_PASSWORD/g, this.secrets.hostPassword);
			const workflow = JSON.parse(text) as Record<string, any>;
			for (const node of workflow.nodes) {
				if (node.type === 'n8n-nodes-meeting-events.huaweiCloudMeetingTrigger')
					node.parameters.options = { ...node.parameters.options, allowHttpUrl: true };
				// A workflow saved by the first release (typeVersion 1) keeps working next to the 1.1 examples.
				if (file === 'huawei-meeting-started-to-email.json' && node.type.endsWith('Trigger'))
					node.typeVersion = 1;
				if (node.type === 'n8n-nodes-meeting-events.tencentCloudRoomTrigger')
					node.parameters.options = { ...node.parameters.options, replaceExisting: true };
				for (const [type, ref] of Object.entries(
					(node.credentials ?? {}) as Record<string, { id: string; name: string }>,
				)) {
					ref.id = credentialIds[type];
				}
			}
			return { ...workflow, file };
		});
	}

	/**
	 * Not an example file: the TRTC user-entered example on every event, posting the event's name and
	 * the whole item to the Slack stand-in. The e2e suite and the demo set it as the TRTC media
	 * callback URL (the room URL is the user-entered example's, the recording URL the e-mail one's).
	 */
	trtcAllEventsWorkflow(credentialIds: Record<string, string>): Record<string, any> {
		const { file: _file, ...workflow } = this.workflows(credentialIds).find(
			(w) => w.file === 'trtc-user-entered-to-slack.json',
		)!;
		const [trigger, slack] = workflow.nodes;
		trigger.parameters.events = ['*'];
		trigger.id = '6f1c2a10-5555-4a6e-9d6e-3b0c1d2e3f49';
		trigger.webhookId = TRTC_ALL_EVENTS_WEBHOOK;
		slack.id = 'a1b2c3d4-0000-4000-8000-000000000019';
		slack.parameters.jsonBody =
			"={{ JSON.stringify({ text: 'TRTC ' + $json.event + ' in room ' + $json.roomId, item: $json }) }}";
		return { ...workflow, name: 'TRTC every event → Slack' };
	}

	/**
	 * TRTC's callbacks to n8n at `n8nBaseUrl`, as the TRTC console would be set (TRTC has no API for
	 * it): room events to the user-entered example, media (and other) events to the every-event
	 * workflow, recording events to the recording example. Signed with the callback key, with TRTC's
	 * retries every `retryIntervalMs`.
	 */
	trtcSender(n8nBaseUrl: string, eventType: number, retryIntervalMs = 10_000): TrtcCallbackSender {
		const group = Math.floor(eventType / 100);
		const webhookId =
			group === 1
				? exampleWebhookId('trtc-user-entered-to-slack.json')
				: group === 3
					? exampleWebhookId('trtc-recording-ready-to-email.json')
					: TRTC_ALL_EVENTS_WEBHOOK;
		return new TrtcCallbackSender({
			url: `${n8nBaseUrl}/webhook/${webhookId}/webhook`,
			sdkAppId: DEMO.trtcAppId,
			key: this.secrets.trtcCallbackKey,
			retryIntervalMs,
		});
	}

	/**
	 * Not an example file: the conference example listening to NetConditionNotify (MCU media quality,
	 * a legacy message type) instead of ParticipantsNotify, posting each participant's quality and the
	 * whole item to the Slack stand-in. The e2e suite and the demo add it next to the examples.
	 */
	networkQualityWorkflow(credentialIds: Record<string, string>): Record<string, any> {
		const { file: _file, ...workflow } = this.workflows(credentialIds).find(
			(w) => w.file === 'huawei-conference-participants-to-slack.json',
		)!;
		const [trigger, slack] = workflow.nodes;
		trigger.parameters.messageTypes = ['NetConditionNotify'];
		trigger.id = '6f1c2a10-5555-4a6e-9d6e-3b0c1d2e3f46';
		slack.id = 'a1b2c3d4-0000-4000-8000-000000000016';
		slack.parameters.jsonBody =
			"={{ JSON.stringify({ text: 'Meeting ' + $json.confId + ' network: ' + $json.participants.map(p => p.participantId + ' ' + (p.removed ? 'left' : p.networkRating + ', RTT ' + p.roundTripTimeMs + ' ms, audio loss up ' + p.upstream.audioLossPercent + ' %')).join('; '), item: $json }) }}";
		return { ...workflow, name: 'Huawei meeting network quality (live) → Slack' };
	}
}
