/**
 * `npm start`: a real n8n on http://localhost:5678 with this package installed as a community
 * package, the example workflows imported and published, and the stand-in cloud (provider
 * simulators, Slack stand-in, SMTP sink) on loopback. `npm run simulate -- <provider> <event>`
 * fires an event through the control port. Stops with Ctrl+C.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { installN8n, installPackageInto, N8nRest, startN8n, waitFor } from '../real-n8n/host';
import { netConditionEntry } from '../../test/simulator/huaweiConference';
import { toUtcMinutes } from '../../test/simulator/huaweiMeetings';
import { trtcEvent } from '../../test/simulator/tencentRtcCallbacks';
import { EVENT_TYPES } from '../../nodes/TencentCloudRtc/events';
import { startQueueN8n } from '../real-n8n/queue';
import { DEMO, Stack } from '../stand-in-cloud/stack';

export const CONTROL_PORT = Number(process.env.DEMO_CONTROL_PORT ?? 18080);
const N8N_PORT = Number(process.env.N8N_DEMO_PORT ?? 5678);
const CACHE =
	process.env.N8N_E2E_CACHE ??
	join(process.env.HOME ?? '/tmp', '.cache', 'n8n-nodes-meeting-events');

async function main() {
	const install = installN8n(2);
	const userFolder = join(CACHE, 'demo-user');
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	installPackageInto(userFolder);

	const stack = await new Stack().start({
		huawei: 18081,
		rtc: 18082,
		tencent: 18083,
		slack: 18084,
		smtp: 18025,
	});
	// --queue (npm run start:queue): main + webhook processor (:N8N_PORT+1) + worker, PostgreSQL, Redis.
	const queue = process.argv.includes('--queue')
		? await startQueueN8n(install, { ports: { main: N8N_PORT, webhook: N8N_PORT + 1 } })
		: undefined;
	const n8n = queue ? queue.main : await startN8n(install, { userFolder, port: N8N_PORT });
	const rest = new N8nRest(n8n.baseUrl);
	const password = `Demo-${randomBytes(6).toString('hex')}`;
	await rest.login('demo@example.com', password);
	const credentialIds: Record<string, string> = {};
	for (const cred of stack.credentials())
		credentialIds[cred.type] = (
			await rest.createCredential(`${cred.name} (simulator)`, cred.type, cred.data)
		).id;
	for (const workflow of stack.workflows(credentialIds)) {
		const { file: _file, ...body } = workflow;
		const created = await rest.createWorkflow(body);
		await rest.setActive(install.line, created.id, true);
	}
	// The conference trigger on NetConditionNotify, for `npm run simulate -- conference NetConditionNotify`.
	const quality = await rest.createWorkflow(stack.networkQualityWorkflow(credentialIds));
	await rest.setActive(install.line, quality.id, true);
	// The TRTC media callback URL: every event, for `npm run simulate -- trtc 201`.
	const trtcAll = await rest.createWorkflow(stack.trtcAllEventsWorkflow(credentialIds));
	await rest.setActive(install.line, trtcAll.id, true);
	await waitFor(
		'the registrations',
		() =>
			stack.huawei.activeConfig(DEMO.corpSlack) &&
			stack.huawei.activeConfig(DEMO.corpMail) &&
			stack.huawei.activeConfig(DEMO.corpRecording) &&
			stack.tencent.callback &&
			stack.rtc.apps.get(DEMO.rtcAppId)?.url,
		120_000,
	);

	const control = http.createServer(async (req, res) => {
		const send = (status: number, body: unknown) =>
			res
				.writeHead(status, { 'Content-Type': 'application/json' })
				.end(JSON.stringify(body, null, 2));
		try {
			const [, action, provider, event] = (req.url ?? '').split('/');
			if (req.method === 'GET' && action === 'inbox')
				return send(200, {
					slack: stack.slackMessages,
					mails: stack.mails.map((m) => ({ to: m.to, raw: m.raw })),
				});
			if (req.method !== 'POST' || action !== 'simulate')
				return send(404, {
					error: 'POST /simulate/<huawei|sparkrtc|tencent|trtc|conference>/<event> or GET /inbox',
				});
			if (provider === 'huawei') {
				// A meeting the simulator knows, so that the trigger can name it (subject, host, times).
				const subjects = ['Q4 planning 规划 🚀', 'Design review 设计评审', 'Weekly sync ☕'];
				const start = Date.now() - 60_000;
				const meeting = stack.huawei.meetings.add({
					subject: subjects[Math.floor(Math.random() * subjects.length)],
					startTime: toUtcMinutes(start),
					endTime: toUtcMinutes(start + 3600_000),
				});
				if (event === 'meeting.end' || event === 'meeting.conclude' || event === 'record.finish')
					meeting.conferenceState = 'Destroyed';
				if (event === 'record.finish') {
					meeting.recordingUrls = [
						{ fileType: 'Hd', url: `https://record.example/${meeting.conferenceID}/hd.mp4` },
						{ fileType: 'Aux', url: `https://record.example/${meeting.conferenceID}/aux.mp4` },
					];
				}
				const meetingInfo = { meetingID: meeting.conferenceID, meetingUUID: meeting.confUUID };
				const payload: Record<string, unknown> = { meetingInfo };
				if (event === 'meeting.join' || event === 'meeting.left') {
					payload.attendeeInfo = {
						userUUID: randomBytes(16).toString('hex'),
						displayName: 'Demo User',
						account: 'demo',
						role: 'CHAIR',
						joinTime: Date.now(),
						leftTime: 0,
					};
				}
				const results = [];
				for (const corp of [DEMO.corpSlack, DEMO.corpMail, DEMO.corpRecording])
					results.push(await stack.huawei.deliver(event || 'meeting.started', payload, corp));
				return send(200, { delivered: payload, answers: results });
			}
			if (provider === 'sparkrtc') {
				const body = {
					event_type: event || 'RECORD_FILE_COMPLETE',
					app_id: DEMO.rtcAppId,
					room_id: 'demo-room',
					job_id: randomBytes(8).toString('hex'),
					record_format: 'MP4',
					download_url: `https://demo-bucket.obs.cn-north-4.myhuaweicloud.com/Record/demo-room/${Date.now()}.mp4`,
					obs_object: `Record/demo-room/${Date.now()}.mp4`,
					record_duration: 65,
					file_size: 26254952,
					start_time: new Date(Date.now() - 65_000).toISOString().replace(/\.\d+Z$/, 'Z'),
					end_time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
				};
				return send(200, { delivered: body, answer: await stack.rtc.deliver(DEMO.rtcAppId, body) });
			}
			if (provider === 'conference' && event === 'NetConditionNotify') {
				const loss = Math.floor(Math.random() * 1500);
				const message = stack.conference!.publishNetCondition(DEMO.conferenceId, [
					netConditionEntry('demo-participant-1'),
					netConditionEntry('demo-participant-2', {
						netInfo: loss > 500 ? 'bad' : 'good',
						lostPacketRate: String(loss),
					}),
				]);
				return send(200, { published: message });
			}
			if (provider === 'conference') {
				const name = ['Ann', 'Bob', 'Cid', 'Dee'][Math.floor(Math.random() * 4)];
				const message = stack.conference!.publish(
					DEMO.conferenceId,
					'ParticipantsNotify',
					{
						data: [
							{
								pid: randomBytes(6).toString('hex'),
								mode: 0,
								pinfoMap: { NAME: name, ROLE: '0', STATE: '0' },
							},
						],
					},
					1,
				);
				return send(200, { published: message });
			}
			if (provider === 'trtc') {
				// A type (103, 311) or an event name (room.userEntered); TRTC sends it to the URL of its kind.
				const type =
					Number(Object.entries(EVENT_TYPES).find(([, e]) => e.name === event)?.[0] ?? event) ||
					103;
				const callback = trtcEvent(type, Date.now(), {
					RoomId: 'demo-room',
					...(type < 300 ? { UserId: `demo-user-${randomBytes(2).toString('hex')}` } : {}),
				});
				const sent = await stack.trtcSender(n8n.baseUrl, type, 1000).deliver(callback);
				return send(200, { delivered: callback, answers: sent.attempts });
			}
			if (provider === 'tencent') {
				const body = {
					CallbackCommand: event || 'Room.CallbackAfterUpdateRoomInfo',
					Operator_Account: 'demo-admin',
					RoomInfo: {
						RoomId: 'demo-room',
						RoomName: 'Demo stand-up',
						Owner_Account: 'demo-admin',
						IsMessageDisabled: 'false',
					},
					EventTime: Date.now(),
				};
				return send(200, {
					delivered: body,
					answer: await stack.tencent.deliver(body, { token: stack.secrets.callbackToken }),
				});
			}
			return send(404, { error: `Unknown provider ${provider}` });
		} catch (error) {
			return send(500, { error: (error as Error).message });
		}
	});
	await new Promise<void>((resolve) => control.listen(CONTROL_PORT, '127.0.0.1', resolve));

	process.stdout.write(`
n8n ${install.version} is running with n8n-nodes-meeting-events installed as a community package.

  Open      http://localhost:${N8N_PORT}   (log in as demo@example.com / ${password})
  Workflows ${stack.workflows({}).length} examples imported and published; their triggers are registered with the simulators
            (the conference trigger is connected to simulated meeting ${DEMO.conferenceId}, as is a network-quality workflow).
  Fire      npm run simulate -- huawei meeting.started
            npm run simulate -- sparkrtc RECORD_FILE_COMPLETE
            npm run simulate -- tencent Room.CallbackAfterUpdateRoomInfo
            npm run simulate -- trtc 103      (or room.userEntered, 311, recording.mp4Finished, 201, …)
            npm run simulate -- conference ParticipantsNotify
            npm run simulate -- conference NetConditionNotify
  Inbox     npm run simulate -- inbox      (the Slack messages and e-mails the workflows sent)
  Logs      ${queue ? `${queue.main.logFile} (main), ${queue.webhook.logFile} (webhook processor, http://localhost:${N8N_PORT + 1}), ${queue.worker.logFile} (worker)` : n8n.logFile}
${queue ? '  Mode      queue: PostgreSQL + Redis; deliveries go to the webhook processor and run on the worker\n' : ''}
Stand-in cloud on 127.0.0.1: Huawei Meeting :18081, SparkRTC/IAM :18082, Tencent :18083, Slack :18084, SMTP :18025;
TRTC callbacks are sent to n8n signed with the credential's callback key (TRTC has no API to register them).
Press Ctrl+C to stop.
`);
	const shutdown = async () => {
		control.close();
		if (queue) await queue.stop();
		else await n8n.stop();
		await stack.stop();
		process.exit(0);
	};
	process.once('SIGINT', () => void shutdown());
	process.once('SIGTERM', () => void shutdown());
}

main().catch((error) => {
	process.stderr.write(`npm start failed: ${(error as Error).message}\n`);
	process.exit(1);
});
