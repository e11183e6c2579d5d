/**
 * `npm run bench`: the figures the README quotes, measured side by side in one run, written to
 * bench/results.json and bench/results.md.
 *   a. per provider, in process: our verify + parse + filter path against the floor (HMAC-SHA256 over
 *      the same body + JSON.parse), same bodies;
 *   b. in a real n8n: deliveries/s through the Huawei Cloud Meeting Trigger against a bare Webhook node,
 *      same n8n, settings, body and concurrency (autocannon on loopback), with n8n's defaults and with
 *      N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true;
 *   c. authentication calls counted by the simulators over 1,000 action executions;
 *   d. packed size, runtime dependencies, cold require time of all nodes.
 * Set BENCH_SKIP_N8N=1 to skip (b).
 */
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import autocannon from 'autocannon';
import type { IDataObject, INodeType, IWebhookFunctions } from 'n8n-workflow';

import { HuaweiCloudMeetingApi } from '../credentials/HuaweiCloudMeetingApi.credentials';
import { HuaweiCloudApi } from '../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudMeeting } from '../nodes/HuaweiCloudMeeting/HuaweiCloudMeeting.node';
import { HuaweiCloudMeetingTrigger } from '../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { HuaweiCloudSparkRtc } from '../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtc.node';
import { HuaweiCloudSparkRtcTrigger } from '../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { TencentCloudRoomTrigger } from '../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { CredentialStore, runNode } from '../test/harness/n8n';
import { freePort, installN8n, installPackageInto, N8nRest, ROOT, startN8n, waitFor } from '../test/e2e/host';
import { HuaweiMeetingSimulator, signedPush } from '../test/simulator/huaweiMeeting';
import { HuaweiSparkRtcSimulator } from '../test/simulator/huaweiSparkRtc';
import { callbackQuery } from '../test/simulator/tencentRoom';

