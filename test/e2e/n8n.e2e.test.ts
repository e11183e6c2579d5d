/**
 * End to end in a real n8n: the built package installed as n8n installs community packages, the
 * example workflows activated through n8n's REST API, the simulators playing the clouds, real
 * signed deliveries, and the side effects (Slack stand-in, SMTP sink) checked.
 *
 * Runs once per n8n line in N8N_E2E_LINES (default "2 1") at its pin, and again on the line's newest
 * release when that differs and installs (N8N_E2E_NEWEST=0: pins only); each is installed (cached)
 * by scripts/e2e/install-n8n.mjs.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { netConditionEntry } from '../simulator/huaweiConference';
import { signedPush } from '../simulator/huaweiMeeting';
import { post } from '../simulator/server';
import { callbackQuery } from '../simulator/tencentRoom';
import { trtcBody, trtcEvent, trtcSign } from '../simulator/tencentRtcCallbacks';
import type { N8nInstall, N8nProcess } from '../../tools/real-n8n/host';
import {
	e2eTargets,
	freePort,
	installN8n,
	installPackageInto,
	N8nRest,
	startN8n,
	waitFor,
} from '../../tools/real-n8n/host';
import { decodeMail, DEMO, Stack } from '../../tools/stand-in-cloud/stack';

jest.setTimeout(600_000);

// Each line's pin, and its newest release when that differs and installs.
const TARGETS = e2eTargets().map((t) => [t.version, t.line, t.version] as const);

describe.each(TARGETS)(
	'n8n %s with the package installed as a community package',
	(_, line, version) => {
		let install: N8nInstall;
		let stack: Stack;
		let n8n: N8nProcess;
		let rest: N8nRest;
		let userFolder: string;
		const workflowIds: Record<string, string> = {};
		const webhookUrls: Record<string, string> = {};

		beforeAll(async () => {
			install = installN8n(line, version);
			userFolder = mkdtempSync(join(tmpdir(), `n8n-e2e-${version}-`));
			installPackageInto(userFolder);
			stack = await new Stack().start();
			n8n = await startN8n(install, { userFolder, port: await freePort() });
			rest = new N8nRest(n8n.baseUrl);
			await rest.login();
			const credentialIds: Record<string, string> = {};
			for (const cred of stack.credentials())
				credentialIds[cred.type] = (
					await rest.createCredential(cred.name, cred.type, cred.data)
				).id;
			for (const workflow of stack.workflows(credentialIds)) {
				const { file, ...body } = workflow;
				const created = await rest.createWorkflow(body);
				workflowIds[file] = created.id;
				const trigger = body.nodes[0];
				if (trigger.webhookId)
					webhookUrls[file] = `${n8n.baseUrl}/webhook/${trigger.webhookId}/webhook`;
				await rest.setActive(install.line, created.id, true);
			}
			// TRTC's media callback URL: every event, posted to Slack with the whole item.
			const trtcAll = await rest.createWorkflow(stack.trtcAllEventsWorkflow(credentialIds));
			workflowIds['trtc-every-event'] = trtcAll.id;
			await rest.setActive(install.line, trtcAll.id, true);
		}, 900_000);

		afterAll(async () => {
			await n8n?.stop();
			await stack?.stop();
			// Keep n8n's log for a look after the run.
			if (n8n) copyFileSync(n8n.logFile, join(tmpdir(), `n8n-e2e-${version}.log`));
			if (userFolder) rmSync(userFolder, { recursive: true, force: true });
		});

		const n8nLog = () => readFileSync(n8n.logFile, 'utf8');

		it('loads the nodes as community-package node types', async () => {
			const types = await rest
				.request<Array<{ name: string }>>('POST', '/rest/node-types', { nodeInfos: [] })
				.catch(() => undefined);
			expect(n8nLog()).not.toMatch(/Unrecognized node type|could not be loaded/i);
			if (Array.isArray(types)) expect(types.length).toBeGreaterThanOrEqual(0);
			expect(n8n.child.exitCode).toBeNull();
		});

		it('activation registered every trigger with its simulator (the Huawei verify handshake answered)', async () => {
			const slackConfig = await waitFor('Huawei registration (Slack workflow)', () =>
				stack.huawei.activeConfig(DEMO.corpSlack),
			);
			expect(slackConfig.url).toBe(webhookUrls['huawei-meeting-started-to-slack.json']);
			expect(slackConfig.status).toBe(0);
			expect(
				(
					await waitFor('Huawei registration (mail workflow)', () =>
						stack.huawei.activeConfig(DEMO.corpMail),
					)
				).url,
			).toBe(webhookUrls['huawei-meeting-started-to-email.json']);
			expect(
				stack.huawei
					.requests('PUT', '/v1/mmc/management/webhook/change-status')
					.some((r) => r.query.get('status') === '0'),
			).toBe(true);
			// n8n 2.x publishes asynchronously: wait for each registration.
			await waitFor(
				'SparkRTC registration',
				() =>
					stack.rtc.apps.get(DEMO.rtcAppId)?.url ===
					webhookUrls['sparkrtc-recording-to-email.json'],
			);
			expect(
				stack.rtc
					.requests()
					.every((r) => r.path.startsWith('/v3/') || stack.rtc.verifySignature(r) === undefined),
			).toBe(true);
			await waitFor('Tencent registration', () => stack.tencent.callback);
			expect(stack.tencent.callback).toEqual({
				Url: webhookUrls['tencent-room-updated-to-slack.json'],
				CallbackCommandList: ['Room.CallbackAfterUpdateRoomInfo'],
			});
		});

		it('a signed Huawei meeting.started reaches Slack and e-mail, naming the meeting (subject, host, times)', async () => {
			const meetingInfo = {
				meetingID: DEMO.meeting.conferenceID,
				meetingUUID: DEMO.meeting.confUUID,
			};
			expect(
				(await stack.huawei.deliver('meeting.started', { meetingInfo }, DEMO.corpSlack)).status,
			).toBe(200);
			expect(
				(await stack.huawei.deliver('meeting.started', { meetingInfo }, DEMO.corpMail)).status,
			).toBe(200);
			const message = await waitFor('the Slack message', () =>
				stack.slackMessages.find((m) => String(m.text).includes('987446316')),
			);
			expect(message.text).toBe(
				'“Q4 planning 规划 🚀” started — host Tom, 10:00–11:00 UTC (meeting 987446316)',
			);
			const mail = await waitFor('the e-mail', () =>
				stack.mails.find((m) => decodeMail(m.raw).subject.includes('has started')),
			);
			const { subject, text } = decodeMail(mail.raw);
			expect(subject).toBe('“Q4 planning 规划 🚀” has started');
			expect(text).toContain('“Q4 planning 规划 🚀”, hosted by Tom, started at');
			expect(text).toContain('Scheduled: 2026-11-25T10:00:00.000Z – 2026-11-25T11:00:00.000Z');
			expect(text).toContain('0307e0400f0a11eca58a9fcb8e69dde8');
			expect(mail.to).toEqual(['team@example.com']);
			// The host link never leaves the trigger unless asked for.
			const hostLink = stack.huawei.meetings.meetings.get(DEMO.meeting.conferenceID)!.chairJoinUri;
			expect(mail.raw).not.toContain(hostLink.split('/').pop());
			for (const file of [
				'huawei-meeting-started-to-slack.json',
				'huawei-meeting-started-to-email.json',
			]) {
				const executions = await waitFor('a finished execution', async () => {
					const list = await rest.executions(workflowIds[file]);
					return list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new')
						? list
						: undefined;
				});
				expect(executions.map((e) => e.status)).toEqual(['success']);
			}
		});

		it('Huawei is answered only after the meeting-details call and the stored execution: a slow call delays the answer, and the item has the details', async () => {
			const meetingInfo = {
				meetingID: DEMO.meeting.conferenceID,
				meetingUUID: DEMO.meeting.confUUID,
			};
			const named = () =>
				stack.slackMessages.filter((m) => String(m.text).startsWith('“Q4 planning')).length;
			const before = named();
			stack.huawei.fault('GET', '/v1/mmc/management/conferences/confDetail', { delayMs: 2500 });
			const started = Date.now();
			expect(
				(await stack.huawei.deliver('meeting.started', { meetingInfo }, DEMO.corpSlack)).status,
			).toBe(200);
			const answeredIn = Date.now() - started;
			expect(answeredIn).toBeGreaterThanOrEqual(2500);
			await waitFor('the Slack message naming the meeting', () => named() === before + 1);
		});

		it('a Huawei record.finish e-mails the recording download links (trigger → Get Download Links → e-mail)', async () => {
			const meeting = stack.huawei.meetings.meetings.get(DEMO.meeting.conferenceID)!;
			meeting.conferenceState = 'Destroyed';
			meeting.recordingUrls = [
				{ fileType: 'Hd', url: 'https://record.example/987446316/hd.mp4' },
				{ fileType: 'Aux', url: 'https://record.example/987446316/aux.mp4' },
			];
			const meetingInfo = { meetingID: meeting.conferenceID, meetingUUID: meeting.confUUID };
			expect(
				(await stack.huawei.deliver('record.finish', { meetingInfo }, DEMO.corpRecording)).status,
			).toBe(200);
			const mail = await waitFor('the recording e-mail', () =>
				stack.mails.find((m) => decodeMail(m.raw).subject.startsWith('Recording of')),
			);
			const { subject, text } = decodeMail(mail.raw);
			expect(subject).toBe('Recording of “Q4 planning 规划 🚀” is ready');
			expect(text).toContain('Hd: https://record.example/987446316/hd.mp4');
			expect(text).toContain('Aux: https://record.example/987446316/aux.mp4');
			expect(
				stack.huawei
					.requests('GET', '/v1/mmc/management/record/downloadurls')[0]
					.query.get('confUUID'),
			).toBe(meeting.confUUID);
		});

		it('a SparkRTC recording event e-mails the file link', async () => {
			const event = {
				event_type: 'RECORD_FILE_COMPLETE',
				app_id: DEMO.rtcAppId,
				room_id: 'room-e2e',
				download_url: 'https://bucket.obs.cn-north-4.myhuaweicloud.com/Record/room-e2e/file.mp4',
				obs_object: 'Record/room-e2e/file.mp4',
				record_duration: 65,
				file_size: 1234567,
			};
			// Answered by n8n once the execution is stored, with the body the node gave it.
			expect(await stack.rtc.deliver(DEMO.rtcAppId, event)).toMatchObject({
				status: 200,
				body: { status: 1, result: 'success' },
			});
			const mail = await waitFor('the recording e-mail', () =>
				stack.mails.find((m) => m.raw.includes('room-e2e is ready')),
			);
			expect(mail.raw).toContain('Record/room-e2e/file.mp4');
		});

		it('a signed Tencent room update posts to Slack and is answered with the protocol body', async () => {
			const body = {
				CallbackCommand: 'Room.CallbackAfterUpdateRoomInfo',
				Operator_Account: 'bob',
				RoomInfo: { RoomId: 'rid-e2e', RoomName: 'Weekly sync', IsCloudRecordingDisabled: 'false' },
				EventTime: Date.now(),
			};
			const answer = await stack.tencent.deliver(body, { token: stack.secrets.callbackToken });
			expect(answer).toMatchObject({ status: 200, body: { ActionStatus: 'OK', ErrorCode: 0 } });
			const message = await waitFor('the Tencent Slack message', () =>
				stack.slackMessages.find((m) => String(m.text).includes('rid-e2e')),
			);
			expect(message.text).toBe('Room "Weekly sync" (rid-e2e) was updated by bob');
		});

		it('the conference trigger is connected to the running meeting and relays participant changes', async () => {
			await waitFor(
				'the conference WebSocket',
				() => stack.conference!.clientCount(DEMO.conferenceId) === 1,
			);
			stack.conference!.publish(
				DEMO.conferenceId,
				'ParticipantsNotify',
				{ data: [{ pid: 'p1', mode: 0, pinfoMap: { NAME: 'Ann', ROLE: '0', STATE: '0' } }] },
				1,
			);
			const message = await waitFor('the participant Slack message', () =>
				stack.slackMessages.find((m) => String(m.text).includes('Ann added')),
			);
			expect(message.text).toBe(`Meeting ${DEMO.conferenceId}: Ann added (1 in the meeting)`);
			const executions = await waitFor('a finished execution', async () => {
				const list = await rest.executions(
					workflowIds['huawei-conference-participants-to-slack.json'],
				);
				return list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new')
					? list
					: undefined;
			});
			expect(executions.map((e) => e.status)).toEqual(['success']);
		});

		it('a conference trigger listening to NetConditionNotify (MCU media quality, legacy) emits its item with named fields', async () => {
			const participantsFile = 'huawei-conference-participants-to-slack.json';
			const participantRuns = (await rest.executions(workflowIds[participantsFile])).length;
			const credentialIds: Record<string, string> = {};
			for (const c of await rest.request<Array<{ id: string; type: string }>>(
				'GET',
				'/rest/credentials',
			))
				credentialIds[c.type] = c.id;
			const created = await rest.createWorkflow(stack.networkQualityWorkflow(credentialIds));
			workflowIds['network-quality'] = created.id;
			await rest.setActive(install.line, created.id, true);
			// Its own connection next to the participants workflow's, subscribed to this type only.
			await waitFor(
				'the second conference WebSocket',
				() =>
					stack.conference!.clientCount(DEMO.conferenceId) === 2 &&
					stack.conference!.subscriptions.some(
						(types) => types.length === 1 && types[0] === 'NetConditionNotify',
					),
			);
			const sent = stack.conference!.publishNetCondition(DEMO.conferenceId, [
				netConditionEntry('p1'),
				netConditionEntry('p2', { netInfo: 'bad', delay: '410', lostPacketRate: '1000' }),
			]);
			const message = await waitFor('the network-quality Slack message', () =>
				stack.slackMessages.find((m) => String(m.text).includes(' network: ')),
			);
			expect(message.text).toBe(
				`Meeting ${DEMO.conferenceId} network: p1 good, RTT 32 ms, audio loss up 0.35 %; p2 bad, RTT 410 ms, audio loss up 10 %`,
			);
			expect(message.item).toMatchObject({
				action: 'NetConditionNotify',
				messageName: 'Network Condition (MCU, Legacy)',
				confId: DEMO.conferenceId,
				msgId: sent.msgID,
				msgMode: 'full',
				createTime: new Date(sent.createTime as number).toISOString(),
				participants: [
					{
						participantId: 'p1',
						modeName: 'refresh',
						networkRating: 'good',
						roundTripTimeMs: 32,
						audioCodec: 'AACLD',
						videoCodec: 'H264HP',
						bandwidth: 61440,
						upstream: { videoJitterMs: 4, audioLossPercent: 0.35, audioKbps: 51.2 },
						downstream: { videoJitterMs: 6, audioKbps: 64.5, videoKbps: 1200 },
					},
					{ participantId: 'p2', networkRating: 'bad', upstream: { audioLossPercent: 10 } },
				],
				raw: { action: 'NetConditionNotify', data: sent.data },
			});
			const executions = await waitFor('a finished execution', async () => {
				const list = await rest.executions(created.id);
				return list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new')
					? list
					: undefined;
			});
			expect(executions.map((e) => e.status)).toEqual(['success']);
			// The participants workflow did not subscribe to it and started nothing.
			expect((await rest.executions(workflowIds[participantsFile])).length).toBe(participantRuns);
		});

		it('signed TRTC callbacks of the room, media and recording groups run with named events (Slack, e-mail)', async () => {
			const now = Date.now();
			// Group 1 → the room callback URL (the user-entered example), answered {"code":0}.
			const entered = trtcEvent(103, now, { RoomId: 'trtc-e2e', UserId: 'alice-e2e' });
			const room = await stack.trtcSender(n8n.baseUrl, 103, 500).deliver(entered);
			expect(room.attempts.map((a) => [a.status, JSON.parse(a.body)])).toEqual([
				[200, { code: 0 }],
			]);
			// TRTC's limit for an answer: headers and body at most 2000 bytes.
			expect(room.attempts[0].bytes).toBeLessThanOrEqual(2000);
			const slack = await waitFor('the TRTC Slack message', () =>
				stack.slackMessages.find((m) => String(m.text).startsWith('alice-e2e entered')),
			);
			expect(slack.text).toBe(
				`alice-e2e entered TRTC room trtc-e2e as audience from android at ${new Date(now - 100).toISOString().slice(11, 19)} UTC`,
			);
			// Group 2 → the media callback URL (every event), with the whole item.
			const video = trtcEvent(201, now, { RoomId: 'trtc-e2e', UserId: 'bob-e2e' });
			expect((await stack.trtcSender(n8n.baseUrl, 201, 500).deliver(video)).delivered).toBe(true);
			const media = await waitFor('the TRTC media message', () =>
				stack.slackMessages.find((m) => m.text === 'TRTC media.videoStarted in room trtc-e2e'),
			);
			expect(media.item).toMatchObject({
				event: 'media.videoStarted',
				eventGroup: 'media',
				eventGroupId: 2,
				eventType: 201,
				roomId: 'trtc-e2e',
				roomIdType: 'string',
				userId: 'bob-e2e',
				callbackTime: new Date(now).toISOString(),
				raw: JSON.parse(JSON.stringify(video)),
				deliveryId: expect.stringMatching(/^[0-9a-f]{32}$/),
			});
			// Group 3 → the recording callback URL: a VOD commit and an MP4 file, each e-mailed.
			const recording = stack.trtcSender(n8n.baseUrl, 311, 500);
			await recording.deliver(trtcEvent(311, now, { RoomId: 'trtc-vod', TaskId: 'task-vod' }));
			await recording.deliver(trtcEvent(310, now, { RoomId: 'trtc-mp4', TaskId: 'task-mp4' }));
			expect(recording.attempts.map((a) => a.status)).toEqual([200, 200]);
			const mailOf = (room: string) =>
				waitFor(`the ${room} e-mail`, () =>
					stack.mails
						.map((m) => decodeMail(m.raw))
						.find((m) => m.subject === `Recording of TRTC room ${room} is ready`),
				);
			const vodMail = (await mailOf('trtc-vod')).text;
			expect(vodMail).toContain('(task task-vod) finished with status success.');
			expect(vodMail).toContain(
				'VOD file 5285890781763144364: http://127.0.0.1/vod/5285890781763144364/f0.mp4',
			);
			expect((await mailOf('trtc-mp4')).text).toContain(
				'Files in your COS bucket: task-1_12345__UserId_s_alice__UserId_e_main_video.mp4',
			);
			for (const file of [
				'trtc-user-entered-to-slack.json',
				'trtc-recording-ready-to-email.json',
			]) {
				const runs = await waitFor(`finished executions of ${file}`, async () => {
					const list = await rest.executions(workflowIds[file]);
					return list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new')
						? list
						: undefined;
				});
				expect(runs.every((e) => e.status === 'success')).toBe(true);
			}
		});

		it('TRTC: forged Sign, foreign SdkAppId, stale and malformed callbacks are refused; a retried callback runs once', async () => {
			const file = 'trtc-user-entered-to-slack.json';
			const before = (await rest.executions(workflowIds[file])).length;
			const sender = stack.trtcSender(n8n.baseUrl, 103, 500);
			const body = trtcBody(trtcEvent(103, Date.now(), { UserId: 'mallory-e2e' }));
			expect((await sender.attempt(body, { Sign: trtcSign('notTheKey1', body) })).status).toBe(401);
			expect((await sender.attempt(body, { Sign: undefined })).status).toBe(401);
			expect((await sender.attempt(body, { SdkAppId: '1400009999' })).status).toBe(403);
			const stale = trtcBody(trtcEvent(103, Date.now() - 600_000, { UserId: 'mallory-e2e' }));
			expect((await sender.attempt(stale)).status).toBe(401);
			// Invalid JSON sent as application/json may be refused by n8n's body parser itself (422).
			expect([400, 422]).toContain((await sender.attempt('{"EventGroupId":')).status);
			expect((await sender.attempt('{"EventGroupId":1,"EventType":103}')).status).toBe(400);
			// The same callback again (as TRTC retries it, CallbackTs renewed or not) runs once.
			const event = trtcEvent(103, Date.now(), { UserId: 'carol-e2e' });
			await sender.deliver(event);
			await sender.deliver(event);
			await sender.deliver({ ...event, CallbackTs: event.CallbackTs + 10_000 });
			expect(sender.attempts.slice(-3).map((a) => a.status)).toEqual([200, 200, 200]);
			await waitFor('the retried callback in Slack', () =>
				stack.slackMessages.find((m) => String(m.text).startsWith('carol-e2e entered')),
			);
			await new Promise((resolve) => setTimeout(resolve, 2000));
			expect(
				stack.slackMessages.filter((m) => String(m.text).includes('mallory-e2e')),
			).toHaveLength(0);
			expect(
				stack.slackMessages.filter((m) => String(m.text).startsWith('carol-e2e entered')),
			).toHaveLength(1);
			expect((await rest.executions(workflowIds[file])).length).toBe(before + 1);
		});

		it('unsigned, forged and malformed deliveries are refused and start no execution', async () => {
			const before = await Promise.all(Object.values(workflowIds).map((id) => rest.executions(id)));
			const huaweiUrl = webhookUrls['huawei-meeting-started-to-slack.json'];
			const forged = signedPush(
				'someone',
				'not-the-key',
				{ event: 'meeting.started', timestamp: Date.now(), payload: {} },
				'1',
				Date.now(),
			);
			expect((await post(huaweiUrl, forged)).status).toBe(401);
			// Invalid JSON sent as application/json is refused by n8n's body parser itself (422).
			expect([400, 422]).toContain((await post(huaweiUrl, '{"appID":')).status);
			expect((await post(huaweiUrl, '{"appID":1}')).status).toBe(400);
			const rtcUrl = webhookUrls['sparkrtc-recording-to-email.json'];
			expect(
				(await post(rtcUrl, JSON.stringify({ event_type: 'RECORD_FILE_COMPLETE' }))).status,
			).toBe(401);
			const tencentUrl = webhookUrls['tencent-room-updated-to-slack.json'];
			const unsigned = await post(
				`${tencentUrl}${callbackQuery('Room.CallbackAfterUpdateRoomInfo', DEMO.tencentAppId)}`,
				'{"CallbackCommand":"Room.CallbackAfterUpdateRoomInfo"}',
				{},
			);
			expect(unsigned.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 4001 });
			await new Promise((resolve) => setTimeout(resolve, 2000));
			const after = await Promise.all(Object.values(workflowIds).map((id) => rest.executions(id)));
			expect(after.map((l) => l.length)).toEqual(before.map((l) => l.length));
		});

		it('deactivation removes or restores every registration', async () => {
			for (const id of Object.values(workflowIds)) await rest.setActive(install.line, id, false);
			await waitFor('Huawei configurations deleted', () => stack.huawei.configs.size === 0);
			await waitFor('Tencent callback deleted', () => stack.tencent.callback === undefined);
			await waitFor(
				'the conference WebSocket closed',
				() => stack.conference!.clientCount(DEMO.conferenceId) === 0,
			);
			await waitFor('SparkRTC callback cleared (attempted)', () =>
				stack.rtc
					.requests('PUT', `/v2/apps/${DEMO.rtcAppId}/record-callback`)
					.some((r) => (r.json as { url?: string }).url === ''),
			);
		});

		it('never logged a secret', () => {
			const log = n8nLog();
			for (const value of Object.values(stack.secrets)) expect(log).not.toContain(value);
		});
	},
);
