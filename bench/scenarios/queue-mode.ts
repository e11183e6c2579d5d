/**
 * e. Queue mode (main + webhook processor + worker, PostgreSQL, Redis; n8n's default engine settings):
 * deliveries/s through the webhook processor, the Huawei Cloud Meeting Trigger (1.1) against the bare
 * Webhook node in the same stack, executions (run by the worker) counted through the main's REST API.
 */
import { createHash, randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { HuaweiMeetingSimulator, signedPush } from '../../test/simulator/huaweiMeeting';
import { installN8n, N8nRest, waitFor } from '../../tools/real-n8n/host';
import { startQueueN8n } from '../../tools/real-n8n/queue';
import { measure } from '../load';
import { log, results, rows } from '../report';

export async function queueMode() {
	const install = installN8n(2);
	const meeting = new HuaweiMeetingSimulator();
	meeting.apps.set('bench-app', { appKey: randomBytes(16).toString('hex') });
	await meeting.start();
	const queue = await startQueueN8n(install);
	try {
		const rest = new N8nRest(queue.main.baseUrl);
		await rest.login();
		const cred = await rest.createCredential('bench meeting', 'huaweiCloudMeetingApi', {
			authType: 'appId',
			appId: 'bench-app',
			appSecret: [...meeting.apps.values()][0].appKey,
			region: 'custom',
			customBaseUrl: meeting.baseUrl,
		});
		const workflow = async (name: string, node: IDataObject) => {
			const created = await rest.createWorkflow({
				name,
				nodes: [{ position: [0, 0], ...node }],
				connections: {},
				settings: { executionOrder: 'v1' },
			});
			await rest.setActive(install.line, created.id, true);
			return created.id;
		};
		const bareId = await workflow('bare webhook', {
			id: 'w1',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: 'c0c0c0c0-0000-4000-8000-000000000001',
			parameters: { httpMethod: 'POST', path: 'bench', responseMode: 'onReceived', options: {} },
		});
		const trigId = await workflow('huawei 1.1', {
			id: 't1',
			name: 'Huawei Cloud Meeting Trigger',
			type: 'n8n-nodes-meeting-events.huaweiCloudMeetingTrigger',
			typeVersion: 1.1,
			webhookId: 'c0c0c0c0-0000-4000-8000-000000000002',
			parameters: {
				scope: 'enterprise',
				corpId: 'queue-bench',
				events: ['meeting.started'],
				options: { allowHttpUrl: true, resolveMeetingDetails: false },
			},
			credentials: { huaweiCloudMeetingApi: { id: cred.id, name: 'bench meeting' } },
		});
		const config = await waitFor(
			'the queue-mode registration',
			() => meeting.activeConfig('queue-bench'),
			120_000,
		);
		const now = Date.now();
		const request = (i: number) => ({
			body: signedPush(
				config.subscriberId,
				config.subscriberKey,
				{
					event: 'meeting.started',
					timestamp: now,
					payload: {
						meetingInfo: {
							meetingID: String(300000000 + i),
							meetingUUID: createHash('md5').update(`q${i}`).digest('hex'),
						},
					},
				},
				String(30_000_000 + i),
				now,
			),
			headers: { 'content-type': 'application/json' },
		});
		const bareCase = {
			label: 'queue: bare Webhook node',
			url: `${queue.webhookBaseUrl}/webhook/bench`,
			workflowId: bareId,
			perRequest: 1,
			request,
		};
		const bareFirst = await measure(rest, bareCase);
		const trig = await measure(rest, {
			label: 'queue: Huawei Cloud Meeting Trigger 1.1',
			url: `${queue.webhookBaseUrl}/webhook/c0c0c0c0-0000-4000-8000-000000000002/webhook`,
			workflowId: trigId,
			perRequest: 1,
			request,
		});
		const bareLast = await measure(rest, bareCase);
		const bareRps = (bareFirst.rps + bareLast.rps) / 2;
		const ratio = trig.rps / bareRps;
		results.queueMode = { bareFirst, trigger: trig, bareLast, ratio: +ratio.toFixed(2) };
		rows.push([
			'e. Queue mode, n8n 2.41.1 (main + webhook processor + worker, PostgreSQL, Redis; defaults): Huawei Cloud Meeting Trigger 1.1 vs bare Webhook node through the webhook processor, 10 connections',
			`${trig.rps.toFixed(1)} vs ${bareRps.toFixed(1)} req/s (p50 ${trig.p50} vs ${Math.round((bareFirst.p50 + bareLast.p50) / 2)} ms); executions recorded (on the worker) ${trig.executions} for ${trig.accepted} answered 2xx (${trig.sent} sent) vs ${bareFirst.executions + bareLast.executions} for ${bareFirst.accepted + bareLast.accepted}`,
			`${ratio.toFixed(2)}×`,
			'≥ 1×',
			ratio >= 1 ? 'met' : 'missed',
		]);
		log(
			`queue mode: trigger ${trig.rps.toFixed(1)} req/s vs bare ${bareRps.toFixed(1)} req/s (${ratio.toFixed(2)})`,
		);
	} finally {
		await queue.stop();
		await meeting.stop();
	}
}