const results: IDataObject = { date: new Date().toISOString(), machine: `${require('node:os').cpus().length} cores, Node ${process.versions.node}` };
const rows: string[][] = [];
const log = (s: string) => process.stdout.write(`${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const hmacHex = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');
/** Each measuring round is its own workflow, so that the duplicate guard sees fresh deliveries. */
let round = 0;

/**
 * A minimal n8n webhook context, built once per case; each call only swaps the request. What is
 * measured is the node's code (building n8n's real context is n8n's cost, measured in part b).
 */
function webhookCall(node: INodeType, params: IDataObject, staticData: IDataObject, credentials: IDataObject) {
	const flat = new Map<string, unknown>();
	const walk = (prefix: string, value: unknown) => {
		flat.set(prefix, value);
		if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
	};
	for (const [k, v] of Object.entries(params)) walk(k, v);
	const theNode = { id: 'bench', name: 'bench', type: node.description.name, typeVersion: 1, position: [0, 0], parameters: {} };
	const request: { rawBody: Buffer; headers: IDataObject; query: IDataObject; status: number } = { rawBody: Buffer.alloc(0), headers: {}, query: {}, status: 0 };
	const response = { status: (s: number) => ({ json: () => (request.status = s) }) };
	const workflow = { id: 'bench-0' };
	const ctx = {
		getNode: () => theNode,
		getWorkflow: () => workflow,
		getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/x/webhook',
		getNodeParameter: (name: string, fallback?: unknown) => (flat.has(name) ? flat.get(name) : fallback),
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
		return { status: request.status, items: result.workflowData?.[0].length ?? 0 };
	};
}

async function inProcess() {
	const N = Number(process.env.BENCH_EVENTS ?? 20_000);
	type Case = { name: string; key: string; bodies: Buffer[]; floorData: (i: number) => string; run: (i: number) => Promise<{ status: number; items: number }> };
	const cases: Case[] = [];

	// Huawei Cloud Meeting: HMAC over appID + timestamp + nonce + eventInfo.
	{
		const key = randomBytes(24).toString('hex');
		// The delivery path only: the meeting-details call (made after the answer) is measured in (b).
		const call = webhookCall(new HuaweiCloudMeetingTrigger(), { events: ['meeting.started'], options: { resolveMeetingDetails: false } }, { subscriberId: 'bench', subscriberKey: key }, {});
		const now = Date.now();
		const bodies = Array.from({ length: N }, (_, i) =>
			Buffer.from(signedPush('bench', key, { event: 'meeting.started', timestamp: now, payload: { meetingInfo: { meetingID: String(900000000 + i), meetingUUID: randomBytes(16).toString('hex') } } }, String(10_000_000 + i), now)),
		);
		cases.push({ name: 'Huawei Cloud Meeting Trigger', key, bodies, floorData: (i) => bodies[i].toString(), run: (i) => call(bodies[i], {}, {}) });
	}
	// SparkRTC: HMAC over rand + timestamp + body.
	{
		const key = randomBytes(24).toString('hex');
		const call = webhookCall(new HuaweiCloudSparkRtcTrigger(), { appId: 'app', events: ['*'], options: {} }, { authKey: key, appId: 'app' }, {});
		const ts = String(Math.floor(Date.now() / 1000));
		const bodies = Array.from({ length: N }, (_, i) => Buffer.from(JSON.stringify({ event_type: 'RECORD_FILE_COMPLETE', app_id: 'app', room_id: 'room01', job_id: `job-${i}`, download_url: 'https://b.obs.example.com/Record/x.mp4', obs_object: 'Record/x.mp4', record_duration: 65, file_size: 26254952, start_time: '2021-04-28T08:56:57Z', end_time: '2021-04-28T08:58:02Z' })));
		const headers = bodies.map((b, i) => ({ 'x-rtc-rand': String(i), 'x-rtc-timestamp': ts, 'x-rtc-signature': hmacHex(key, `${i}${ts}${b.toString()}`) }));
		cases.push({ name: 'Huawei Cloud SparkRTC Trigger', key, bodies, floorData: (i) => `${i}${ts}${bodies[i].toString()}`, run: (i) => call(bodies[i], headers[i], {}) });
	}
	// Tencent: SHA-256 over token + RequestTime (query), body parsed and validated.
	{
		const token = randomBytes(16).toString('hex');
		const call = webhookCall(new TencentCloudRoomTrigger(), { events: ['*'], options: {} }, {}, { sdkAppId: 1400000000, callbackToken: token });
		const query = Object.fromEntries(new URLSearchParams(callbackQuery('Room.CallbackAfterUpdateRoomInfo', 1400000000, { token }).slice(1)));
		const bodies = Array.from({ length: N }, (_, i) => Buffer.from(JSON.stringify({ CallbackCommand: 'Room.CallbackAfterUpdateRoomInfo', Operator_Account: 'bob', RoomInfo: { RoomId: `rid-${i}`, RoomName: 'rname', Owner_Account: 'jack', TakeSeatMode: 'FreeToTake', MaxMemberCount: 300, IsVideoDisabled: false, IsCloudRecordingDisabled: 'false', CustomInfo: '123' }, EventTime: 1670574414123 + i })));
		cases.push({ name: 'Tencent Cloud Room Trigger', key: token, bodies, floorData: (i) => bodies[i].toString(), run: (i) => call(bodies[i], {}, query) });
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
			if (accepted !== c.bodies.length) throw new Error(`${c.name}: only ${accepted} of ${c.bodies.length} accepted`);
		}
		const floor = median(floorTimes);
		const ours = median(oursTimes);
		perProvider.push({ provider: c.name, events: c.bodies.length, floorMicrosPerEvent: +floor.toFixed(2), oursMicrosPerEvent: +ours.toFixed(2), ratio: +(ours / floor).toFixed(2), oursPerSecond: Math.round(1e6 / ours), target: '≤ 3×' });
		rows.push([`a. ${c.name}: verify + parse + filter vs HMAC + JSON.parse`, `${ours.toFixed(1)} µs vs ${floor.toFixed(1)} µs per event (${Math.round(1e6 / ours).toLocaleString('en')}/s)`, `${(ours / floor).toFixed(2)}×`, '≤ 3×', ours / floor <= 3 ? 'met' : 'missed']);
		log(`${c.name}: ours ${ours.toFixed(2)} µs, floor ${floor.toFixed(2)} µs, ratio ${(ours / floor).toFixed(2)}`);
	}
	results.inProcess = perProvider;
}

async function authCalls() {
	const meeting = new HuaweiMeetingSimulator();
	meeting.apps.set('bench-app', { appKey: 'bench-app-key' });
	await meeting.start();
	const rtc = new HuaweiSparkRtcSimulator();
	rtc.iamUsers.set('bench', { domain: 'acct', password: 'pw' });
	rtc.apps.set('app', {});
	await rtc.start();
	try {
		const meetingStore = new CredentialStore(new HuaweiCloudMeetingApi(), { authType: 'appId', appId: 'bench-app', appSecret: 'bench-app-key', region: 'custom', customBaseUrl: meeting.baseUrl });
		const rtcStore = new CredentialStore(new HuaweiCloudApi(), { authType: 'iam', username: 'bench', password: 'pw', domainName: 'acct', projectName: 'cn-north-4', rtcEndpoint: rtc.baseUrl, iamEndpoint: rtc.baseUrl });
		const t = Date.now();
		for (let i = 0; i < 1000; i++) {
			await runNode(new HuaweiCloudMeeting(), meetingStore, { params: { resource: 'eventPush', operation: 'get', scope: 'enterprise', corpId: '1' } });
			await runNode(new HuaweiCloudSparkRtc(), rtcStore, { params: { resource: 'recordCallback', operation: 'get', appId: 'app' } });
		}
		results.authCalls = { executions: 1000, huaweiMeetingAppAuth: meeting.authCalls, huaweiIam: rtc.iamCalls, seconds: (Date.now() - t) / 1000 };
		rows.push(['c. Authentication calls over 1,000 executions (Huawei Meeting App ID / IAM token)', `${meeting.authCalls} / ${rtc.iamCalls}`, '', '1 per token lifetime', meeting.authCalls === 1 && rtc.iamCalls === 1 ? 'met' : 'missed']);
		log(`auth calls over 1000 executions: meeting ${meeting.authCalls}, IAM ${rtc.iamCalls}`);
	} finally {
		await meeting.stop();
		await rtc.stop();
	}
}

function sizes() {
	const work = mkdtempSync(join(tmpdir(), 'bench-pack-'));
	try {
		const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0];
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		const deps = Object.keys(pkg.dependencies ?? {}).length;
		const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((f: string) => join(ROOT, f));
		const time = (script: string) => {
			const out: number[] = [];
			for (let i = 0; i < 7; i++) {
				out.push(Number(execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();${script};process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`], { cwd: ROOT, encoding: 'utf8' })));
			}
			return median(out);
		};
		const base = time("require('n8n-workflow');require('zod')");
		const all = time(`require('n8n-workflow');require('zod');${files.map((f) => `require(${JSON.stringify(f)})`).join(';')}`);
		results.package = { packedBytes: packed.size, unpackedBytes: packed.unpackedSize, files: packed.files.length, runtimeDependencies: deps, requireMsBaseline: +base.toFixed(1), requireMsWithAllNodes: +all.toFixed(1) };
		rows.push(['d. Packed tarball', `${(packed.size / 1024).toFixed(1)} KB (${packed.files.length} files)`, '', '≤ 150 KB', packed.size <= 150 * 1024 ? 'met' : 'missed']);
		rows.push(['d. Runtime dependencies', String(deps), '', '0', deps === 0 ? 'met' : 'missed']);
		rows.push(['d. Cold require of all nodes and credentials (n8n-workflow + zod alone)', `${(all - base).toFixed(1)} ms on top of ${base.toFixed(1)} ms`, `${(all / base).toFixed(2)}×`, '', 'info']);
		log(`packed ${packed.size} bytes, deps ${deps}, require ${base.toFixed(1)} → ${all.toFixed(1)} ms`);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

