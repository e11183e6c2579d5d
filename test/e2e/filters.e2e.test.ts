/**
 * Trigger filters and the recording files in a real n8n 2.x (the package installed as a community
 * package): a delivery filtered out is answered as the provider expects and starts no execution; a
 * matching one starts exactly one; a Huawei record.finish item carries the recording's files, and
 * when their lookup fails, an error field, still as one execution.
 */
import { createHmac } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nInstall, N8nProcess } from '../../tools/real-n8n/host';
import {
	freePort,
	installN8n,
	installPackageInto,
	N8nRest,
	startN8n,
	waitFor,
} from '../../tools/real-n8n/host';
import { signedPush } from '../simulator/huaweiMeeting';
import { post } from '../simulator/server';
import type { TriggerCase } from '../../tools/real-n8n/triggerLoads';
import { createTriggerCases, send, TriggerSimulators } from '../../tools/real-n8n/triggerLoads';

jest.setTimeout(600_000);

const LINES = (process.env.N8N_E2E_LINES ?? '2 1').split(/\s+/).filter(Boolean);
const run = LINES.includes('2') ? describe : describe.skip;
const DOWNLOAD = '/v1/mmc/management/record/downloadurls';

run('trigger filters and recording files in real n8n 2.x', () => {
	let install: N8nInstall;
	let sims: TriggerSimulators;
	let n8n: N8nProcess;
	let rest: N8nRest;
	let userFolder: string;
	let huawei: TriggerCase;
	let rtc: TriggerCase;
	let tencent: TriggerCase;

	beforeAll(async () => {
		install = installN8n(2);
		userFolder = mkdtempSync(join(tmpdir(), 'n8n-filters-'));
		installPackageInto(userFolder);
		sims = await new TriggerSimulators().start();
		n8n = await startN8n(install, { userFolder, port: await freePort() });
		rest = new N8nRest(n8n.baseUrl);
		await rest.login();
		[huawei, rtc, tencent] = await createTriggerCases(
			rest,
			install.line,
			n8n.baseUrl,
			sims,
			'filters',
			['huaweiDetails', 'sparkRtc', 'tencentRoom'],
			{
				huaweiDetails: {
					events: ['*'],
					filters: { hosts: 'Tom' },
					options: { allowHttpUrl: true, includeDownloadLinks: true },
				},
				sparkRtc: { filters: { roomIds: 'room01' } },
				tencentRoom: { filters: { roomIds: 'cx2-000001, cx2-000003' } },
			},
		);
		// n8n 2.x publishes an activated workflow asynchronously: wait until each URL is served (any
		// answer but 404; an empty body is refused and starts nothing).
		for (const c of [huawei, rtc, tencent])
			await waitFor(`${c.label} to be served`, async () => {
				const status = await send(c, { marker: '', body: '{}', headers: {} });
				return status !== 404 && status !== 0;
			});
	}, 900_000);

	afterAll(async () => {
		await n8n?.stop();
		await sims?.stop();
		if (n8n) copyFileSync(n8n.logFile, join(tmpdir(), 'n8n-filters.log'));
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	});

	/** Executions of a workflow once n8n has finished them, with their stored data. */
	async function executionsOf(c: TriggerCase, expected: number) {
		const list = await waitFor(
			`${expected} finished executions of ${c.label}`,
			async () => {
				const all = await rest.executions(c.workflowId);
				return all.length >= expected && all.every((e) => e.status === 'success') ? all : undefined;
			},
			60_000,
		);
		return await Promise.all(
			list.map(async (e) => {
				const full = await rest.request<{ data: string }>('GET', `/rest/executions/${e.id}`);
				return String(full.data);
			}),
		);
	}

	/** A signed Huawei push about `meetingInfo`, as Huawei sends it. */
	function huaweiPush(event: string, meetingInfo: Record<string, string>, nonce: string) {
		const config = sims.meeting.activeConfig(huawei.corpId)!;
		const now = Date.now();
		const body = signedPush(
			config.subscriberId,
			config.subscriberKey,
			{ event, timestamp: now, payload: { meetingInfo } },
			nonce,
			now,
		);
		return { marker: nonce, body, headers: { 'content-type': 'application/json' } };
	}

	it("Huawei: another host's meeting is answered 200 and starts nothing; Tom's starts one; record.finish carries its files", async () => {
		const ann = sims.meeting.meetings.add({ scheduserName: 'Ann', subject: 'Weekly sync' });
		const tom = sims.meeting.meetings.add({ scheduserName: 'Tom', subject: 'Q4 planning 规划 🚀' });
		tom.recordingUrls = [{ fileType: 'Aux', url: 'https://record.example.com/e2e-aux.mp4' }];
		const info = (m: typeof ann) => ({ meetingID: m.conferenceID, meetingUUID: m.confUUID });

		const filtered = await post(
			huawei.url,
			huaweiPush('meeting.started', info(ann), 'e2e-ann-1').body,
			{ 'Content-Type': 'application/json' },
		);
		expect(filtered).toMatchObject({
			status: 200,
			body: { message: "Meeting not selected by this trigger's filters; ignored" },
		});
		expect(await send(huawei, huaweiPush('meeting.started', info(tom), 'e2e-tom-1'))).toBe(200);
		expect(await send(huawei, huaweiPush('record.finish', info(tom), 'e2e-tom-2'))).toBe(200);
		sims.meeting.fault('GET', DOWNLOAD, {
			status: 500,
			body: { error_code: 'MMC.000000500', error_msg: 'system busy' },
		});
		expect(await send(huawei, huaweiPush('record.finish', info(tom), 'e2e-tom-3'))).toBe(200);

		const data = await executionsOf(huawei, 3);
		expect(data).toHaveLength(3);
		expect(data.some((d) => d.includes('e2e-ann-1'))).toBe(false);
		const withFiles = data.find((d) => d.includes('e2e-tom-2'))!;
		expect(withFiles).toContain('https://record.example.com/e2e-aux.mp4');
		expect(withFiles).toContain('recordingFiles');
		const withError = data.find((d) => d.includes('e2e-tom-3'))!;
		expect(withError).toContain('Recording files could not be read');
		expect(withError).toContain('MMC.000000500');
	});

	it('SparkRTC: a recording of another room is answered "ignored" and starts nothing; room01 starts one', async () => {
		const other = rtc.delivery(1);
		const otherRoom = {
			...other,
			body: other.body.replace('"room_id":"room01"', '"room_id":"room09"'),
		};
		// Re-signed: the signature covers the raw body.
		const key = sims.rtc.apps.get('filters-rtc-1')!.auth_key!;
		otherRoom.headers = {
			...other.headers,
			'x-rtc-signature': createHmac('sha256', key)
				.update(
					`${other.headers['x-rtc-rand']}${other.headers['x-rtc-timestamp']}${otherRoom.body}`,
				)
				.digest('hex'),
		};
		const ignored = await post(`${rtc.url}`, otherRoom.body, otherRoom.headers);
		expect(ignored).toMatchObject({ status: 200, body: { status: 1, result: 'ignored' } });
		expect(await send(rtc, rtc.delivery(2))).toBe(200);
		const data = await executionsOf(rtc, 1);
		expect(data).toHaveLength(1);
		expect(data[0]).toContain(rtc.delivery(2).marker);
	});

	it('Tencent: callbacks about other rooms are answered OK and start nothing; listed rooms start one each', async () => {
		for (let i = 1; i <= 4; i++) expect(await send(tencent, tencent.delivery(i))).toBe(200);
		const data = await executionsOf(tencent, 2);
		expect(data).toHaveLength(2);
		expect(data.filter((d) => d.includes('cx2-000001'))).toHaveLength(1);
		expect(data.filter((d) => d.includes('cx2-000003'))).toHaveLength(1);
	});
});
