/**
 * The Huawei Cloud Meeting Polling Trigger in n8n-core's PollContext, against the simulator's
 * meeting, history and recording lists over real HTTP: the baseline, once per meeting and event,
 * identity by ID, catch-up after missed polls within the horizon, the bounded state, paging and
 * its cap, the calls per poll, Fetch Test Event, and Huawei's errors as NodeApiError.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { HuaweiCloudMeetingPollingTrigger } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingPollingTrigger.node';
import { POLL_LIMITS } from '../../../nodes/HuaweiCloudMeeting/polling';
import { pollDeliveryId } from '../../../nodes/HuaweiCloudMeeting/pollingItems';
import { MAX_SEEN_PER_EVENT } from '../../../nodes/HuaweiCloudMeeting/pollingState';
import type { CredentialStore } from '../../harness/n8n';
import type { PollHost } from '../../harness/poll';
import { hostPoll } from '../../harness/poll';
import type { HuaweiMeetingSimulator } from '../../simulator/huaweiMeeting';
import { APP_ID, APP_KEY, appIdCredential, startMeetingSimulator } from './setup';
import { appIdAuthRequest } from '../../../nodes/HuaweiCloudMeeting/auth';

/** A token from the simulator, fetched as the credential fetches it. */
async function appIdToken(sim: HuaweiMeetingSimulator): Promise<IDataObject> {
	const { authorization, body } = appIdAuthRequest({
		appId: APP_ID,
		appKey: APP_KEY,
		expireTime: 0,
		nonce: 'n'.repeat(40),
	});
	const res = await fetch(`${sim.baseUrl}/v2/usg/acs/auth/appauth`, {
		method: 'POST',
		headers: { Authorization: authorization, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return (await res.json()) as IDataObject;
}

const node = new HuaweiCloudMeetingPollingTrigger();
const C = '/v1/mmc/management/conferences';
const HISTORY = `${C}/history`;
const RECORDINGS = '/v1/mmc/management/record/files';
const ALL = ['meeting.create', 'meeting.started', 'meeting.end', 'record.finish'];
const HOUR = 3600_000;

describe('Huawei Cloud Meeting Polling Trigger', () => {
	let sim: HuaweiMeetingSimulator;
	let store: CredentialStore;
	beforeEach(async () => {
		sim = await startMeetingSimulator();
		store = appIdCredential(sim);
	});
	afterEach(async () => await sim.stop());

	const host = (events = ALL, options: IDataObject = {}) =>
		hostPoll(node, store, { events, options });
	const listCalls = () =>
		sim.log.filter((r) => [C, HISTORY, RECORDINGS].includes(r.path) && r.method === 'GET');
	const summary = (items: IDataObject[]) =>
		items.map((i) => `${String(i.event)} ${String((i.meeting as IDataObject).subject)}`);
	const state = (h: PollHost) => h.staticData.polling as IDataObject;

	it('the first poll records a baseline and emits nothing; later polls emit what is new, once', async () => {
		const t = sim.timeline;
		const a = t.schedule('A scheduled before');
		const b = t.running('B running before');
		const c = t.ended('C ended before');
		t.recordingReady(c.conferenceID);
		const h = host();
		expect(await h.poll()).toEqual([]);
		expect(state(h).lists).toEqual(['meetings', 'history', 'recordings']);

		const d = t.schedule('D scheduled');
		t.start(a.conferenceID);
		t.end(b.conferenceID);
		t.recordingReady(b.conferenceID);
		const second = await h.poll();
		expect(summary(second).sort()).toEqual([
			'meeting.create D scheduled',
			'meeting.end B running before',
			'meeting.started A scheduled before',
			'record.finish B running before',
		]);
		expect(await h.poll()).toEqual([]);

		// D starts and ends between two polls: Started (from the history list), Ended, Recording.
		t.start(d.conferenceID, 20);
		t.end(d.conferenceID);
		t.recordingReady(d.conferenceID);
		expect(summary(await h.poll())).toEqual([
			'meeting.started D scheduled',
			'meeting.end D scheduled',
			'record.finish D scheduled',
		]);
		expect(await h.poll()).toEqual([]);
		expect(h.emitted).toHaveLength(7);
	});

	it('items: the webhook trigger names, ISO times, deliveryId stable per meeting and event', async () => {
		const h = host(ALL, { includeDownloadLinks: true });
		await h.poll();
		const m = sim.timeline.running('Q4 planning 规划 🚀', 30);
		sim.timeline.end(m.conferenceID);
		sim.timeline.recordingReady(m.conferenceID);
		const items = await h.poll();
		const ended = items.find((i) => i.event === 'meeting.end')!;
		expect(ended).toMatchObject({
			event: 'meeting.end',
			eventName: 'Meeting Ended',
			meetingId: m.conferenceID,
			meetingUuid: m.confUUID,
			source: 'polling',
			meeting: {
				id: m.conferenceID,
				uuid: m.confUUID,
				subject: 'Q4 planning 规划 🚀',
				host: 'Tom',
				state: 'Destroyed',
				stateName: 'ended',
				startTime: `${m.startTime.replace(' ', 'T')}:00.000Z`,
			},
		});
		expect(ended.eventTime).toBe(`${m.endTime.replace(' ', 'T')}:00.000Z`);
		expect(ended.deliveryId).toBe(
			pollDeliveryId({ event: 'meeting.end', key: m.confUUID } as never),
		);
		expect(JSON.stringify(items)).not.toContain(m.chairJoinUri);
		const recording = items.find((i) => i.event === 'record.finish')!;
		expect(recording).toMatchObject({
			eventName: 'Recording Ready',
			meeting: { subject: 'Q4 planning 规划 🚀', state: 'Destroyed' },
			recording: { confUUID: m.confUUID, durationSeconds: 3540, sizeMb: 120 },
		});
		expect((recording.recordingFiles as IDataObject[]).map((f) => f.url)).toEqual(
			m.recordingUrls.map((u) => u.url),
		);
		expect(sim.requests('GET', '/v1/mmc/management/record/downloadurls')).toHaveLength(1);
	});

	it('identity is the ID: same times are different meetings; a changed time is the same one', async () => {
		const h = host(['meeting.create']);
		const first = sim.timeline.schedule('Twin 1', 30);
		await h.poll();
		sim.timeline.schedule('Twin 2', 30, { startTime: first.startTime, endTime: first.endTime });
		sim.timeline.schedule('Twin 3', 30, { startTime: first.startTime, endTime: first.endTime });
		expect(summary(await h.poll()).sort()).toEqual([
			'meeting.create Twin 2',
			'meeting.create Twin 3',
		]);
		first.startTime = '2030-01-01 10:00';
		first.subject = 'Twin 1 moved';
		expect(await h.poll()).toEqual([]);
	});

	it('a running meeting listed without its UUID is not started twice when it ends', async () => {
		const h = host(['meeting.started', 'meeting.end']);
		await h.poll();
		const m = sim.timeline.running('No UUID while running', 10);
		const uuid = m.confUUID;
		m.confUUID = '';
		expect(summary(await h.poll())).toEqual(['meeting.started No UUID while running']);
		m.confUUID = uuid;
		sim.timeline.end(m.conferenceID);
		expect(summary(await h.poll())).toEqual(['meeting.end No UUID while running']);
	});

	it('only the selected events are emitted; the other lists are not read', async () => {
		const h = host(['meeting.end']);
		await h.poll();
		sim.timeline.schedule('Later');
		const m = sim.timeline.running('Short', 10);
		sim.timeline.end(m.conferenceID);
		expect(summary(await h.poll())).toEqual(['meeting.end Short']);
		expect(new Set(listCalls().map((r) => r.path))).toEqual(new Set([HISTORY]));
	});

	it('reads the documented parameters: time range in ms, offset/limit, sortType, queryAll', async () => {
		const h = host(ALL, { queryAll: false });
		const before = Date.now();
		await h.poll();
		const q = (path: string) => Object.fromEntries(sim.requests('GET', path)[0].query);
		expect(q(C)).toEqual({ queryAll: 'false', queryConfMode: 'ALL', offset: '0', limit: '500' });
		const history = q(HISTORY);
		expect(history).toMatchObject({
			queryAll: 'false',
			sortType: 'DSC_StartTIME',
			offset: '0',
			limit: '500',
		});
		expect(Number(history.endDate) - Number(history.startDate)).toBe(POLL_LIMITS.lookbackMs);
		expect(Number(history.endDate)).toBeGreaterThanOrEqual(before);
		expect(q(RECORDINGS)).toMatchObject({ sortType: 'DSC_StartTIME', offset: '0', limit: '100' });
	});

	it('catches up after missed polls: from the last successful poll minus the look-back', async () => {
		const h = host(['meeting.started', 'meeting.end']);
		await h.poll();
		// n8n was down for 3 hours: a meeting started and ended in that time.
		state(h).lastPollAt = Date.now() - 3 * HOUR;
		const m = sim.timeline.running('While n8n was down', 150);
		sim.timeline.end(m.conferenceID);
		expect(summary(await h.poll())).toEqual([
			'meeting.started While n8n was down',
			'meeting.end While n8n was down',
		]);
		const windows = sim.requests('GET', HISTORY).map((r) => Number(r.query.get('startDate')));
		expect(windows[1]).toBeLessThanOrEqual(Date.now() - 3 * HOUR - POLL_LIMITS.lookbackMs + 1000);
	});

	it('catches up no further back than the 7-day horizon', async () => {
		const h = host(['meeting.end']);
		await h.poll();
		state(h).lastPollAt = Date.now() - 30 * 24 * HOUR;
		sim.timeline.ended('Eight days ago', 8 * 24 * 60);
		sim.timeline.ended('Six days ago', 6 * 24 * 60);
		expect(summary(await h.poll())).toEqual(['meeting.end Six days ago']);
		const from = Number(sim.requests('GET', HISTORY)[1].query.get('startDate'));
		expect(Date.now() - from).toBeLessThanOrEqual(POLL_LIMITS.horizonMs + 1000);
	});

	it('a failed poll changes nothing: the next poll emits what it would have', async () => {
		const h = host(['meeting.end']);
		await h.poll();
		const before = JSON.stringify(h.staticData);
		const m = sim.timeline.running('Ends during an outage', 10);
		sim.timeline.end(m.conferenceID);
		sim.fault('GET', HISTORY, {
			status: 400,
			body: { error_code: 'MMC.111000001', error_msg: 'startDate is invalid' },
		});
		const error = (await h.poll().catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(
			/Get ended meetings failed \(MMC\.111000001: startDate is invalid\)/,
		);
		expect(error.httpCode).toBe('400');
		expect(JSON.stringify(h.staticData)).toBe(before);
		expect(summary(await h.poll())).toEqual(['meeting.end Ends during an outage']);
	});

	it("maps a refused token to NodeApiError with Huawei's code and the credential hint", async () => {
		const h = host(['meeting.create']);
		sim.fault('GET', C, {
			status: 401,
			body: { error_code: 'USG.000000004', error_msg: 'token invalid' },
			times: 5,
		});
		const error = (await h.poll().catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/USG\.000000004/);
		expect(error.description).toMatch(/credential/);
		expect(h.staticData.polling).toBeUndefined();
	});

	it('pages through every page, and stops at the page cap', async () => {
		const h = host(['meeting.end']);
		await h.poll();
		for (let i = 0; i < 1200; i++) sim.timeline.ended(`Ended ${i}`, 60);
		const before = sim.requests('GET', HISTORY).length;
		const items = await h.poll();
		expect(items).toHaveLength(1200);
		expect(new Set(items.map((i) => i.meetingUuid)).size).toBe(1200);
		const pages = sim.requests('GET', HISTORY).slice(before);
		expect(pages.map((r) => r.query.get('offset'))).toEqual(['0', '500', '1000']);
		expect(await h.poll()).toEqual([]);

		for (let i = 0; i < 1000; i++) sim.timeline.ended(`More ${i}`, 30);
		const at = sim.requests('GET', HISTORY).length;
		const capped = await h.poll();
		expect(sim.requests('GET', HISTORY).length - at).toBe(POLL_LIMITS.maxPagesPerList);
		// Newest first (DSC_StartTIME): the 1,000 newer meetings are all in the first 4 pages.
		expect(capped).toHaveLength(1000);
	});

	it('makes one call per list and page: 3 calls per poll for all events on small lists', async () => {
		const h = host();
		sim.timeline.running('Busy', 10);
		await h.poll();
		const before = listCalls().length;
		await h.poll();
		expect(listCalls().length - before).toBe(3);
		expect(sim.authCalls).toBe(1);
	});

	it(`keeps at most ${MAX_SEEN_PER_EVENT} IDs per event, keeping the ones still listed`, async () => {
		const h = host(['meeting.create']);
		const listed = sim.timeline.schedule('Still listed');
		await h.poll();
		const seen = (state(h).seen as Record<string, string[]>)['meeting.create'];
		seen.push(...Array.from({ length: MAX_SEEN_PER_EVENT + 10 }, (_, i) => `old-${i}`));
		sim.timeline.schedule('New one');
		expect(summary(await h.poll())).toEqual(['meeting.create New one']);
		const after = (state(h).seen as Record<string, string[]>)['meeting.create'];
		expect(after).toHaveLength(MAX_SEEN_PER_EVENT);
		expect(after).toContain(listed.conferenceID);
		expect(after).not.toContain('old-0');
		expect(JSON.stringify(h.staticData).length).toBeLessThan(MAX_SEEN_PER_EVENT * 4 * 40);
	});

	it('the simulator refuses what Huawei documents as invalid, with its error body', async () => {
		const token = String((await appIdToken(sim)).accessToken);
		const get = async (path: string, query: string) => {
			const res = await fetch(`${sim.baseUrl}${path}?${query}`, {
				headers: { 'X-Access-Token': token },
			});
			return { status: res.status, body: (await res.json()) as IDataObject };
		};
		const now = Date.now();
		for (const [path, query] of [
			[HISTORY, 'offset=0&limit=20'],
			[HISTORY, `startDate=${now}&endDate=${now - 1}`],
			[HISTORY, `startDate=${now - HOUR}&endDate=${now}&limit=501`],
			[HISTORY, `startDate=${now - HOUR}&endDate=${now}&sortType=NEWEST`],
			[RECORDINGS, `startDate=${now}&endDate=${now - 1}`],
			[C, 'sortType=NEWEST'],
		]) {
			const answer = await get(path, query);
			expect(answer).toEqual({
				status: 400,
				body: { error_code: 'MMC.111000001', error_msg: expect.any(String) },
			});
		}
		expect((await get(HISTORY, `startDate=${now - HOUR}&endDate=${now}`)).status).toBe(200);
	});

	describe('Fetch Test Event', () => {
		it('returns the newest matching event even if already emitted, and leaves the state', async () => {
			const h = host(['meeting.end']);
			sim.timeline.ended('Older', 300);
			const newest = sim.timeline.ended('Newest', 90);
			sim.timeline.schedule('Not selected');
			await h.poll();
			const before = JSON.stringify(h.staticData);
			const items = await h.poll('manual');
			expect(summary(items)).toEqual(['meeting.end Newest']);
			expect(items[0].meetingUuid).toBe(newest.confUUID);
			expect(JSON.stringify(h.staticData)).toBe(before);
			expect(h.emitted).toEqual([]);
		});

		it('throws a clear NodeOperationError when there is nothing to show', async () => {
			const h = host(['record.finish']);
			sim.timeline.ended('Not recorded', 90);
			const error = (await h.poll('manual').catch((e: unknown) => e)) as NodeOperationError;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe('No matching Huawei Cloud Meeting event found');
			expect(error.description).toMatch(/Recording Ready in the last 7 days/);
		});
	});
});