async function realN8n() {
	const install = installN8n(2);
	const sim = new HuaweiMeetingSimulator();
	sim.apps.set('bench-app', { appKey: randomBytes(16).toString('hex') });
	await sim.start();
	const out: IDataObject[] = [];
	try {
		for (const [label, env] of [
			['defaults', {}],
			['N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }],
		] as Array<[string, Record<string, string>]>) {
			if (process.env.BENCH_N8N_ONLY && !label.includes(process.env.BENCH_N8N_ONLY)) continue;
			const userFolder = mkdtempSync(join(tmpdir(), 'bench-n8n-'));
			// A fresh enterprise per n8n instance (the previous instance's registration stays, as after a crash).
			const corpId = `bench-${out.length}`;
			installPackageInto(userFolder);
			const n8n = await startN8n(install, { userFolder, port: await freePort(), env: { ...env, N8N_LOG_LEVEL: 'warn' } });
			try {
				const rest = new N8nRest(n8n.baseUrl);
				await rest.login();
				const cred = await rest.createCredential('bench', 'huaweiCloudMeetingApi', { authType: 'appId', appId: 'bench-app', appSecret: [...sim.apps.values()][0].appKey, region: 'custom', customBaseUrl: sim.baseUrl });
				const bare = await rest.createWorkflow({
					name: 'bare webhook',
					nodes: [{ id: 'w1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'b0b0b0b0-0000-4000-8000-000000000001', parameters: { httpMethod: 'POST', path: 'bench', responseMode: 'onReceived', options: {} } }],
					connections: {},
					settings: { executionOrder: 'v1' },
				});
				const huaweiTrigger = (name: string, webhookId: string, corp: string, options: IDataObject) => ({
					name,
					nodes: [{ id: 't1', name: 'Huawei Cloud Meeting Trigger', type: 'n8n-nodes-meeting-events.huaweiCloudMeetingTrigger', typeVersion: 1, position: [0, 0], webhookId, parameters: { scope: 'enterprise', corpId: corp, events: ['meeting.started'], options: { allowHttpUrl: true, ...options } }, credentials: { huaweiCloudMeetingApi: { id: cred.id, name: 'bench' } } }],
					connections: {},
					settings: { executionOrder: 'v1' },
				});
				// The delivery path alone (details off), and with Resolve Meeting Details on (the default):
				// one confDetail call per delivery, made after the answer, every meeting a different one.
				const trig = await rest.createWorkflow(huaweiTrigger('huawei trigger', 'b0b0b0b0-0000-4000-8000-000000000002', corpId, { resolveMeetingDetails: false }));
				const detailsCorp = `${corpId}-details`;
				const trigDetails = await rest.createWorkflow(huaweiTrigger('huawei trigger with details', 'b0b0b0b0-0000-4000-8000-000000000004', detailsCorp, {}));
				// The same Webhook node with a credential (header auth): n8n checks credential access for
				// every execution of a workflow whose nodes use credentials, as it does for the trigger.
				const headerCred = await rest.createCredential('bench header', 'httpHeaderAuth', { name: 'X-Bench', value: 'bench-header-value' });
				const credBare = await rest.createWorkflow({
					name: 'webhook with credential',
					nodes: [{ id: 'w2', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'b0b0b0b0-0000-4000-8000-000000000003', parameters: { httpMethod: 'POST', path: 'bench-cred', authentication: 'headerAuth', responseMode: 'onReceived', options: {} }, credentials: { httpHeaderAuth: { id: headerCred.id, name: 'bench header' } } }],
					connections: {},
					settings: { executionOrder: 'v1' },
				});
				await rest.setActive(install.line, credBare.id, true);
				await rest.setActive(install.line, bare.id, true);
				await rest.setActive(install.line, trig.id, true);
				await rest.setActive(install.line, trigDetails.id, true);
				const config = await waitFor('the trigger registration', () => sim.activeConfig(corpId), 120_000);
				const detailsConfig = await waitFor('the second trigger registration', () => sim.activeConfig(detailsCorp), 120_000);
				const now = Date.now();
				const meetingInfoOf = (i: number) => ({ meetingID: String(100000000 + i), meetingUUID: createHash('md5').update(String(i)).digest('hex') });
				for (let i = 0; i < 8000; i++) sim.meetings.add({ conferenceID: meetingInfoOf(i).meetingID, confUUID: meetingInfoOf(i).meetingUUID });
				const signedBodies = (c: { subscriberId: string; subscriberKey: string }) =>
					Array.from({ length: 8000 }, (_, i) =>
						signedPush(c.subscriberId, c.subscriberKey, { event: 'meeting.started', timestamp: now, payload: { meetingInfo: meetingInfoOf(i) } }, String(20_000_000 + i), now),
					);
				const bodies = signedBodies(config);
				const detailsBodies = signedBodies(detailsConfig);
				const warmBodyFor = (c: { subscriberId: string; subscriberKey: string }) =>
					signedPush(c.subscriberId, c.subscriberKey, { event: 'meeting.started', timestamp: now, payload: { meetingInfo: { meetingID: '1', meetingUUID: 'warm' } } }, '99999999', now);
				// Publishing is asynchronous in n8n 2.x: wait until a URL answers 200, and warm it up.
				const ready = async (url: string, warmBody: string) =>
					await waitFor(`${url} to answer`, async () => {
						const warm = await autocannon({ url, connections: 2, amount: 40, method: 'POST', headers: { 'content-type': 'application/json', 'x-bench': 'bench-header-value' }, body: warmBody } as never);
						return warm.non2xx === 0 && warm.errors === 0 && warm['2xx'] === 40;
					}, 60_000);
				const load = async (url: string, bodies: string[], warmBody = warmBodyFor(config)) => {
					await ready(url, warmBody);
					let i = 0;
					const r = await autocannon({
						url,
						connections: 10,
						duration: Number(process.env.BENCH_SECONDS ?? 10),
						requests: [{ method: 'POST', headers: { 'content-type': 'application/json', 'x-bench': 'bench-header-value' }, setupRequest: (req: IDataObject) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
					} as never);
					if (i > bodies.length) throw new Error(`More requests (${i}) than distinct bodies: raise the body count`);
					if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url} answered ${r.non2xx} non-2xx responses and ${r.errors} errors`);
					return { rps: r.requests.average, p50: r.latency.p50, non2xx: r.non2xx, errors: r.errors, total: r.requests.total };
				};
				// warm up both, then measure alternately
				// The Webhook node answers at /webhook/<path>; a trigger node at /webhook/<webhookId>/<path>.
				const bareUrl = `${n8n.baseUrl}/webhook/bench`;
				const bareRun = await load(bareUrl, bodies);
				const trigRun = await load(`${n8n.baseUrl}/webhook/b0b0b0b0-0000-4000-8000-000000000002/webhook`, bodies);
				const credRun = await load(`${n8n.baseUrl}/webhook/bench-cred`, bodies);
				const detailCallsBefore = sim.meetings.detailCalls;
				const detailsRun = await load(`${n8n.baseUrl}/webhook/b0b0b0b0-0000-4000-8000-000000000004/webhook`, detailsBodies, warmBodyFor(detailsConfig));
				const detailCalls = sim.meetings.detailCalls - detailCallsBefore;
				const detailsRatio = detailsRun.rps / trigRun.rps;
				const ratio = trigRun.rps / bareRun.rps;
				const credRatio = trigRun.rps / credRun.rps;
				out.push({ setting: label, bareWebhook: bareRun, webhookWithCredential: credRun, huaweiTrigger: trigRun, huaweiTriggerWithDetails: { ...detailsRun, detailCalls }, ratio: +ratio.toFixed(2), ratioToCredentialed: +credRatio.toFixed(2), detailsRatio: +detailsRatio.toFixed(2) });
				rows.push([`b. Same run: Huawei Cloud Meeting Trigger with Resolve Meeting Details on vs off (reply time = p50)`, `${detailsRun.rps.toFixed(1)} vs ${trigRun.rps.toFixed(1)} req/s (p50 ${detailsRun.p50} vs ${trigRun.p50} ms; ${detailCalls} detail calls for ${detailsRun.total} deliveries)`, `${detailsRatio.toFixed(2)}×`, 'info', 'info']);
				rows.push([`b. Real n8n ${install.version} (${label}): Huawei Cloud Meeting Trigger vs bare Webhook node, 10 connections`, `${trigRun.rps.toFixed(1)} vs ${bareRun.rps.toFixed(1)} req/s (p50 ${trigRun.p50} vs ${bareRun.p50} ms)`, `${ratio.toFixed(2)}×`, '≥ 0.9×', ratio >= 0.9 ? 'met' : 'missed']);
				rows.push([`b. Same run: Huawei Cloud Meeting Trigger vs Webhook node with a (header-auth) credential`, `${trigRun.rps.toFixed(1)} vs ${credRun.rps.toFixed(1)} req/s (p50 ${trigRun.p50} vs ${credRun.p50} ms)`, `${credRatio.toFixed(2)}×`, '≥ 0.9×', credRatio >= 0.9 ? 'met' : 'missed']);
				log(`n8n ${label}: trigger ${trigRun.rps} rps vs bare ${bareRun.rps} rps (${ratio.toFixed(2)}) vs credentialed webhook ${credRun.rps} rps (${credRatio.toFixed(2)})`);
			} finally {
				await n8n.stop();
				rmSync(userFolder, { recursive: true, force: true });
			}
		}
	} finally {
		await sim.stop();
	}
	results.realN8n = out;
}

async function main() {
	const started = Date.now();
	await inProcess();
	await authCalls();
	sizes();
	if (process.env.BENCH_SKIP_N8N !== '1') await realN8n();
	results.seconds = Math.round((Date.now() - started) / 1000);
	const table = [
		'| Measure | Figure | Ratio | Target | |',
		'|---|---|---|---|---|',
		...rows.map((r) => `| ${r.join(' | ')} |`),
	].join('\n');
	writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	writeFileSync(join(ROOT, 'bench', 'results.md'), `${table}\n\nMeasured ${results.date} on ${results.machine}, in ${results.seconds} s (\`npm run bench\`).\n`);
	log(`\n${table}\n\nbench took ${results.seconds} s`);
	process.exit(0);
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
	process.exit(1);
});
