/**
 * The Huawei Cloud Meeting Trigger's Filters (meeting IDs, hosts, subject) and Include Download
 * Links, over real HTTP against the simulator: a delivery filtered out is answered 200 as usual and
 * starts nothing; a matching one starts exactly one execution; record.finish carries its files, or
 * says why not, and is still one item.
 */
import { HuaweiCloudMeetingTrigger } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { meetingDetailCache } from '../../../nodes/HuaweiCloudMeeting/meetingDetails';
import type { TriggerHost } from '../../harness/n8n';
import { activate, hostTrigger } from '../../harness/n8n';
import type { HuaweiMeetingSimulator } from '../../simulator/huaweiMeeting';
import { signedPush } from '../../simulator/huaweiMeeting';
import { post } from '../../simulator/server';
import type { SimMeeting } from '../../simulator/huaweiMeetings';
import { appIdCredential, CORP_ID, startMeetingSimulator } from './setup';

const DETAIL = '/v1/mmc/management/conferences/confDetail';
const DOWNLOAD = '/v1/mmc/management/record/downloadurls';
const FILTERED = { message: "Meeting not selected by this trigger's filters; ignored" };

let trigger: HuaweiCloudMeetingTrigger;
let sim: HuaweiMeetingSimulator;
let host: TriggerHost | undefined;
let planning: SimMeeting;
let other: SimMeeting;

beforeEach(async () => {
	trigger = new HuaweiCloudMeetingTrigger();
	meetingDetailCache.clear();
	sim = await startMeetingSimulator();
	planning = sim.meetings.add({ subject: 'Q4 planning 规划 🚀', scheduserName: 'Tom' });
	other = sim.meetings.add({ subject: 'Weekly sync ☕', scheduserName: 'Ann' });
});
afterEach(async () => {
	await host?.stop();
	host = undefined;
	await sim.stop();
});

async function activated(filters: Record<string, unknown>, options: Record<string, unknown> = {}) {
	host = await hostTrigger(trigger, appIdCredential(sim), {
		scope: 'enterprise',
		corpId: CORP_ID,
		events: ['*'],
		filters,
		options: { allowHttpUrl: true, ...options },
	});
	await activate(trigger, host);
	return host;
}

const info = (m: SimMeeting) => ({ meetingID: m.conferenceID, meetingUUID: m.confUUID });

async function deliver(m: SimMeeting, event = 'meeting.started') {
	const answer = await sim.deliver(event, { meetingInfo: info(m) }, CORP_ID);
	await host!.idle();
	return answer;
}

describe('Filters', () => {
	it('Meeting IDs: another meeting is answered 200 and starts nothing, before any lookup; a listed ID or UUID starts one', async () => {
		await activated({ meetingIds: ` ${planning.conferenceID},\n123 ` });
		const skipped = await deliver(other);
		expect(skipped).toMatchObject({ status: 200, body: FILTERED });
		expect(host!.emitted).toHaveLength(0);
		expect(sim.requests('GET', DETAIL)).toHaveLength(0);

		expect((await deliver(planning)).status).toBe(200);
		expect(host!.emitted).toHaveLength(1);
		expect(host!.emitted[0][0]).toMatchObject({ meetingId: planning.conferenceID });
	});

	it('Meeting IDs: a UUID selects the meeting too', async () => {
		await activated({ meetingIds: other.confUUID });
		await deliver(planning);
		await deliver(other);
		expect(host!.emitted.map((items) => items[0].meetingUuid)).toEqual([other.confUUID]);
	});

	it("Hosts: the host's name, not case-sensitive; another host's meeting starts nothing", async () => {
		await activated({ hosts: 'tom, someone else' });
		expect(await deliver(other)).toMatchObject({ status: 200, body: FILTERED });
		expect(host!.emitted).toHaveLength(0);
		expect((await deliver(planning)).status).toBe(200);
		expect(host!.emitted).toHaveLength(1);
		expect(host!.emitted[0][0].meeting).toMatchObject({ host: 'Tom' });
	});

	it("Hosts: the host's user UUID selects too", async () => {
		await activated({ hosts: other.userUUID.toUpperCase() });
		await deliver(planning);
		await deliver(other);
		expect(host!.emitted.map((items) => items[0].meetingId)).toEqual([other.conferenceID]);
	});

	it('Subject Contains: text anywhere in the subject, not case-sensitive', async () => {
		await activated({ subjectContains: ' PLANNING 规划 ' });
		expect(await deliver(other)).toMatchObject({ status: 200, body: FILTERED });
		await deliver(planning);
		expect(host!.emitted).toHaveLength(1);
		expect(host!.emitted[0][0].meeting).toMatchObject({ subject: 'Q4 planning 规划 🚀' });
	});

	it('Hosts and subject together: both must match', async () => {
		await activated({ hosts: 'Ann', subjectContains: 'planning' });
		await deliver(planning);
		await deliver(other);
		expect(host!.emitted).toHaveLength(0);
		// After the meeting.verify handshake of the activation:
		expect(host!.responses.slice(1).map((r) => r.body)).toEqual([FILTERED, FILTERED]);
	});

	it('a meeting whose details cannot be read passes the host and subject filters (the event is not dropped)', async () => {
		await activated({ hosts: 'Ann', subjectContains: 'sync' });
		sim.fault('GET', DETAIL, { status: 500, body: { error_code: 'MMC.000000500' } });
		await deliver(planning);
		expect(host!.emitted).toHaveLength(1);
		expect(host!.emitted[0][0]).toMatchObject({ meeting: null });
		expect(host!.emitted[0][0].meetingDetailsError).toMatch(/^Meeting details could not be read/);
	});

	it('a retry of a delivery that was filtered out is answered as a duplicate and starts nothing', async () => {
		await activated({ hosts: 'Ann' });
		const { subscriberId, subscriberKey } = sim.activeConfig(CORP_ID)!;
		const now = Date.now();
		const eventInfo = {
			event: 'meeting.started',
			timestamp: now,
			payload: { meetingInfo: info(planning) },
		};
		const body = signedPush(subscriberId, subscriberKey, eventInfo, '424242', now);
		const headers = { 'Content-Type': 'application/json' };
		expect(await post(host!.url, body, headers)).toMatchObject({ status: 200, body: FILTERED });
		expect(await post(host!.url, body, headers)).toMatchObject({
			status: 200,
			body: { message: 'Duplicate delivery ignored' },
		});
		await host!.idle();
		expect(host!.emitted).toHaveLength(0);
		expect(sim.requests('GET', DETAIL)).toHaveLength(1);
	});

	it('activation fails with what to fix when Hosts or Subject Contains is set and the details are off', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), {
			scope: 'enterprise',
			corpId: CORP_ID,
			events: ['*'],
			filters: { subjectContains: 'planning' },
			options: { allowHttpUrl: true, resolveMeetingDetails: false },
		});
		await expect(activate(trigger, host)).rejects.toMatchObject({
			message: 'The Hosts and Subject Contains filters need the meeting details',
			description: 'Turn on Resolve Meeting Details, or filter by Meeting IDs only.',
		});
		expect(sim.activeConfig(CORP_ID)).toBeUndefined();
	});

	it('activation fails the same way with Hosts alone and the details off', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), {
			scope: 'enterprise',
			corpId: CORP_ID,
			events: ['*'],
			filters: { hosts: 'Tom' },
			options: { allowHttpUrl: true, resolveMeetingDetails: false },
		});
		await expect(activate(trigger, host)).rejects.toMatchObject({
			message: 'The Hosts and Subject Contains filters need the meeting details',
		});
		expect(sim.activeConfig(CORP_ID)).toBeUndefined();
	});

	it('with the details off, Meeting IDs still filters and no lookup is made', async () => {
		await activated({ meetingIds: planning.conferenceID }, { resolveMeetingDetails: false });
		await deliver(other);
		await deliver(planning);
		expect(host!.emitted.map((items) => items[0].meetingId)).toEqual([planning.conferenceID]);
		expect(sim.requests('GET', DETAIL)).toHaveLength(0);
	});
});

