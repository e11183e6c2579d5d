/**
 * The package in n8n's queue mode (n8n 2.x): a main that registers the triggers, a webhook processor
 * that runs webhook(), a worker that runs the executions, PostgreSQL and Redis. Every example is
 * registered once by the main; the Huawei handshake sent during activation is answered by the webhook
 * processor; signed deliveries to the webhook processor run on the worker; forged ones start nothing;
 * the conference trigger connects once; the Remove Duplicates recipe keyed on `deliveryId` drops a
 * retry that reached another process; restarts and a Redis outage lose nothing; deactivation removes
 * or restores every registration. Figures go to test/e2e/queue-figures.json for the README.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { signedPush } from '../simulator/huaweiMeeting';
import { post } from '../simulator/server';
import type { N8nInstall } from '../../tools/real-n8n/host';
import { installN8n, N8nRest, waitFor } from '../../tools/real-n8n/host';
import type { QueueN8n } from '../../tools/real-n8n/queue';
import { startQueueN8n } from '../../tools/real-n8n/queue';
import { DEMO, Stack } from '../../tools/stand-in-cloud/stack';

jest.setTimeout(900_000);

const LINES = (process.env.N8N_E2E_LINES ?? '2 1').split(/\s+/).filter(Boolean);
const run = LINES.includes('2') && process.env.N8N_E2E_QUEUE !== '0' ? describe : describe.skip;
const DEDUPE_CORP = 'queue-dedupe';
const DEDUPE_WEBHOOK = 'q0q0q0q0-0000-4000-8000-00000000dd01';
const LINK = '/v1/mmc/management/webhook/link-config';
const figures: Record<string, unknown> = {};
const POLLING_EXAMPLE = 'huawei-meeting-ended-polling-to-slack.json';
const HISTORY = '/v1/mmc/management/conferences/history';

/** The recipe: Huawei trigger → Remove Duplicates (deliveryId, across executions) → Slack. */
function dedupeWorkflow(credentialId: string, slackUrl: string) {
	return {
		name: 'Queue: Huawei → Remove Duplicates → Slack',
		nodes: [
			{
				id: 'q1',
				name: 'Huawei Cloud Meeting Trigger',
				type: 'n8n-nodes-meeting-events.huaweiCloudMeetingTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: DEDUPE_WEBHOOK,
				parameters: {
					scope: 'enterprise',
					corpId: DEDUPE_CORP,
					events: ['*'],
					options: { allowHttpUrl: true, resolveMeetingDetails: false },
				},
				credentials: {
					huaweiCloudMeetingApi: { id: credentialId, name: 'Huawei Cloud Meeting account' },
				},
			},
			{
				id: 'q2',
				name: 'Remove Duplicates',
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					operation: 'removeItemsSeenInPreviousExecutions',
					logic: 'removeItemsWithAlreadySeenKeyValues',
					dedupeValue: '={{ $json.deliveryId }}',
					options: { scope: 'node', historySize: 10000 },
				},
			},
			{
				id: 'q3',
				name: 'Post to Slack',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [440, 0],
				parameters: {
					method: 'POST',
					url: slackUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: "={{ JSON.stringify({ text: 'dedupe ' + $json.deliveryId }) }}",
					options: {},
				},
			},
		],
		connections: {
			'Huawei Cloud Meeting Trigger': {
				main: [[{ node: 'Remove Duplicates', type: 'main', index: 0 }]],
			},
			'Remove Duplicates': { main: [[{ node: 'Post to Slack', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

run('queue mode: main + webhook processor + worker, PostgreSQL, Redis (n8n 2.x)', () => {
	let install: N8nInstall;
	let stack: Stack;
	let queue: QueueN8n;
	let rest: N8nRest;
	const workflowIds: Record<string, string> = {};
	const webhookUrls: Record<string, string> = {};
	const log = (which: 'main' | 'webhook' | 'worker') => readFileSync(queue[which].logFile, 'utf8');
	const dedupeMessages = () =>
		stack.slackMessages.filter((m) => String(m.text).startsWith('dedupe '));
	let dedupeConfig: { subscriberId: string; subscriberKey: string };

	beforeAll(async () => {
		install = installN8n(2);
		stack = await new Stack().start();
		queue = await startQueueN8n(install);
		rest = new N8nRest(queue.main.baseUrl);
		await rest.login();
		const credentialIds: Record<string, string> = {};
		for (const cred of stack.credentials())
			credentialIds[cred.type] = (await rest.createCredential(cred.name, cred.type, cred.data)).id;
		// The polling example, every minute (n8n's shortest) instead of every 5 minutes.
		const [polling] = stack.workflows(credentialIds, [POLLING_EXAMPLE]);
		polling.nodes[0].parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
		const workflows = [
			...stack.workflows(credentialIds),
			polling,
			{
				...dedupeWorkflow(
					credentialIds.huaweiCloudMeetingApi,
					`${stack.slack.baseUrl}/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`,
				),
				file: 'dedupe',
			},
		];
		for (const workflow of workflows) {
			const { file, ...body } = workflow as Record<string, any>;
			const created = await rest.createWorkflow(body);
			workflowIds[file] = created.id;
			const trigger = body.nodes[0];
			if (trigger.webhookId)
				webhookUrls[file] = `${queue.webhookBaseUrl}/webhook/${trigger.webhookId}/webhook`;
			await rest.setActive(install.line, created.id, true);
		}
		dedupeConfig = await waitFor(
			'the dedupe workflow registration',
			() => stack.huawei.activeConfig(DEDUPE_CORP),
			120_000,
		);
	}, 900_000);

	afterAll(async () => {
		// The committed copy (test/e2e/queue-figures.json) is the run the README quotes; others go to tmp.
		writeFileSync(
			process.env.QUEUE_FIGURES_FILE ?? join(tmpdir(), 'queue-figures.json'),
			`${JSON.stringify({ date: new Date().toISOString(), n8n: install?.line && '2.41.1', ...figures }, null, 2)}\n`,
		);
		if (queue) {
			const dir = mkdtempSync(join(tmpdir(), 'n8n-queue-logs-'));
			writeFileSync(join(dir, 'all.log'), queue.logs());
		}
		await queue?.stop();
		await stack?.stop();
	});

	it('the main registered every example once, with the webhook processor URL; the Huawei handshake was answered there', async () => {
		for (const corp of [DEMO.corpSlack, DEMO.corpMail, DEMO.corpRecording]) {
			const config = await waitFor(`Huawei registration ${corp}`, () =>
				stack.huawei.activeConfig(corp),
			);
			expect(config.url.startsWith(`${queue.webhookBaseUrl}/webhook/`)).toBe(true);
			expect(
				stack.huawei
					.requests('POST', LINK)
					.filter((r) => (r.json as { corpId?: string }).corpId === corp),
			).toHaveLength(1);
		}
		// Enabling succeeded, so the webhook processor answered meeting.verify (no key was saved yet there).
		await waitFor(
			'SparkRTC registration',
			() =>
				stack.rtc.apps.get(DEMO.rtcAppId)?.url === webhookUrls['sparkrtc-recording-to-email.json'],
		);
		await waitFor(
			'Tencent registration',
			() => stack.tencent.callback?.Url === webhookUrls['tencent-room-updated-to-slack.json'],
		);
		expect(stack.rtc.requests('PUT', `/v2/apps/${DEMO.rtcAppId}/record-callback`)).toHaveLength(1);
		expect(
			stack.tencent.requests('POST', '/v4/room_config/set_callback').length +
				stack.tencent.requests('POST', '/v4/room_config/update_callback').length,
		).toBe(1);
	});

	it('the conference trigger is connected exactly once (the main only)', async () => {
		await waitFor(
			'the conference WebSocket',
			() => stack.conference!.clientCount(DEMO.conferenceId) === 1,
		);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect(stack.conference!.clientCount(DEMO.conferenceId)).toBe(1);
	});

	it('signed deliveries to the webhook processor run on the worker, and their side effects arrive', async () => {
		const meetingInfo = {
			meetingID: DEMO.meeting.conferenceID,
			meetingUUID: DEMO.meeting.confUUID,
		};
		expect(
			(await stack.huawei.deliver('meeting.started', { meetingInfo }, DEMO.corpSlack)).status,
		).toBe(200);
		await waitFor('the Slack message', () =>
			stack.slackMessages.find((m) => String(m.text).startsWith('“Q4 planning')),
		);
		expect(
			(
				await stack.rtc.deliver(DEMO.rtcAppId, {
					event_type: 'RECORD_FILE_COMPLETE',
					app_id: DEMO.rtcAppId,
					room_id: 'room-queue',
					job_id: 'job-q',
					download_url: 'https://b.example/x.mp4',
					obs_object: 'Record/room-queue/x.mp4',
					record_duration: 5,
					file_size: 10,
				})
			).status,
		).toBe(200);
		await waitFor('the recording e-mail', () =>
			stack.mails.find((m) => m.raw.includes('room-queue')),
		);
		const answer = await stack.tencent.deliver(
			{
				CallbackCommand: 'Room.CallbackAfterUpdateRoomInfo',
				Operator_Account: 'bob',
				RoomInfo: { RoomId: 'rid-queue', RoomName: 'Queue room' },
				EventTime: Date.now(),
			},
			{ token: stack.secrets.callbackToken },
		);
		expect(answer.body).toMatchObject({ ActionStatus: 'OK' });
		await waitFor('the Tencent Slack message', () =>
			stack.slackMessages.find((m) => String(m.text).includes('rid-queue')),
		);
		const executions = await waitFor('finished executions', async () => {
			const list = await rest.executions(workflowIds['huawei-meeting-started-to-slack.json']);
			return list.length > 0 && list.every((e) => e.status === 'success') ? list : undefined;
		});
		// Enqueued by the webhook processor, run by the worker.
		for (const { id } of executions) {
			expect(log('webhook')).toContain(`Enqueued execution ${id}`);
			await waitFor(`execution ${id} on the worker`, () =>
				log('worker').includes(`Worker finished execution ${id}`),
			);
			expect(log('main')).not.toContain(`Worker finished execution ${id}`);
		}
	});

	it('the polling trigger emits an ended meeting once: polled by the main only, run on the worker', async () => {
		const polls = () => stack.huawei.requests('GET', HISTORY).length;
		const ended = stack.huawei.timeline.running('Queue polling 轮询', 20);
		stack.huawei.timeline.end(ended.conferenceID);
		const sent = () =>
			stack.slackMessages.filter((m) => String(m.text).startsWith('“Queue polling 轮询” ended'));
		await waitFor('the polling Slack message', () => sent().length > 0, 150_000, 1000);
		// Two more minutes: two more polls at most (only the leader main polls), nothing emitted twice.
		const mark = polls();
		await new Promise((resolve) => setTimeout(resolve, 125_000));
		expect(polls() - mark).toBeGreaterThanOrEqual(1);
		expect(polls() - mark).toBeLessThanOrEqual(3);
		expect(sent()).toHaveLength(1);
		const executions = await rest.executions(workflowIds[POLLING_EXAMPLE]);
		expect(executions).toHaveLength(1);
		expect(log('worker')).toContain(`Worker finished execution ${executions[0].id}`);
		expect(log('webhook')).not.toContain('Huawei Cloud Meeting Polling Trigger');
	});

	it('forged and malformed deliveries are refused by the webhook processor and start nothing', async () => {
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
		expect((await post(huaweiUrl, '{"appID":1}')).status).toBe(400);
		expect(
			(
				await post(
					webhookUrls['sparkrtc-recording-to-email.json'],
					'{"event_type":"RECORD_FILE_COMPLETE"}',
				)
			).status,
		).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const after = await Promise.all(Object.values(workflowIds).map((id) => rest.executions(id)));
		expect(after.map((l) => l.length)).toEqual(before.map((l) => l.length));
	});

	it('the same delivery sent N times across the webhook processor and the main gives one side effect (Remove Duplicates on deliveryId)', async () => {
		const N = 10;
		const eventInfo = {
			event: 'meeting.started',
			timestamp: Date.now(),
			payload: { meetingInfo: { meetingID: '555000111', meetingUUID: 'dd'.repeat(16) } },
		};
		const body = signedPush(
			dedupeConfig.subscriberId,
			dedupeConfig.subscriberKey,
			eventInfo,
			'77777777',
			Date.now(),
		);
		const mainUrl = `${queue.main.baseUrl}/webhook/${DEDUPE_WEBHOOK}/webhook`;
		const before = dedupeMessages().length;
		// A retry that lands on the other process, one after another (as Huawei retries: 30 s apart).
		const statuses: number[] = [];
		for (let i = 0; i < N; i++) {
			statuses.push((await post(i % 2 === 0 ? webhookUrls.dedupe : mainUrl, body)).status);
			if (i === 0)
				await waitFor('the first side effect', () => dedupeMessages().length === before + 1);
		}
		expect(statuses.every((s) => s === 200)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 4000));
		const executions = await rest.executions(workflowIds.dedupe);
		const sideEffects = dedupeMessages().length - before;
		figures.duplicatesSequential = {
			sent: N,
			processes: 2,
			executions: executions.length,
			sideEffects,
		};
		expect(sideEffects).toBe(1);
		// Each process's own guard lets one copy through: two executions, the second stopped by Remove Duplicates.
		expect(executions.length).toBe(2);

		// Both at the same moment: the Remove Duplicates store is not atomic (measured, not asserted).
		const simultaneous = signedPush(
			dedupeConfig.subscriberId,
			dedupeConfig.subscriberKey,
			{ ...eventInfo, timestamp: Date.now() },
			'88888888',
			Date.now(),
		);
		const mark = dedupeMessages().length;
		await Promise.all([post(webhookUrls.dedupe, simultaneous), post(mainUrl, simultaneous)]);
		await new Promise((resolve) => setTimeout(resolve, 6000));
		figures.duplicatesSimultaneous = {
			sent: 2,
			processes: 2,
			sideEffects: dedupeMessages().length - mark,
		};
	});

	it('restarting the webhook processor, then the worker, while deliveries are sent: nothing lost, nothing doubled', async () => {
		// Huawei retries after 30 s, then 30 min; shortened, but longer than a restart.
		stack.huawei.retryDelaysMs = [3000, 5000, 10000, 15000, 20000];
		const sendAll = (count: number, tag: string) =>
			Array.from({ length: count }, async (_, i) => {
				await new Promise((resolve) => setTimeout(resolve, i * 400));
				return await stack.huawei.deliver(
					'meeting.started',
					{ meetingInfo: { meetingID: `7${tag}${i}`, meetingUUID: `${tag}${i}`.padEnd(32, '0') } },
					DEDUPE_CORP,
				);
			});
		const before = dedupeMessages().length;
		const webhookRun = sendAll(10, '1');
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await queue.restart('webhook');
		const workerRun = sendAll(10, '2');
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await queue.restart('worker');
		const results = await Promise.all([...webhookRun, ...workerRun]);
		expect(results.every((r) => r.status === 200)).toBe(true);
		try {
			await waitFor('20 side effects', () => dedupeMessages().length - before >= 20, 120_000);
		} catch (error) {
			// Say where the missing ones stopped: not enqueued, enqueued but not run, or run but failed.
			const executions = await rest.executions(workflowIds.dedupe);
			const statuses = executions.reduce<Record<string, number>>(
				(n, e) => ({ ...n, [e.status]: (n[e.status] ?? 0) + 1 }),
				{},
			);
			const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
			const logs = queue.logs();
			throw new Error(
				`${(error as Error).message}: ${dedupeMessages().length - before} arrived; ` +
					`dedupe workflow executions by status ${JSON.stringify(statuses)}; ` +
					`"Enqueued execution" ${count(logs, /Enqueued execution/g)}, ` +
					`"Worker finished execution" ${count(logs, /Worker finished execution/g)}; ` +
					`attempts ${JSON.stringify(results.map((r) => r.attempts))}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const texts = dedupeMessages()
			.slice(before)
			.map((m) => m.text);
		figures.restarts = {
			deliveries: 20,
			retried: results.filter((r) => r.attempts > 1).length,
			attempts: results.reduce((n, r) => n + r.attempts, 0),
			sideEffects: texts.length,
			distinct: new Set(texts).size,
		};
		expect(texts.length).toBe(20);
		expect(new Set(texts).size).toBe(20);
	});

	it('Redis briefly unavailable: what the provider sees, and what happens after', async () => {
		stack.huawei.retryDelaysMs = [3000, 5000, 10000];
		const before = dedupeMessages().length;
		const pause = queue.redis.pause(4000);
		await new Promise((resolve) => setTimeout(resolve, 500));
		const started = Date.now();
		const results = await Promise.all(
			Array.from({ length: 5 }, (_, i) =>
				stack.huawei.deliver(
					'meeting.started',
					{ meetingInfo: { meetingID: `9${i}`, meetingUUID: `redis${i}`.padEnd(32, '0') } },
					DEDUPE_CORP,
				),
			),
		);
		const answeredInMs = Date.now() - started;
		await pause;
		await waitFor(
			'the side effects after Redis is back',
			() => dedupeMessages().length - before >= 5,
			120_000,
		).catch(() => undefined);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		figures.redisOutage = {
			outageMs: 4000,
			deliveries: 5,
			statuses: results.map((r) => r.status),
			attempts: results.map((r) => r.attempts),
			answeredInMs,
			sideEffectsAfter: dedupeMessages().length - before,
		};
		expect(dedupeMessages().length - before).toBe(5);
	});

	it('deactivation (by the main) removes or restores every registration', async () => {
		for (const id of Object.values(workflowIds)) await rest.setActive(install.line, id, false);
		await waitFor('Huawei configurations deleted', () => stack.huawei.configs.size === 0);
		await waitFor('Tencent callback deleted', () => stack.tencent.callback === undefined);
		await waitFor(
			'the conference WebSocket closed',
			() => stack.conference!.clientCount(DEMO.conferenceId) === 0,
		);
	});

	it('never logged a secret', () => {
		const all = queue.logs();
		for (const value of Object.values(stack.secrets)) expect(all).not.toContain(value);
	});
});
