/**
 * The Huawei Cloud Meeting Trigger's meeting details: which call, what the item says, what is left
 * out, and that the provider never waits for them, a failure never loses the event, a burst makes
 * one call, and refused or duplicate deliveries make none.
 */
import { HuaweiCloudMeetingTrigger } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { meetingDetailCache } from '../../../nodes/HuaweiCloudMeeting/meetingDetails';
import type { TriggerHost } from '../../harness/n8n';
import { activate, hostTrigger } from '../../harness/n8n';
import type { HuaweiMeetingSimulator } from '../../simulator/huaweiMeeting';
import { signedPush } from '../../simulator/huaweiMeeting';
import type { SimMeeting } from '../../simulator/huaweiMeetings';
import { post } from '../../simulator/server';
import { appIdCredential, CORP_ID, startMeetingSimulator } from './setup';

// A new node per test: what its constructor builds (the subscription adapter) is then covered by
// the test that uses it, which is what Stryker's per-test coverage runs against a mutant there.
let trigger: HuaweiCloudMeetingTrigger;
beforeEach(() => (trigger = new HuaweiCloudMeetingTrigger()));
const DETAIL = '/v1/mmc/management/conferences/confDetail';
const HISTORY = '/v1/mmc/management/conferences/history/confDetail';

describe('Huawei Cloud Meeting Trigger: meeting details', () => {
	let sim: HuaweiMeetingSimulator;
	let host: TriggerHost;
	let meeting: SimMeeting;

	beforeEach(async () => {
		meetingDetailCache.clear();
		sim = await startMeetingSimulator();
		meeting = sim.meetings.add({ startTime: '2026-11-25 10:00', endTime: '2026-11-25 11:00' });
	});
	afterEach(async () => {
		await host?.stop();
		await sim.stop();
	});

	async function activated(options: Record<string, unknown> = {}) {
		host = await hostTrigger(trigger, appIdCredential(sim), {
			scope: 'enterprise',
			corpId: CORP_ID,
			events: ['*'],
			options: { allowHttpUrl: true, ...options },
		});
		await activate(trigger, host);
		return host;
	}

	const info = (m: SimMeeting) => ({ meetingID: m.conferenceID, meetingUUID: m.confUUID });
	const detailRequests = () => [...sim.requests('GET', DETAIL), ...sim.requests('GET', HISTORY)];

	async function deliver(
		event: string,
		payload: Record<string, unknown> = { meetingInfo: info(meeting) },
	) {
		const answer = await sim.deliver(event, payload, CORP_ID);
		await host.idle();
		return answer;
	}

	it('meeting.started: the item names the meeting (subject, host, ISO times next to the raw ones, guest link)', async () => {
		await activated();
		expect((await deliver('meeting.started')).status).toBe(200);
		expect(host.emitted).toHaveLength(1);
		const item = host.emitted[0][0];
		expect(item.meeting).toMatchObject({
			id: meeting.conferenceID,
			subject: 'Q4 planning 规划 🚀',
			host: 'Tom',
			startTime: '2026-11-25T10:00:00.000Z',
			endTime: '2026-11-25T11:00:00.000Z',
			startTimeRaw: '2026-11-25 10:00',
			endTimeRaw: '2026-11-25 11:00',
			timeZoneId: '56',
			state: 'Created',
			stateName: 'running',
			mediaTypes: ['Voice', 'Video', 'Data'],
			size: 10,
			autoRecord: false,
			guestJoinUri: meeting.guestJoinUri,
		});
		expect(item).not.toHaveProperty('meetingDetailsError');
		// The keys a person reads first come first.
		expect(Object.keys(item).slice(0, 8)).toEqual([
			'event',
			'eventName',
			'eventTime',
			'eventTimestamp',
			'meetingId',
			'meetingUuid',
			'meetingCycleSubId',
			'meeting',
		]);
		const request = sim.requests('GET', DETAIL)[0];
		expect(request.query.get('conferenceID')).toBe(meeting.conferenceID);
		expect(request.headers['x-access-token']).toBeTruthy();
	});

	it('leaves out the host link and the host password unless asked for', async () => {
		await activated();
		await deliver('meeting.started');
		const text = JSON.stringify(host.emitted[0][0]);
		expect(text).not.toContain(meeting.chairJoinUri);
		expect(text).not.toContain(meeting.passwordEntry[0].password);
		expect(text).toContain(meeting.passwordEntry[1].password);
		expect(host.emitted[0][0].meeting).not.toHaveProperty('chairJoinUri');
	});

	it('with Include Host Link and Password, outputs them', async () => {
		await activated({ includeHostSecrets: true });
		await deliver('meeting.started');
		const m = host.emitted[0][0].meeting as Record<string, unknown>;
		expect(m.chairJoinUri).toBe(meeting.chairJoinUri);
		expect(JSON.stringify(m)).toContain(meeting.passwordEntry[0].password);
	});

	it('ended events read the history by UUID; the other call is the fallback', async () => {
		await activated();
		meeting.conferenceState = 'Destroyed';
		await deliver('meeting.end');
		expect(sim.requests('GET', HISTORY)[0].query.get('confUUID')).toBe(meeting.confUUID);
		expect(sim.requests('GET', DETAIL)).toHaveLength(0);
		expect(host.emitted[0][0].meeting).toMatchObject({
			subject: meeting.subject,
			stateName: 'ended',
		});

		// A meeting.started that arrives after the meeting ended: confDetail finds nothing, history does.
		await deliver('meeting.started', { meetingInfo: info(meeting) });
		expect(sim.requests('GET', DETAIL)).toHaveLength(1);
		expect(sim.requests('GET', HISTORY)).toHaveLength(2);
		expect(host.emitted[1][0].meeting).toMatchObject({ subject: meeting.subject });

		// record.finish goes to the history first too.
		await deliver('record.finish');
		expect(sim.requests('GET', HISTORY)).toHaveLength(3);
		expect(sim.requests('GET', DETAIL)).toHaveLength(1);
	});

	it('the answer waits for the detail call and the stored execution: the item carries the details', async () => {
		await activated({ detailsTimeoutSeconds: 10 });
		sim.fault('GET', DETAIL, { delayMs: 1500 });
		const started = Date.now();
		const answer = await sim.deliver('meeting.started', { meetingInfo: info(meeting) }, CORP_ID);
		const answeredIn = Date.now() - started;
		expect(answer.status).toBe(200);
		expect(answeredIn).toBeGreaterThanOrEqual(1500);
		const detail = sim.requests('GET', DETAIL)[0];
		expect(host.answeredAt.at(-1)!).toBeGreaterThanOrEqual(detail.receivedAt + 1500);
		// Stored (emitted) before the answer went out.
		expect(host.emitted).toHaveLength(1);
		expect(host.emitted[0][0].meeting).toMatchObject({ subject: meeting.subject });
	});

	it('a failing detail call still gives exactly one item, with meeting null and a readable error', async () => {
		await activated();
		sim.fault('GET', DETAIL, {
			status: 500,
			body: { error_code: 'MMC.000000500', error_msg: 'system busy' },
		});
		await deliver('meeting.started');
		expect(host.emitted).toHaveLength(1);
		expect(host.emitted[0]).toHaveLength(1);
		const item = host.emitted[0][0];
		expect(item.meeting).toBeNull();
		expect(item.meetingDetailsError).toBe(
			'Meeting details could not be read: Huawei Cloud Meeting: Get meeting failed (MMC.000000500: system busy)',
		);
		// Not retried (bounded), and no fallback on a server error.
		expect(detailRequests()).toHaveLength(1);
	});

	it('a stalled detail call is given up after the timeout: one item, meeting null', async () => {
		await activated({ detailsTimeoutSeconds: 1 });
		sim.fault('GET', DETAIL, { delayMs: 4000 });
		const started = Date.now();
		expect(
			(await sim.deliver('meeting.started', { meetingInfo: info(meeting) }, CORP_ID)).status,
		).toBe(200);
		await host.idle();
		expect(Date.now() - started).toBeLessThan(3000);
		expect(host.emitted).toHaveLength(1);
		expect(host.emitted[0][0].meeting).toBeNull();
		expect(host.emitted[0][0].meetingDetailsError).toMatch(
			/^Meeting details could not be read: .*(no answer|within 1 s)/,
		);
	});

	it('an unknown meeting: meeting null, the provider error named, both calls tried', async () => {
		await activated();
		await deliver('meeting.started', {
			meetingInfo: { meetingID: '111111111', meetingUUID: 'f'.repeat(32) },
		});
		expect(host.emitted[0][0].meeting).toBeNull();
		expect(host.emitted[0][0].meetingDetailsError).toMatch(/MMC\.111070005/);
		expect(detailRequests()).toHaveLength(2);
	});

	it('ten meeting.join deliveries for one meeting make one detail call', async () => {
		await activated();
		const joins = Array.from({ length: 10 }, (_, i) => ({
			meetingInfo: info(meeting),
			attendeeInfo: {
				userUUID: `u-${i}`,
				displayName: `User ${i}`,
				joinTime: Date.now(),
				leftTime: 0,
			},
		}));
		// Five at once (while the first lookup is under way), then five one after another.
		await Promise.all(
			joins.slice(0, 5).map((payload) => sim.deliver('meeting.join', payload, CORP_ID)),
		);
		for (const payload of joins.slice(5)) await sim.deliver('meeting.join', payload, CORP_ID);
		await host.idle();
		expect(host.emitted).toHaveLength(10);
		expect(
			host.emitted.every(
				([item]) => (item.meeting as { subject: string }).subject === meeting.subject,
			),
		).toBe(true);
		expect(detailRequests()).toHaveLength(1);
	});

	it('a failed lookup is not remembered: the next delivery tries again', async () => {
		await activated();
		sim.fault('GET', DETAIL, { status: 503 });
		await deliver('meeting.join', {
			meetingInfo: info(meeting),
			attendeeInfo: { displayName: 'A' },
		});
		await deliver('meeting.join', {
			meetingInfo: info(meeting),
			attendeeInfo: { displayName: 'B' },
		});
		expect(host.emitted.map(([item]) => item.meeting === null)).toEqual([true, false]);
		expect(detailRequests()).toHaveLength(2);
	});

	it('refused and duplicate deliveries make no detail call', async () => {
		await activated();
		const config = sim.activeConfig(CORP_ID)!;
		const eventInfo = {
			event: 'meeting.started',
			timestamp: Date.now(),
			payload: { meetingInfo: info(meeting) },
		};
		const forged = signedPush(
			config.subscriberId,
			'not-the-key',
			eventInfo,
			'11111111',
			Date.now(),
		);
		expect((await post(host.url, forged)).status).toBe(401);
		const stale = signedPush(
			config.subscriberId,
			config.subscriberKey,
			eventInfo,
			'22222222',
			Date.now() - 26 * 3600_000,
		);
		expect((await post(host.url, stale)).status).toBe(401);
		await host.idle();
		expect(detailRequests()).toHaveLength(0);

		const body = signedPush(
			config.subscriberId,
			config.subscriberKey,
			eventInfo,
			'33333333',
			Date.now(),
		);
		expect((await post(host.url, body)).status).toBe(200);
		await host.idle();
		expect(detailRequests()).toHaveLength(1);
		expect((await post(host.url, body)).body).toEqual({ message: 'Duplicate delivery ignored' });
		await host.idle();
		expect(detailRequests()).toHaveLength(1);
		expect(host.emitted).toHaveLength(1);
	});

	it('with Resolve Meeting Details off, no call is made and the item has no meeting field', async () => {
		await activated({ resolveMeetingDetails: false });
		await deliver('meeting.started');
		expect(detailRequests()).toHaveLength(0);
		expect(host.emitted[0][0]).not.toHaveProperty('meeting');
	});

	it('an event name Huawei adds later still starts an execution under All Events, with details', async () => {
		await activated();
		await deliver('meeting.someNewEvent');
		expect(host.emitted[0][0]).toMatchObject({
			event: 'meeting.someNewEvent',
			eventName: 'meeting.someNewEvent',
			meeting: { subject: meeting.subject },
		});
	});
});