describe('Include Download Links (record.finish)', () => {
	beforeEach(() => {
		planning.conferenceState = 'Destroyed';
		planning.recordingUrls = [
			{ fileType: 'Aux', url: 'https://record.example.com/aux.mp4' },
			{ fileType: 'Speaker', url: 'https://record.example.com/speaker.mp4' },
		];
	});

	it("adds the recording's files (type, URL, token) to the one item", async () => {
		await activated({}, { includeDownloadLinks: true });
		await deliver(planning, 'record.finish');
		expect(host!.emitted).toHaveLength(1);
		const item = host!.emitted[0][0];
		expect(item.recordingFiles).toEqual([
			{ fileType: 'Aux', url: 'https://record.example.com/aux.mp4', token: expect.any(String) },
			{
				fileType: 'Speaker',
				url: 'https://record.example.com/speaker.mp4',
				token: expect.any(String),
			},
		]);
		expect(item).not.toHaveProperty('recordingFilesError');
		const [request] = sim.requests('GET', DOWNLOAD);
		expect(request.query.get('confUUID')).toBe(planning.confUUID);
	});

	it('a failed lookup gives the one item with recordingFiles null and why', async () => {
		await activated({}, { includeDownloadLinks: true });
		sim.fault('GET', DOWNLOAD, {
			status: 500,
			body: { error_code: 'MMC.000000500', error_msg: 'system busy' },
		});
		await deliver(planning, 'record.finish');
		expect(host!.emitted).toHaveLength(1);
		expect(host!.emitted[0][0]).toMatchObject({
			event: 'record.finish',
			recordingFiles: null,
			recordingFilesError:
				'Recording files could not be read: Huawei Cloud Meeting: Get recording download links failed (MMC.000000500: system busy)',
		});
		// Bounded: not retried.
		expect(sim.requests('GET', DOWNLOAD)).toHaveLength(1);
	});

	it('a stalled lookup is given up after the time-out: one item, recordingFiles null', async () => {
		await activated({}, { includeDownloadLinks: true, detailsTimeoutSeconds: 1 });
		sim.fault('GET', DOWNLOAD, { delayMs: 4000 });
		const started = Date.now();
		await deliver(planning, 'record.finish');
		expect(Date.now() - started).toBeLessThan(3500);
		expect(host!.emitted).toHaveLength(1);
		expect(host!.emitted[0][0].recordingFiles).toBeNull();
	});

	it('off by default', async () => {
		await activated({});
		await deliver(planning, 'record.finish');
		expect(host!.emitted[0][0]).not.toHaveProperty('recordingFiles');
		expect(sim.requests('GET', DOWNLOAD)).toHaveLength(0);
	});

	it('only for record.finish', async () => {
		await activated({}, { includeDownloadLinks: true, resolveMeetingDetails: false });
		await deliver(other, 'meeting.started');
		expect(host!.emitted[0][0]).not.toHaveProperty('recordingFiles');
		expect(sim.requests('GET', DOWNLOAD)).toHaveLength(0);
	});
});
