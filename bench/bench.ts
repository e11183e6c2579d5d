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
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
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
import {
	freePort,
	installN8n,
	installPackageInto,
	N8nRest,
	ROOT,
	startN8n,
	waitFor,
} from '../test/e2e/host';
import { HuaweiMeetingSimulator, signedPush } from '../test/simulator/huaweiMeeting';
import { HuaweiSparkRtcSimulator } from '../test/simulator/huaweiSparkRtc';
import { callbackQuery, TencentRoomSimulator } from '../test/simulator/tencentRoom';
import { startQueueN8n } from '../test/e2e/queue';

const results: IDataObject = {
	date: new Date().toISOString(),
	machine: `${require('node:os').cpus().length} cores, Node ${process.versions.node}`,
};
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

async function inProcess() {
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
		const now = Date.now();
		const bodies = Array.from({ length: N }, (_, i) =>
			Buffer.from(
				signedPush(
					'bench',
					key,
					{
						event: 'meeting.started',
						timestamp: now,
						payload: {
							meetingInfo: {
								meetingID: String(900000000 + i),
								meetingUUID: randomBytes(16).toString('hex'),
							},
						},
					},
					String(10_000_000 + i),
					now,
				),
			),
		);
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
		const ts = String(Math.floor(Date.now() / 1000));
		const bodies = Array.from({ length: N }, (_, i) =>
			Buffer.from(
				JSON.stringify({
					event_type: 'RECORD_FILE_COMPLETE',
					app_id: 'app',
					room_id: 'room01',
					job_id: `job-${i}`,
					download_url: 'https://b.obs.example.com/Record/x.mp4',
					obs_object: 'Record/x.mp4',
					record_duration: 65,
					file_size: 26254952,
					start_time: '2021-04-28T08:56:57Z',
					end_time: '2021-04-28T08:58:02Z',
				}),
			),
		);
		const headers = bodies.map((b, i) => ({
			'x-rtc-rand': String(i),
			'x-rtc-timestamp': ts,
			'x-rtc-signature': hmacHex(key, `${i}${ts}${b.toString()}`),
		}));
		cases.push({
			name: 'Huawei Cloud SparkRTC Trigger',
			key,
			bodies,
			floorData: (i) => `${i}${ts}${bodies[i].toString()}`,
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

async function authCalls() {
	const meeting = new HuaweiMeetingSimulator();
	meeting.apps.set('bench-app', { appKey: 'bench-app-key' });
	await meeting.start();
	const rtc = new HuaweiSparkRtcSimulator();
	rtc.iamUsers.set('bench', { domain: 'acct', password: 'pw' });
	rtc.apps.set('app', {});
	await rtc.start();
	try {
		const meetingStore = new CredentialStore(new HuaweiCloudMeetingApi(), {
			authType: 'appId',
			appId: 'bench-app',
			appSecret: 'bench-app-key',
			region: 'custom',
			customBaseUrl: meeting.baseUrl,
		});
		const rtcStore = new CredentialStore(new HuaweiCloudApi(), {
			authType: 'iam',
			username: 'bench',
			password: 'pw',
			domainName: 'acct',
			projectName: 'cn-north-4',
			rtcEndpoint: rtc.baseUrl,
			iamEndpoint: rtc.baseUrl,
		});
		const t = Date.now();
		for (let i = 0; i < 1000; i++) {
			await runNode(new HuaweiCloudMeeting(), meetingStore, {
				params: { resource: 'eventPush', operation: 'get', scope: 'enterprise', corpId: '1' },
			});
			await runNode(new HuaweiCloudSparkRtc(), rtcStore, {
				params: { resource: 'recordCallback', operation: 'get', appId: 'app' },
			});
		}
		results.authCalls = {
			executions: 1000,
			huaweiMeetingAppAuth: meeting.authCalls,
			huaweiIam: rtc.iamCalls,
			seconds: (Date.now() - t) / 1000,
		};
		rows.push([
			'c. Authentication calls over 1,000 executions (Huawei Meeting App ID / IAM token)',
			`${meeting.authCalls} / ${rtc.iamCalls}`,
			'',
			'1 per token lifetime',
			meeting.authCalls === 1 && rtc.iamCalls === 1 ? 'met' : 'missed',
		]);
		log(`auth calls over 1000 executions: meeting ${meeting.authCalls}, IAM ${rtc.iamCalls}`);
	} finally {
		await meeting.stop();
		await rtc.stop();
	}
}

function sizes() {
	const work = mkdtempSync(join(tmpdir(), 'bench-pack-'));
	try {
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
				cwd: ROOT,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		)[0];
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		const deps = Object.keys(pkg.dependencies ?? {}).length;
		const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((f: string) => join(ROOT, f));
		const time = (script: string) => {
			const out: number[] = [];
			for (let i = 0; i < 7; i++) {
				out.push(
					Number(
						execFileSync(
							process.execPath,
							[
								'-e',
								`const t=process.hrtime.bigint();${script};process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`,
							],
							{ cwd: ROOT, encoding: 'utf8' },
						),
					),
				);
			}
			return median(out);
		};
		const base = time("require('n8n-workflow');require('zod')");
		const all = time(
			`require('n8n-workflow');require('zod');${files.map((f) => `require(${JSON.stringify(f)})`).join(';')}`,
		);
		results.package = {
			packedBytes: packed.size,
			unpackedBytes: packed.unpackedSize,
			files: packed.files.length,
			runtimeDependencies: deps,
			requireMsBaseline: +base.toFixed(1),
			requireMsWithAllNodes: +all.toFixed(1),
		};
		rows.push([
			'd. Packed tarball',
			`${(packed.size / 1024).toFixed(1)} KB (${packed.files.length} files)`,
			'',
			'≤ 150 KB',
			packed.size <= 150 * 1024 ? 'met' : 'missed',
		]);
		rows.push(['d. Runtime dependencies', String(deps), '', '0', deps === 0 ? 'met' : 'missed']);
		rows.push([
			'd. Cold require of all nodes and credentials (n8n-workflow + zod alone)',
			`${(all - base).toFixed(1)} ms on top of ${base.toFixed(1)} ms`,
			`${(all / base).toFixed(2)}×`,
			'',
			'info',
		]);
		log(
			`packed ${packed.size} bytes, deps ${deps}, require ${base.toFixed(1)} → ${all.toFixed(1)} ms`,
		);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

/** Executions n8n recorded for a workflow (its REST API's count); finished ones only when asked. */
async function executionCount(
	rest: N8nRest,
	workflowId: string,
	finishedOnly = false,
): Promise<number> {
	const filter = finishedOnly
		? { workflowId, status: ['success', 'error', 'crashed', 'canceled'] }
		: { workflowId };
	const data = await rest.request<any>(
		'GET',
		`/rest/executions?filter=${encodeURIComponent(JSON.stringify(filter))}&limit=1`,
	);
	return Number(data?.count ?? 0);
}

interface LoadCase {
	label: string;
	url: string;
	/** The i-th distinct request: body, headers and (for Tencent) the query string. */
	request: (i: number) => { body: string; headers: Record<string, string>; query?: string };
	workflowId: string;
	/** Executions each accepted request should give (1; the bare Webhook node too). */
	perRequest: number;
	detailCalls?: () => number;
}

/** autocannon on one URL for BENCH_SECONDS, distinct requests, then the executions n8n recorded. */
async function measure(rest: N8nRest, c: LoadCase) {
	const seconds = Number(process.env.BENCH_SECONDS ?? 10);
	// Publishing is asynchronous in n8n 2.x: wait until the URL accepts a (distinct) request.
	let i = 0;
	const send = async () => {
		const r = c.request(i++);
		const res = await fetch(`${c.url}${r.query ?? ''}`, {
			method: 'POST',
			headers: r.headers,
			body: r.body,
		}).catch((error: Error & { cause?: Error }) => {
			throw new Error(`${error.message}: ${error.cause?.message ?? ''}`);
		});
		await res.arrayBuffer();
		return res.status;
	};
	await waitFor(`${c.label} to answer`, async () => (await send()) === 200, 60_000);
	for (let w = 0; w < 20; w++) await send();
	await waitFor(
		`${c.label}: warm-up executions finished`,
		async () => (await executionCount(rest, c.workflowId)) >= i * c.perRequest,
		60_000,
	);
	const before = await executionCount(rest, c.workflowId, true);
	const detailsBefore = c.detailCalls?.() ?? 0;
	const startIndex = i;
	const started = Date.now();
	const r = await autocannon({
		url: c.url,
		connections: 10,
		duration: seconds,
		requests: [
			{
				method: 'POST',
				setupRequest: (req: IDataObject) => {
					const next = c.request(i++);
					return {
						...req,
						path: `${new URL(c.url).pathname}${next.query ?? ''}`,
						headers: next.headers,
						body: next.body,
					};
				},
			},
		],
	} as never);
	if (r.non2xx > 0 || r.errors > 0)
		throw new Error(`${c.label} answered ${r.non2xx} non-2xx responses and ${r.errors} errors`);
	const accepted = r['2xx'];
	// Every accepted delivery must be a finished execution before a figure counts, and executions/s
	// counts the time until n8n has run all of them (a row that answers first and runs later must not
	// look faster than it is). Requests still in flight when the load stops are executed too:
	// executions lie between the 2xx answers autocannon counted and the requests it sent.
	const expected = before + accepted * c.perRequest;
	const executions =
		(await waitFor(
			`${c.label}: ${accepted} executions finished`,
			async () => {
				const n = await executionCount(rest, c.workflowId, true);
				return n >= expected ? n : undefined;
			},
			180_000,
			100,
		)) - before;
	const drainedMs = Date.now() - started;
	return {
		rps: accepted / seconds,
		eps: executions / (drainedMs / 1000),
		drainedMs,
		p50: r.latency.p50,
		accepted,
		executions,
		sent: i - startIndex,
		detailCalls: c.detailCalls ? c.detailCalls() - detailsBefore : undefined,
	};
}

async function realN8n() {
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

/**
 * e. Queue mode (main + webhook processor + worker, PostgreSQL, Redis; n8n's default engine settings):
 * deliveries/s through the webhook processor, the Huawei Cloud Meeting Trigger (1.1) against the bare
 * Webhook node in the same stack, executions (run by the worker) counted through the main's REST API.
 */
async function queueMode() {
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

async function main() {
	const started = Date.now();
	await inProcess();
	await authCalls();
	sizes();
	if (process.env.BENCH_SKIP_N8N !== '1') await realN8n();
	if (process.env.BENCH_SKIP_N8N !== '1' && process.env.BENCH_SKIP_QUEUE !== '1') await queueMode();
	results.seconds = Math.round((Date.now() - started) / 1000);
	const table = [
		'| Measure | Figure | Ratio | Target | |',
		'|---|---|---|---|---|',
		...rows.map((r) => `| ${r.join(' | ')} |`),
	].join('\n');
	writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	writeFileSync(
		join(ROOT, 'bench', 'results.md'),
		`${table}\n\nMeasured ${results.date} on ${results.machine}, in ${results.seconds} s (\`npm run bench\`).\n`,
	);
	log(`\n${table}\n\nbench took ${results.seconds} s`);
	process.exit(0);
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
	process.exit(1);
});
