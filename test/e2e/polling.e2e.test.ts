/**
 * The Huawei Cloud Meeting Polling Trigger in a real n8n (the package installed as a community
 * package), on each line's pin: the activation poll records a baseline and emits nothing for
 * meetings and recordings that already exist; a later poll emits each new event once; after n8n
 * was stopped while meetings moved on, the first poll after the restart (same user folder and
 * database) catches up, and nothing is emitted twice.
 *
 * Poll Times: n8n 2.x refuses a schedule under a minute (a custom cron's seconds field must be one
 * number), so 2.x polls every minute; n8n 1.x only refuses a `*` in the seconds field and accepts
 * "0,10,20,30,40,50 * * * * *" (every 10 s).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'flatted';

import type { N8nInstall, N8nProcess } from '../../tools/real-n8n/host';
import {
	freePort,
	installN8n,
	installPackageInto,
	N8nRest,
	startN8n,
	waitFor,
} from '../../tools/real-n8n/host';
import { HuaweiMeetingSimulator } from '../simulator/huaweiMeeting';

jest.setTimeout(900_000);

const LINES = (process.env.N8N_E2E_LINES ?? '2 1')
	.split(/\s+/)
	.filter(Boolean)
	.map((l) => Number(l) as 1 | 2);
const HISTORY = '/v1/mmc/management/conferences/history';
const NODE = 'Huawei Cloud Meeting Polling Trigger';
const APP_ID = 'polling-app';

interface Item {
	event: string;
	deliveryId: string;
	meetingUuid: string;
	meeting: { subject: string };
}

describe.each(LINES)('Huawei Cloud Meeting Polling Trigger in real n8n %i.x', (line) => {
	let install: N8nInstall;
	let sim: HuaweiMeetingSimulator;
	let n8n: N8nProcess;
	let rest: N8nRest;
	let userFolder: string;
	let workflowId: string;
	const appKey = `polling-${Math.random().toString(36).slice(2)}`;

	const pollTimes =
		line === 1
			? { item: [{ mode: 'custom', cronExpression: '0,10,20,30,40,50 * * * * *' }] }
			: { item: [{ mode: 'everyMinute' }] };
	const start = async () => {
		n8n = await startN8n(install, { userFolder, port: await freePort() });
		rest = new N8nRest(n8n.baseUrl);
		await rest.login();
	};
	/** Polls are counted by their history-list reads (one page each here). */
	const polls = () => sim.requests('GET', HISTORY).length;
	const afterPolls = async (count: number) =>
		await waitFor(`poll ${count}`, () => polls() >= count, 150_000, 500);

	/** Every item of every finished execution of the workflow. */
	async function emitted(): Promise<Item[]> {
		const list = await rest.executions(workflowId);
		const items: Item[] = [];
		for (const e of list) {
			expect(e.status).toBe('success');
			const full = await rest.request<{ data: string }>('GET', `/rest/executions/${e.id}`);
			const data = parse(String(full.data)) as {
				resultData: {
					runData: Record<string, Array<{ data: { main: Array<Array<{ json: Item }>> } }>>;
				};
			};
			for (const run of data.resultData.runData[NODE] ?? [])
				items.push(...run.data.main[0].map((i) => i.json));
		}
		return items;
	}
	const summary = (items: Item[]) => items.map((i) => `${i.event} ${i.meeting.subject}`).sort();

	beforeAll(async () => {
		install = installN8n(line);
		userFolder = mkdtempSync(join(tmpdir(), `n8n-polling-${line}-`));
		installPackageInto(userFolder);
		sim = new HuaweiMeetingSimulator();
		sim.apps.set(APP_ID, { appKey });
		await sim.start();
		await start();
	}, 900_000);

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
		if (n8n) copyFileSync(n8n.logFile, join(tmpdir(), `n8n-polling-${line}.log`));
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	});

	if (line === 2) {
		it('n8n 2.x refuses a Poll Times schedule under a minute', async () => {
			const cred = await rest.createCredential('too often', 'huaweiCloudMeetingApi', {
				authType: 'appId',
				appId: APP_ID,
				appSecret: appKey,
				region: 'custom',
				customBaseUrl: sim.baseUrl,
			});
			const wf = await rest.createWorkflow(
				workflow(cred.id, {
					item: [{ mode: 'custom', cronExpression: '0,10,20,30,40,50 * * * * *' }],
				}),
			);
			const before = polls();
			// n8n 2.41 answers the activation request, then refuses the schedule: it logs why, the REST
			// activation-error endpoint stays empty, and nothing is polled.
			await rest.setActive(line, wf.id, true).catch((error: Error) => error);
			await waitFor(
				"the refusal in n8n's log",
				() =>
					readFileSync(n8n.logFile, 'utf8').includes(
						'The polling interval is too short. It has to be at least a minute.',
					),
				30_000,
			);
			await new Promise((resolve) => setTimeout(resolve, 12_000));
			expect(polls()).toBe(before);
			await rest.setActive(line, wf.id, false).catch(() => undefined);
		});
	}

	it('baseline, each new event once, and catch-up after n8n was stopped', async () => {
		const t = sim.timeline;
		const a = t.schedule('A scheduled before');
		const b = t.running('B running before', 10);
		const c = t.ended('C ended before', 60);
		t.recordingReady(c.conferenceID);
		const cred = await rest.createCredential('polling', 'huaweiCloudMeetingApi', {
			authType: 'appId',
			appId: APP_ID,
			appSecret: appKey,
			region: 'custom',
			customBaseUrl: sim.baseUrl,
		});
		const wf = await rest.createWorkflow(workflow(cred.id, pollTimes));
		workflowId = wf.id;
		const before = polls();
		await rest.setActive(line, workflowId, true);
		await afterPolls(before + 1);

		// Between two polls: one new meeting scheduled, one started, one ended with its recording.
		const d = t.schedule('D scheduled');
		t.start(a.conferenceID);
		t.end(b.conferenceID);
		t.recordingReady(b.conferenceID);
		const firstBatch = [
			'meeting.create D scheduled',
			'meeting.end B running before',
			'meeting.started A scheduled before',
			'record.finish B running before',
		];
		await waitFor('the new events', async () => (await emitted()).length >= 4, 150_000, 2000);
		expect(summary(await emitted())).toEqual(firstBatch);

		// n8n is stopped; meanwhile D runs and ends, E starts and ends, and D's recording is ready.
		await n8n.stop();
		t.start(d.conferenceID, 20);
		t.end(d.conferenceID);
		t.recordingReady(d.conferenceID);
		const e = t.running('E while n8n was down', 15);
		t.end(e.conferenceID);
		const stoppedAt = polls();
		await start();
		const caughtUp = [
			'meeting.end D scheduled',
			'meeting.end E while n8n was down',
			'meeting.started D scheduled',
			'meeting.started E while n8n was down',
			'record.finish D scheduled',
		];
		await waitFor('the catch-up', async () => (await emitted()).length >= 9, 150_000, 2000);
		// One more poll: nothing is emitted twice.
		await afterPolls(polls() + 1);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const all = await emitted();
		expect(summary(all)).toEqual([...firstBatch, ...caughtUp].sort());
		expect(new Set(all.map((i) => i.deliveryId)).size).toBe(all.length);
		expect(polls()).toBeGreaterThan(stoppedAt + 1);
	});
});

function workflow(credentialId: string, pollTimes: Record<string, unknown>) {
	return {
		name: `Huawei polling ${Math.random().toString(36).slice(2, 8)}`,
		nodes: [
			{
				id: 'polling-trigger',
				name: NODE,
				type: 'n8n-nodes-meeting-events.huaweiCloudMeetingPollingTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes, events: ['*'], options: {} },
				credentials: { huaweiCloudMeetingApi: { id: credentialId, name: 'polling' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}
