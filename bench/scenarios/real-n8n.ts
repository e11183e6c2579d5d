/**
 * b. In a real n8n: deliveries/s and executions/s through each webhook trigger against a bare
 * Webhook node, same n8n, settings, body and concurrency (autocannon on loopback), with n8n's
 * defaults and with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true. BENCH_N8N_ONLY picks one setting,
 * BENCH_CASES the cases (the bare Webhook node always runs), BENCH_SECONDS the load's length.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { signedPush, HuaweiMeetingSimulator } from '../../test/simulator/huaweiMeeting';
import { HuaweiSparkRtcSimulator } from '../../test/simulator/huaweiSparkRtc';
import { callbackQuery, TencentRoomSimulator } from '../../test/simulator/tencentRoom';
import {
	freePort,
	installN8n,
	installPackageInto,
	N8nRest,
	startN8n,
	waitFor,
} from '../../tools/real-n8n/host';
import type { LoadCase } from '../load';
import { measure } from '../load';
import { hmacHex, log, results, rows } from '../report';

export async function realN8n() {
	const install = installN8n(2);
	const meeting = new HuaweiMeetingSimulator();
	meeting.apps.set('bench-app', { appKey: randomBytes(16).toString('hex') });
	const rtc = new HuaweiSparkRtcSimulator();
	const rtcSk = randomBytes(20).toString('hex');
	rtc.accessKeys.set('BENCHAK0000000000001', { secretKey: rtcSk });
	const tencentKey = randomBytes(32).toString('hex');
	const tencent = new TencentRoomSimulator(1400000099, tencentKey);
	await Promise.all([meeting.start(), rtc.start(), tencent.start()]);
	const meetingInfoOf = (i: number) => ({
		meetingID: String(100000000 + i),
		meetingUUID: createHash('md5').update(String(i)).digest('hex'),
	});
	for (let i = 0; i < 30_000; i++)
		meeting.meetings.add({
			conferenceID: meetingInfoOf(i).meetingID,
			confUUID: meetingInfoOf(i).meetingUUID,
		});
	const out: IDataObject[] = [];
	try {
		for (const [label, env] of [
			['defaults', {}],
			['N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }],
		] as Array<[string, Record<string, string>]>) {
			if (process.env.BENCH_N8N_ONLY && !label.includes(process.env.BENCH_N8N_ONLY)) continue;
			const userFolder = mkdtempSync(join(tmpdir(), 'bench-n8n-'));
			// Fresh tenants per n8n instance (the previous instance's registrations stay, as after a crash).
			const tag = `b${out.length}`;
			const rtcApp = `bench-rtc-${tag}`;
			rtc.apps.set(rtcApp, {});
			tencent.callback = undefined;
			installPackageInto(userFolder);
			const n8n = await startN8n(install, {
				userFolder,
				port: await freePort(),
				env: { ...env, N8N_LOG_LEVEL: 'warn' },
			});
			try {
				const rest = new N8nRest(n8n.baseUrl);
				await rest.login();
				const meetingCred = await rest.createCredential('bench meeting', 'huaweiCloudMeetingApi', {
					authType: 'appId',
					appId: 'bench-app',
					appSecret: [...meeting.apps.values()][0].appKey,
					region: 'custom',
					customBaseUrl: meeting.baseUrl,
				});
				const rtcCred = await rest.createCredential('bench rtc', 'huaweiCloudApi', {
					authType: 'akSk',
					accessKey: 'BENCHAK0000000000001',
					secretKey: rtcSk,
					projectId: '0123456789abcdef0123456789abcdef',
					rtcEndpoint: rtc.baseUrl,
					iamEndpoint: rtc.baseUrl,
				});
				const callbackToken = randomBytes(16).toString('hex');
				const tencentCred = await rest.createCredential('bench tencent', 'tencentCloudChatApi', {
					sdkAppId: 1400000099,
					secretKey: tencentKey,
					adminAccount: 'administrator',
					region: 'custom',
					customBaseUrl: tencent.baseUrl,
					callbackToken,
					userSigExpire: 86400,
				});
				const workflow = async (name: string, webhookId: string, node: IDataObject) => {
					const created = await rest.createWorkflow({
						name,
						nodes: [{ id: webhookId.slice(-4), name, position: [0, 0], webhookId, ...node }],
						connections: {},
						settings: { executionOrder: 'v1' },
					});
					await rest.setActive(install.line, created.id, true);
					return created.id;
				};
				const trigger = (
					type: string,
					version: number,
					parameters: IDataObject,
					credentials: IDataObject,
				) => ({
					type: `n8n-nodes-meeting-events.${type}`,
					typeVersion: version,
					parameters,
					credentials,
				});
				const bareId = await workflow('bare webhook', 'b0b0b0b0-0000-4000-8000-000000000001', {
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					parameters: {
						httpMethod: 'POST',
						path: 'bench',
						responseMode: 'onReceived',
						options: {},
					},
				});
				const meetingCredRef = {
					huaweiCloudMeetingApi: { id: meetingCred.id, name: 'bench meeting' },
				};
				const huaweiParams = (corpId: string, options: IDataObject) => ({
					scope: 'enterprise',
					corpId,
					events: ['meeting.started'],
					options: { allowHttpUrl: true, ...options },
				});
				const huawei11 = await workflow(
					'huawei 1.1',
					'b0b0b0b0-0000-4000-8000-000000000002',
					trigger(
						'huaweiCloudMeetingTrigger',
						1.1,
						huaweiParams(`${tag}-a`, { resolveMeetingDetails: false }),
						meetingCredRef,
					),
				);
				const huawei1 = await workflow(
					'huawei 1',
					'b0b0b0b0-0000-4000-8000-000000000003',
					trigger(
						'huaweiCloudMeetingTrigger',
						1,
						huaweiParams(`${tag}-b`, { resolveMeetingDetails: false }),
						meetingCredRef,
					),
				);
				const huaweiDetails = await workflow(
					'huawei 1.1 details',
					'b0b0b0b0-0000-4000-8000-000000000004',
					trigger('huaweiCloudMeetingTrigger', 1.1, huaweiParams(`${tag}-c`, {}), meetingCredRef),
				);
				const rtcId = await workflow(
					'sparkrtc 1.1',
					'b0b0b0b0-0000-4000-8000-000000000005',
					trigger(
						'huaweiCloudSparkRtcTrigger',
						1.1,
						{ appId: rtcApp, events: ['*'], options: { replaceExisting: true } },
						{ huaweiCloudApi: { id: rtcCred.id, name: 'bench rtc' } },
					),
				);
				const tencentId = await workflow(
					'tencent 1.1',
					'b0b0b0b0-0000-4000-8000-000000000006',
					trigger(
						'tencentCloudRoomTrigger',
						1.1,
						{ events: ['*'], options: { replaceExisting: true } },
						{ tencentCloudChatApi: { id: tencentCred.id, name: 'bench tencent' } },
					),
				);
				const configs = await Promise.all(
					['a', 'b', 'c'].map((x) =>
						waitFor(`Huawei registration ${x}`, () => meeting.activeConfig(`${tag}-${x}`), 120_000),
					),
				);
				const rtcKey = await waitFor(
					'SparkRTC registration',
					() => rtc.apps.get(rtcApp)?.auth_key,
					120_000,
				);
				await waitFor(
					'Tencent registration',
					() => tencent.callback?.Url.includes('b0b0b0b0-0000-4000-8000-000000000006'),
					120_000,
				);
				const now = Date.now();
				// A fresh object each time: autocannon writes Content-Length into the headers it is given.
				const json = () => ({ 'content-type': 'application/json' });
				const huaweiRequest =
					(c: { subscriberId: string; subscriberKey: string }) => (i: number) => ({
						body: signedPush(
							c.subscriberId,
							c.subscriberKey,
							{
								event: 'meeting.started',
								timestamp: now,
								payload: { meetingInfo: meetingInfoOf(i) },
							},
							String(20_000_000 + i),
							now,
						),
						headers: json(),
					});
				const hook = (id: string) => `${n8n.baseUrl}/webhook/${id}/webhook`;
				const cases: Array<LoadCase & { baseline?: boolean }> = [
					{
						label: 'bare Webhook node',
						url: `${n8n.baseUrl}/webhook/bench`,
						workflowId: bareId,
						perRequest: 1,
						request: huaweiRequest(configs[0]),
						baseline: true,
					},
					{
						label: 'Huawei Cloud Meeting Trigger 1.1',
						url: hook('b0b0b0b0-0000-4000-8000-000000000002'),
						workflowId: huawei11,
						perRequest: 1,
						request: huaweiRequest(configs[0]),
					},
					{
						label: 'Huawei Cloud Meeting Trigger 1 (first release)',
						url: hook('b0b0b0b0-0000-4000-8000-000000000003'),
						workflowId: huawei1,
						perRequest: 1,
						request: huaweiRequest(configs[1]),
					},
					{
						label: 'Huawei Cloud Meeting Trigger 1.1 with meeting details',
						url: hook('b0b0b0b0-0000-4000-8000-000000000004'),
						workflowId: huaweiDetails,
						perRequest: 1,
						request: huaweiRequest(configs[2]),
						detailCalls: () => meeting.meetings.detailCalls,
					},
					{
						label: 'Huawei Cloud SparkRTC Trigger 1.1',
						url: hook('b0b0b0b0-0000-4000-8000-000000000005'),
						workflowId: rtcId,
						perRequest: 1,
						request: (i) => {
							const body = JSON.stringify({
								event_type: 'RECORD_FILE_COMPLETE',
								app_id: rtcApp,
								room_id: 'room01',
								job_id: `job-${i}`,
								download_url: 'https://b.obs.example.com/Record/x.mp4',
								obs_object: `Record/x-${i}.mp4`,
								record_duration: 65,
								file_size: 26254952,
							});
							const ts = String(Math.floor(Date.now() / 1000));
							return {
								body,
								headers: {
									...json(),
									'x-rtc-rand': String(i),
									'x-rtc-timestamp': ts,
									'x-rtc-signature': hmacHex(rtcKey, `${i}${ts}${body}`),
								},
							};
						},
					},
					{
						label: 'Tencent Cloud Room Trigger 1.1',
						url: hook('b0b0b0b0-0000-4000-8000-000000000006'),
						workflowId: tencentId,
						perRequest: 1,
						// As Tencent sends it: no Content-Type header (n8n then leaves the raw body to the node).
						request: (i) => ({
							body: JSON.stringify({
								CallbackCommand: 'Room.CallbackAfterUpdateRoomInfo',
								Operator_Account: 'bob',
								RoomInfo: { RoomId: `rid-${i}`, RoomName: 'r' },
								EventTime: 1670574414123 + i,
							}),
							headers: {},
							query: callbackQuery('Room.CallbackAfterUpdateRoomInfo', 1400000099, {
								token: callbackToken,
							}),
						}),
					},
				];
				const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
				const only = process.env.BENCH_CASES;
				for (const c of cases.filter((x) => x.baseline || !only || x.label.includes(only))) {
					results[c.label] = await measure(rest, c);
					log(
						`n8n ${label}: ${c.label} ${results[c.label].rps.toFixed(1)} 2xx/s, ${results[c.label].eps.toFixed(1)} executions/s, p50 ${results[c.label].p50} ms, ${results[c.label].executions} executions for ${results[c.label].accepted} accepted`,
					);
				}
				// The bare Webhook node again at the end: n8n slows as its execution table grows during the run,
				// so the baseline is the mean of a first and a last measurement (both in results.json).
				const baseline = cases.find((x) => x.baseline)!;
				const bareAfter = await measure(rest, baseline);
				log(`n8n ${label}: ${baseline.label} (again, last) ${bareAfter.rps.toFixed(1)} req/s`);
				const bareFirst = results[baseline.label];
				results[`${baseline.label} (last)`] = bareAfter;
				const bare = {
					rps: (bareFirst.rps + bareAfter.rps) / 2,
					eps: (bareFirst.eps + bareAfter.eps) / 2,
					p50: Math.round((bareFirst.p50 + bareAfter.p50) / 2),
					accepted: bareFirst.accepted + bareAfter.accepted,
					executions: bareFirst.executions + bareAfter.executions,
					sent: bareFirst.sent + bareAfter.sent,
				};
				for (const c of cases.filter((x) => !x.baseline && results[x.label])) {
					const r = results[c.label];
					// Executions/s, counted until n8n has run everything it answered.
					const ratio = r.eps / bare.eps;
					const target =
						c.label.includes('details') || c.label.includes('first release') ? 'info' : '≥ 1×';
					const details = r.detailCalls !== undefined ? `; ${r.detailCalls} detail calls` : '';
					rows.push([
						`b. Real n8n ${install.version} (${label}): ${c.label} vs bare Webhook node, 10 connections, executions/s`,
						`${r.eps.toFixed(1)} vs ${bare.eps.toFixed(1)} executions/s (${r.rps.toFixed(1)} vs ${bare.rps.toFixed(1)} 2xx/s; p50 ${r.p50} vs ${bare.p50} ms); executions recorded ${r.executions} for ${r.accepted} answered 2xx (${r.sent} sent) vs ${bare.executions} for ${bare.accepted} (${bare.sent} sent, two rounds)${details}`,
						`${ratio.toFixed(2)}×`,
						target,
						target === 'info' ? 'info' : ratio >= 1 ? 'met' : 'missed',
					]);
				}
				const on = results['Huawei Cloud Meeting Trigger 1.1 with meeting details'];
				const off = results['Huawei Cloud Meeting Trigger 1.1'];
				if (on && off)
					rows.push([
						`b. Real n8n ${install.version} (${label}): Huawei Cloud Meeting Trigger 1.1, meeting details on vs off (both answer once n8n stored the execution), executions/s`,
						`${on.eps.toFixed(1)} vs ${off.eps.toFixed(1)} executions/s (${on.rps.toFixed(1)} vs ${off.rps.toFixed(1)} 2xx/s; p50 ${on.p50} vs ${off.p50} ms); ${on.executions} and ${off.executions} executions; ${on.detailCalls} detail calls`,
						`${(on.eps / off.eps).toFixed(2)}×`,
						'info',
						'info',
					]);
				out.push({ setting: label, results });
			} finally {
				await n8n.stop();
				copyFileSync(n8n.logFile, join(tmpdir(), `bench-n8n-${out.length}.log`));
				rmSync(userFolder, { recursive: true, force: true });
			}
		}
	} finally {
		await Promise.all([meeting.stop(), rtc.stop(), tencent.stop()]);
	}
	results.realN8n = out;
}
