import type { INodePropertyOptions } from 'n8n-workflow';
import { WebSocket as WsWebSocket } from 'ws';

import { HuaweiCloudMeetingConferenceTrigger } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingConferenceTrigger.node';
import { captured, runTrigger } from '../../harness/n8n';
import {
	basicInfo,
	HuaweiConferenceSimulator,
	netConditionEntry,
} from '../../simulator/huaweiConference';
import type { HuaweiMeetingSimulator } from '../../simulator/huaweiMeeting';
import { appIdCredential, startMeetingSimulator } from './setup';

const trigger = new HuaweiCloudMeetingConferenceTrigger();
const CONF = '900487914';
const HOST_PASSWORD = `host-${Math.random().toString(36).slice(2)}`;
const g = globalThis as unknown as { WebSocket?: unknown };

async function until<T>(what: string, check: () => T, ms = 10_000): Promise<NonNullable<T>> {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = check();
		if (value) return value as NonNullable<T>;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('Huawei Cloud Meeting Conference Trigger', () => {
	let sim: HuaweiMeetingSimulator;
	let conference: HuaweiConferenceSimulator;
	beforeAll(() => {
		// Node 20 (this test runner) has no global WebSocket; n8n 2.x's Node 24 has one. Use ws's, same API.
		g.WebSocket = WsWebSocket;
	});
	afterAll(() => {
		delete g.WebSocket;
	});
	beforeEach(async () => {
		sim = await startMeetingSimulator();
		conference = new HuaweiConferenceSimulator(sim);
		conference.open(CONF, HOST_PASSWORD);
	});
	afterEach(async () => {
		await conference.close();
		await sim.stop();
	});

	const params = (options: Record<string, unknown> = {}, types: string[] = ['*']) => ({
		conferenceId: CONF,
		hostPassword: HOST_PASSWORD,
		messageTypes: types,
		options: { heartbeatSeconds: 1, ...options },
	});

	it('streams a simulated meeting in order, with named enums, ISO times and masked passwords', async () => {
		const run = await runTrigger(trigger, appIdCredential(sim), params());
		try {
			const token = sim.requests('GET', '/v1/mmc/control/conferences/token')[0];
			expect(token.headers['x-password']).toBe(HOST_PASSWORD);
			expect(token.headers['x-login-type']).toBe('1');
			expect(token.query.get('conferenceID')).toBe(CONF);
			expect(
				sim.requests('GET', '/v1/mmc/control/conferences/wsToken')[0].headers[
					'x-conference-authorization'
				],
			).toBeTruthy();

			conference.publish(CONF, 'ConfBasicInfoNotify', basicInfo(CONF));
			conference.publish(CONF, 'ConfDynamicInfoNotify', {
				state: 'Created',
				mode: 'FREE',
				lock: 0,
				mute: 0,
				recState: 0,
			});
			conference.publish(
				CONF,
				'ParticipantsNotify',
				{ data: [{ pid: 'p1', mode: 0, pinfoMap: { NAME: 'Tom', ROLE: '1', STATE: '0' } }] },
				1,
			);
			conference.publish(
				CONF,
				'ParticipantsNotify',
				{ data: [{ pid: 'p2', mode: 0, pinfoMap: { NAME: 'Ann', ROLE: '0', STATE: '0' } }] },
				1,
			);
			conference.publish(CONF, 'SpeakerChangeNotify', {
				data: [{ pid: 'p2', name: 'Ann', speakingVolume: 45 }],
			});
			conference.publish(
				CONF,
				'ParticipantsNotify',
				{ data: [{ pid: 'p2', mode: 0, pinfoMap: { MUTE: '1' } }] },
				1,
			);
			conference.publish(CONF, 'ConfDynamicInfoNotify', { lock: 1 }, 1);
			conference.publish(CONF, 'ParticipantsNotify', { data: [{ pid: 'p2', mode: 1 }] }, 1);
			await until('8 items', () => run.emitted.length >= 8);
			expect(run.emitted.map((i) => i.action)).toEqual([
				'ConfBasicInfoNotify',
				'ConfDynamicInfoNotify',
				'ParticipantsNotify',
				'ParticipantsNotify',
				'SpeakerChangeNotify',
				'ParticipantsNotify',
				'ConfDynamicInfoNotify',
				'ParticipantsNotify',
			]);
			const [basic, dynamic, join1, , speaker, mute, lock, leave] = run.emitted;
			expect(basic).toMatchObject({
				messageName: 'Basic Meeting Info',
				confId: CONF,
				msgMode: 'full',
				displayId: CONF,
				title: "Tom's Meeting",
				startTime: '2021-01-30T06:34:44.164Z',
				startTimeMs: 1611988484164,
				scheduledStartTime: '2021-01-30T06:34:43.700Z',
				recType: 1,
				recTypeName: 'recording',
				mediaName: 'video',
				userTypeName: 'enterpriseMember',
				callInRestrictionName: 'everyone',
				confModeName: 'common',
				watermarkEnabled: true,
				realTimeSubtitleSupported: false,
				passwords: [
					{ role: 'chair', roleName: 'host', password: '******' },
					{ role: 'general', roleName: 'participant', password: '******' },
				],
			});
			expect(JSON.stringify(basic)).not.toContain('host-pass-123');
			expect((basic.raw as Record<string, unknown>).webinar).toBe(false);
			expect(dynamic).toMatchObject({ status: { state: 'Created', lock: 0 }, meetingEnded: false });
			expect(join1).toMatchObject({
				msgMode: 'incremental',
				participants: [{ pid: 'p1', change: 'added', name: 'Tom', role: 'host', inMeeting: true }],
				participantCount: 1,
			});
			expect(speaker).toMatchObject({
				speakers: [{ name: 'Ann', speakingVolume: 45 }],
				nobodySpeaking: false,
			});
			expect(mute).toMatchObject({
				participants: [{ pid: 'p2', change: 'updated', changes: { MUTE: '1' }, name: 'Ann' }],
				participantCount: 2,
			});
			expect(lock).toMatchObject({ changed: ['lock'], status: { state: 'Created', lock: 1 } });
			expect(leave).toMatchObject({
				participants: [{ pid: 'p2', change: 'removed' }],
				participantCount: 1,
			});
		} finally {
			await run.close();
		}
	});

	it('includes passwords only when asked to', async () => {
		const run = await runTrigger(
			trigger,
			appIdCredential(sim),
			params({ includePasswords: true }, ['ConfBasicInfoNotify']),
		);
		try {
			conference.publish(CONF, 'ConfBasicInfoNotify', basicInfo(CONF));
			await until('an item', () => run.emitted.length === 1);
			expect(run.emitted[0].passwords).toEqual([
				{ role: 'chair', roleName: 'host', password: 'host-pass-123' },
				{ role: 'general', roleName: 'participant', password: 'guest-pass-456' },
			]);
		} finally {
			await run.close();
		}
	});

	it('subscribes only to the selected messages', async () => {
		const run = await runTrigger(
			trigger,
			appIdCredential(sim),
			params({}, ['SpeakerChangeNotify']),
		);
		try {
			conference.publish(CONF, 'ConfBasicInfoNotify', basicInfo(CONF));
			conference.publish(CONF, 'SpeakerChangeNotify', {});
			await until('an item', () => run.emitted.length === 1);
			expect(run.emitted[0]).toMatchObject({ action: 'SpeakerChangeNotify', nobodySpeaking: true });
		} finally {
			await run.close();
		}
	});

	describe('NetConditionNotify (MCU media quality, legacy)', () => {
		it('is offered with a note that Huawei no longer lists it among the subscription types', () => {
			const messages = new HuaweiCloudMeetingConferenceTrigger().description.properties.find(
				(p) => p.name === 'messageTypes',
			)!;
			const option = (messages.options as INodePropertyOptions[]).find(
				(o) => o.value === 'NetConditionNotify',
			)!;
			expect(option.name).toBe('Network Condition (MCU, Legacy)');
			expect(option.description).toMatch(/no longer list it among the subscription types/);
			expect(messages.default).not.toContain('NetConditionNotify');
		});

		it('gives one item per message: each participant by direction, in ms, % and kbit/s, unknown fields kept', async () => {
			const run = await runTrigger(
				trigger,
				appIdCredential(sim),
				params({}, ['NetConditionNotify']),
			);
			try {
				expect(conference.subscriptions).toEqual([['NetConditionNotify']]);
				const sent = conference.publishNetCondition(CONF, [
					netConditionEntry('p1', { terminalKind: 'HardTerminal' }),
					netConditionEntry('p2', {
						netInfo: 'bad',
						delay: '410',
						lostPacketRate: '1000',
						bandwidth: 2048,
					}),
				]);
				conference.publishNetCondition(CONF, [{ participantID: 'p2', mode: 1 }], 1);
				await until('two items', () => run.emitted.length === 2);
				const [quality, removal] = run.emitted;
				expect(quality).toMatchObject({
					action: 'NetConditionNotify',
					messageName: 'Network Condition (MCU, Legacy)',
					confId: CONF,
					msgId: sent.msgID,
					msgMode: 'full',
					createTime: new Date(sent.createTime as number).toISOString(),
					createTimeMs: sent.createTime,
					raw: sent,
				});
				expect(quality.participants).toEqual([
					{
						participantId: 'p1',
						mode: 0,
						modeName: 'refresh',
						removed: false,
						networkRating: 'good',
						roundTripTimeMs: 32,
						audioCodec: 'AACLD',
						videoCodec: 'H264HP',
						bandwidth: 61440,
						upstream: {
							videoJitterMs: 4,
							audioLossPercent: 0.35,
							videoLossPercent: 1.2,
							screenShareLossPercent: 0,
							audioKbps: 51.2,
							videoKbps: 980,
							screenShareKbps: 0,
						},
						downstream: {
							videoJitterMs: 6,
							audioLossPercent: 0,
							videoLossPercent: 0.1,
							screenShareLossPercent: 0,
							audioKbps: 64.5,
							videoKbps: 1200,
							screenShareKbps: 0,
						},
						otherFields: { terminalKind: 'HardTerminal' },
					},
					expect.objectContaining({
						participantId: 'p2',
						networkRating: 'bad',
						roundTripTimeMs: 410,
						bandwidth: 2048,
						upstream: expect.objectContaining({ audioLossPercent: 10 }),
						otherFields: {},
					}),
				]);
				expect(removal).toMatchObject({
					msgMode: 'incremental',
					participants: [
						{
							participantId: 'p2',
							mode: 1,
							modeName: 'remove',
							removed: true,
							networkRating: null,
							roundTripTimeMs: null,
							upstream: { audioLossPercent: null, audioKbps: null },
						},
					],
				});
			} finally {
				await run.close();
			}
		});

		it('All Messages subscribes to it too; odd values become null (kept in raw), a malformed one is only logged', async () => {
			const run = await runTrigger(trigger, appIdCredential(sim), params());
			try {
				expect(conference.subscriptions[0]).toContain('NetConditionNotify');
				expect(conference.subscriptions[0]).toContain('ConfBasicInfoNotify');
				conference.publish(CONF, 'NetConditionNotify', { data: [{ mode: 0, delay: '5' }] });
				conference.publish(CONF, 'NetConditionNotify', {
					data: [{ participantID: 'p9', mode: 0, delay: 'n/a', jitter: '', bandwidth: null }],
				});
				conference.publish(CONF, 'NetConditionNotify', {});
				await until('two items', () => run.emitted.length === 2);
				const [odd, empty] = run.emitted;
				expect(odd.participants).toEqual([
					expect.objectContaining({
						participantId: 'p9',
						roundTripTimeMs: null,
						bandwidth: null,
						upstream: expect.objectContaining({ videoJitterMs: null }),
					}),
				]);
				expect((odd.raw as { data: Array<Record<string, unknown>> }).data[0].delay).toBe('n/a');
				expect(empty.participants).toEqual([]);
				expect(captured.logs.join('\n')).toMatch(/Ignored a malformed NetConditionNotify message/);
			} finally {
				await run.close();
			}
		});

		it('the simulator pushes only the documented shape', () => {
			expect(() =>
				conference.publishNetCondition(CONF, [netConditionEntry('p1', { delay: 32 })]),
			).toThrow(/delay must be a string/);
			expect(() => conference.publishNetCondition(CONF, [{ participantID: 'p1' }])).toThrow(
				/mode must be the integer 0 or 1/,
			);
			expect(() =>
				conference.publishNetCondition(CONF, [netConditionEntry('p1', { bandwidth: '61440' })]),
			).toThrow(/bandwidth must be an integer/);
		});
	});

	it('resumes after a dropped connection with no duplicate and no lost message', async () => {
		const run = await runTrigger(trigger, appIdCredential(sim), params());
		try {
			const first = conference.publish(CONF, 'ConfBasicInfoNotify', basicInfo(CONF));
			await until('the first item', () => run.emitted.length === 1);
			conference.drop(CONF);
			await until('the drop', () => conference.clientCount(CONF) === 0);
			const during = conference.publish(CONF, 'ConfDynamicInfoNotify', {
				state: 'Created',
				lock: 1,
			});
			await until(
				'the reconnection',
				() => conference.connections === 2 && conference.clientCount(CONF) === 1,
			);
			const after = conference.publish(CONF, 'SpeakerChangeNotify', {
				data: [{ pid: 'p1', name: 'Tom', speakingVolume: 9 }],
			});
			await until('three items', () => run.emitted.length >= 3);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(run.emitted.map((i) => i.msgId)).toEqual([first.msgID, during.msgID, after.msgID]);
		} finally {
			await run.close();
		}
	});

	it('reconnects when heartbeats are no longer answered', async () => {
		const run = await runTrigger(trigger, appIdCredential(sim), params());
		try {
			expect(conference.connections).toBe(1);
			conference.echoHeartbeats = false;
			await until(
				'a reconnection after missed heartbeats',
				() => conference.connections >= 2,
				15_000,
			);
			conference.echoHeartbeats = true;
			await until('the new connection', () => conference.clientCount(CONF) === 1);
			conference.publish(CONF, 'SpeakerChangeNotify', {});
			await until('an item on the new connection', () => run.emitted.length === 1);
			expect(captured.logs.join('\n')).toMatch(
				/No heartbeat answer from the conference; reconnecting/,
			);
		} finally {
			await run.close();
		}
	});

	it('keeps the connection when heartbeats arrive within the server limit, and is cut (then resumes) when they do not', async () => {
		conference.heartbeatTimeoutMs = 1500;
		const run = await runTrigger(trigger, appIdCredential(sim), params({ heartbeatSeconds: 1 }));
		try {
			await new Promise((resolve) => setTimeout(resolve, 3000));
			expect(conference.connections).toBe(1);
		} finally {
			await run.close();
		}
		conference.heartbeatTimeoutMs = 300;
		const slow = await runTrigger(trigger, appIdCredential(sim), params({ heartbeatSeconds: 5 }));
		try {
			await until(
				'the server to cut the silent client and the client to come back',
				() => conference.connections >= 4,
				15_000,
			);
		} finally {
			await slow.close();
		}
	});

	it('renews the conference token before it expires', async () => {
		conference.tokenLifetimeMs = 2000;
		const run = await runTrigger(trigger, appIdCredential(sim), params());
		try {
			await until(
				'a keep-alive token renewal',
				() => conference.tokenRequests.some((t) => t.keepAlive),
				10_000,
			);
			const keepAlive = sim
				.requests('GET', '/v1/mmc/control/conferences/token')
				.find((r) => r.headers['x-conference-authorization']);
			expect(keepAlive?.headers['x-password']).toBeUndefined();
		} finally {
			await run.close();
		}
	});

	it('stops by itself when the meeting ends', async () => {
		const run = await runTrigger(trigger, appIdCredential(sim), params());
		conference.end(CONF);
		await until('the end message', () => run.emitted.length === 1);
		expect(run.emitted[0]).toMatchObject({ meetingEnded: true, status: { state: 'Destroyed' } });
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(conference.connections).toBe(1);
		await run.close();
	});

	it('deactivation closes the socket and leaves no open handles', async () => {
		const before = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
		const run = await runTrigger(trigger, appIdCredential(sim), params());
		expect(conference.clientCount(CONF)).toBe(1);
		await run.close();
		await until('the socket to close', () => conference.clientCount(CONF) === 0);
		// The session waits in short slices (n8n-workflow's sleep cannot be cancelled): the slice under
		// way when it closed ends within SLICE_MS; after that nothing of it may remain. On a busy
		// machine the slice ends late: wait for the timers to drop back (bounded), then assert.
		const count = (list: string[], type: string) => list.filter((r) => r === type).length;
		const active = () => process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
		for (let i = 0; i < 20 && count(active(), 'Timeout') > count(before, 'Timeout'); i++)
			await new Promise((resolve) => setTimeout(resolve, 250));
		const after = active();
		expect(count(after, 'Timeout')).toBeLessThanOrEqual(count(before, 'Timeout'));
		expect(count(after, 'TCPSocketWrap')).toBeLessThanOrEqual(count(before, 'TCPSocketWrap'));
	});

	it('activation fails clearly: wrong password, meeting not running, no WebSocket in the runtime', async () => {
		await expect(
			runTrigger(trigger, appIdCredential(sim), { ...params(), hostPassword: 'wrong' }),
		).rejects.toThrow(/refused token \(MMC\.111070011: password is incorrect\)/);
		await expect(
			runTrigger(trigger, appIdCredential(sim), { ...params(), conferenceId: '111' }),
		).rejects.toThrow(/MMC\.111070005/);
		delete g.WebSocket;
		try {
			const error = await runTrigger(trigger, appIdCredential(sim), params()).catch((e) => e);
			expect(error.message).toBe('This n8n runtime has no WebSocket support');
			expect(error.description).toMatch(/Node\.js 22/);
		} finally {
			g.WebSocket = WsWebSocket;
		}
	});
});
