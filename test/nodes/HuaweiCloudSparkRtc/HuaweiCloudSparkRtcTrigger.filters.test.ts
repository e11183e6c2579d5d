/**
 * The SparkRTC trigger's Room IDs filter, and the job-ended event under the strictest reading of
 * SparkRTC's undocumented subscription (the simulator filters deliveries by a stored list, and the
 * job-ended event has no value in it): over real HTTP against the simulator.
 */
import { HuaweiCloudSparkRtcTrigger } from '../../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import type { TriggerHost } from '../../harness/n8n';
import { activate, hostTrigger } from '../../harness/n8n';
import type { HuaweiSparkRtcSimulator } from '../../simulator/huaweiSparkRtc';
import { akSkCredential, APP_ID, FILE_COMPLETE, startRtcSimulator } from './setup';

const PATH = `/v2/apps/${APP_ID}/record-callback`;
const JOB_ENDED = {
	event_type: 'CLOUD_RECORD_SERVER_OVER',
	app_id: APP_ID,
	room_id: 'room01',
	job_id: '6081aaaa',
	end_time: '2021-04-28T09:00:00Z',
};

let trigger: HuaweiCloudSparkRtcTrigger;
let sim: HuaweiSparkRtcSimulator;
let host: TriggerHost | undefined;
beforeEach(async () => {
	trigger = new HuaweiCloudSparkRtcTrigger();
	sim = await startRtcSimulator();
});
afterEach(async () => {
	await host?.stop();
	host = undefined;
	await sim.stop();
});

async function activated(params: Record<string, unknown>) {
	host = await hostTrigger(trigger, akSkCredential(sim), {
		appId: APP_ID,
		options: {},
		...params,
	});
	await activate(trigger, host);
	return host;
}
const put = () => sim.requests('PUT', PATH).at(-1)!.json as Record<string, unknown>;

it('Room IDs: another room is answered as usual ("ignored") and starts nothing; a listed room starts one', async () => {
	await activated({ events: ['*'], filters: { roomIds: 'room02, room01' } });
	const elsewhere = await sim.deliver(APP_ID, {
		...FILE_COMPLETE,
		room_id: 'room09',
		job_id: 'j9',
	});
	expect(elsewhere).toMatchObject({ status: 200, body: { status: 1, result: 'ignored' } });
	const noRoom = { ...FILE_COMPLETE, job_id: 'j0' } as Record<string, unknown>;
	delete noRoom.room_id;
	expect((await sim.deliver(APP_ID, noRoom)).body).toEqual({ status: 1, result: 'ignored' });
	await host!.idle();
	expect(host!.emitted).toHaveLength(0);
	expect((await sim.deliver(APP_ID, FILE_COMPLETE)).body).toEqual({ status: 1, result: 'success' });
	await host!.idle();
	expect(host!.emitted).toHaveLength(1);
	expect(host!.emitted[0][0]).toMatchObject({ roomId: 'room01' });
});

it.each([
	[['CLOUD_RECORD_SERVER_OVER']],
	[['*']],
	[['RECORD_FILE_COMPLETE', 'CLOUD_RECORD_SERVER_OVER']],
])(
	'job ended selected (%j): registered without a subscription list, so the job-ended event arrives',
	async (events) => {
		await activated({ events });
		expect(put()).not.toHaveProperty('notify_event_subscription');
		const answer = await sim.deliver(APP_ID, JOB_ENDED);
		expect(answer).toMatchObject({ status: 200, body: { status: 1, result: 'success' } });
		await host!.idle();
		expect(host!.emitted).toHaveLength(1);
		expect(host!.emitted[0][0]).toMatchObject({
			eventType: 'CLOUD_RECORD_SERVER_OVER',
			eventName: 'Cloud Recording Job Ended',
		});
	},
);

it('only file events selected: the list is sent, and under the strict reading SparkRTC sends nothing else', async () => {
	await activated({ events: ['RECORD_FILE_COMPLETE'] });
	expect(put().notify_event_subscription).toEqual(['RECORD_FILE_COMPLETE']);
	expect(await sim.deliver(APP_ID, JOB_ENDED)).toMatchObject({ skipped: true });
	expect((await sim.deliver(APP_ID, FILE_COMPLETE)).status).toBe(200);
	await host!.idle();
	expect(host!.emitted).toHaveLength(1);
});

it('CLOUD_RECORD_OVER (one documentation example) is read as the job-ended event', async () => {
	await activated({ events: ['CLOUD_RECORD_SERVER_OVER'] });
	await sim.deliver(APP_ID, { ...JOB_ENDED, event_type: 'CLOUD_RECORD_OVER' });
	await host!.idle();
	expect(host!.emitted).toHaveLength(1);
	expect(host!.emitted[0][0]).toMatchObject({
		eventType: 'CLOUD_RECORD_OVER',
		eventName: 'Cloud Recording Job Ended',
	});
});
