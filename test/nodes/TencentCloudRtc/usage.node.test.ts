/**
 * The Tencent Cloud TRTC node's Usage History operations against the simulated TRTC API:
 * DescribeRoomInfo, DescribeUserInfo, DescribeCallDetailInfo, their windows, paging and items.
 */
import { TencentCloudRtc } from '../../../nodes/TencentCloudRtc/TencentCloudRtc.node';
import { requestDefaults } from '../../../nodes/shared/http';
import { runNode } from '../../harness/n8n';
import type { TencentRtcApiSimulator } from '../../simulator/tencentRtcApi';
import type { Session } from '../../simulator/tencentRtcState';
import { SDK_APP_ID, startTrtcSimulator, trtcCredential } from './setup';

const node = new TencentCloudRtc();
const NOW = Math.floor(Date.now() / 1000);
const HOUR = 3600;
const iso = (s: number) => new Date(s * 1000).toISOString();

function session(n: number, users = 0): Session {
	const created = NOW - 20 * HOUR + n;
	return {
		sdkAppId: SDK_APP_ID,
		CommId: `${SDK_APP_ID}_room${n}_${created}`,
		RoomString: `room${n}`,
		CreateTime: created,
		DestroyTime: created + 600,
		IsFinished: true,
		UserId: `host${n}`,
		users: Array.from({ length: users }, (_, k) => ({
			UserId: `user${k}`,
			JoinTs: created + k,
			LeaveTs: created + 500,
			Finished: true,
			DeviceType: 'Windows',
		})),
	};
}

const usage = (params: Record<string, unknown>) => ({
	resource: 'usage',
	sdkAppId: SDK_APP_ID,
	startTime: iso(NOW - 23 * HOUR),
	endTime: iso(NOW - HOUR),
	...params,
});
const bodies = (sim: TencentRtcApiSimulator, action: string) =>
	sim.calls(action).map((c) => JSON.parse(c.rawBody) as Record<string, unknown>);

describe('Tencent Cloud TRTC node: Usage History', () => {
	let sim: TencentRtcApiSimulator;
	beforeEach(async () => (sim = await startTrtcSimulator()));
	afterEach(async () => await sim.stop());

	it('Get Rooms with Return All reads every page of 100 (PageNumber from 0) until Total', async () => {
		for (let n = 0; n < 250; n++) sim.state.sessions.push(session(n));
		const items = await runNode(node, trtcCredential(sim), {
			params: usage({ operation: 'getRooms', returnAll: true }),
		});
		expect(items).toHaveLength(250);
		const sent = bodies(sim, 'DescribeRoomInfo');
		expect(sent).toEqual(
			[0, 1, 2].map((page) => ({
				SdkAppId: SDK_APP_ID,
				StartTime: NOW - 23 * HOUR,
				EndTime: NOW - HOUR,
				PageNumber: page,
				PageSize: 100,
			})),
		);
		expect(sim.calls('DescribeRoomInfo')[0].headers['x-tc-region']).toBe('ap-guangzhou');
		const first = session(0);
		expect(items[0].json).toEqual({
			CommId: first.CommId,
			RoomString: 'room0',
			CreateTime: first.CreateTime,
			DestroyTime: first.DestroyTime,
			IsFinished: true,
			UserId: 'host0',
			CreateTimeIso: iso(first.CreateTime),
			DestroyTimeIso: iso(first.DestroyTime),
		});
		expect(items[249].json.RoomString).toBe('room249');
	});

	it('Get Rooms with a limit stops after the page that reaches it; a room filter is sent as RoomId', async () => {
		for (let n = 0; n < 250; n++) sim.state.sessions.push(session(n));
		const items = await runNode(node, trtcCredential(sim), {
			params: usage({ operation: 'getRooms', limit: 120 }),
		});
		expect(items).toHaveLength(120);
		expect(bodies(sim, 'DescribeRoomInfo').map((b) => b.PageNumber)).toEqual([0, 1]);
		const one = await runNode(node, trtcCredential(sim), {
			params: usage({ operation: 'getRooms', roomFilter: ' room7 ', returnAll: true }),
		});
		expect(one.map((i) => i.json.RoomString)).toEqual(['room7']);
		expect(bodies(sim, 'DescribeRoomInfo')[2]).toMatchObject({ RoomId: 'room7' });
	});

	it('an empty window gives no items', async () => {
		expect(
			await runNode(node, trtcCredential(sim), {
				params: usage({ operation: 'getRooms', returnAll: true }),
			}),
		).toEqual([]);
		expect(sim.calls('DescribeRoomInfo')).toHaveLength(1);
	});

	it('windows are checked before sending: 24 h for rooms, 4 h for users, 1 h for quality, end after start', async () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ operation: 'getRooms', startTime: iso(NOW - 25 * HOUR - 1) }, /24 h or less/],
			[
				{ operation: 'getRoomUsers', commId: 'c', startTime: iso(NOW - 5 * HOUR - 1) },
				/4 h or less/,
			],
			[
				{
					operation: 'getCallQuality',
					commId: 'c',
					startTime: iso(NOW - 2 * HOUR - 1),
					endTime: iso(NOW - HOUR),
				},
				/1 h or less/,
			],
			[
				{ operation: 'getRooms', endTime: iso(NOW - 23 * HOUR) },
				/end time must be after the start time/,
			],
			[{ operation: 'getRooms', startTime: 'yesterday' }, /Enter the start and end time/],
		];
		for (const [params, message] of cases)
			await expect(runNode(node, trtcCredential(sim), { params: usage(params) })).rejects.toThrow(
				message,
			);
		expect(sim.log).toHaveLength(0);
	});

	it('Unix seconds and milliseconds are read as times too; exactly 24 h is allowed', async () => {
		await runNode(node, trtcCredential(sim), {
			params: usage({
				operation: 'getRooms',
				startTime: String(NOW - 24 * HOUR),
				endTime: String(NOW * 1000),
			}),
		});
		expect(bodies(sim, 'DescribeRoomInfo')[0]).toMatchObject({
			StartTime: NOW - 24 * HOUR,
			EndTime: NOW,
		});
	});

	it('the history limit of the API: InvalidParameter.StartTimeOversize with advice', async () => {
		const error = await runNode(node, trtcCredential(sim), {
			params: usage({
				operation: 'getRooms',
				startTime: iso(NOW - 15 * 24 * HOUR),
				endTime: iso(NOW - 15 * 24 * HOUR + HOUR),
			}),
		}).catch((e) => e);
		expect(error.message).toMatch(/Get rooms failed \(InvalidParameter\.StartTimeOversize: /);
		expect(error.description).toMatch(/14 days/);
	});

	it('Get Room Users: DescribeUserInfo for the CommId, users filtered, paged, join and leave as ISO', async () => {
		const s = session(1, 130);
		sim.state.sessions.push(s);
		const items = await runNode(node, trtcCredential(sim), {
			params: usage({
				operation: 'getRoomUsers',
				commId: s.CommId,
				startTime: iso(NOW - 21 * HOUR),
				endTime: iso(NOW - 18 * HOUR),
				returnAll: true,
			}),
		});
		expect(items).toHaveLength(130);
		expect(bodies(sim, 'DescribeUserInfo')).toEqual(
			[0, 1].map((page) => ({
				CommId: s.CommId,
				StartTime: NOW - 21 * HOUR,
				EndTime: NOW - 18 * HOUR,
				SdkAppId: SDK_APP_ID,
				PageNumber: page,
				PageSize: 100,
			})),
		);
		expect(items[3].json).toMatchObject({
			UserId: 'user3',
			RoomStr: 'room1',
			JoinTsIso: iso(s.users[3].JoinTs),
			LeaveTsIso: iso(s.users[3].LeaveTs),
			DeviceType: 'Windows',
		});
		const two = await runNode(node, trtcCredential(sim), {
			params: usage({
				operation: 'getRoomUsers',
				commId: s.CommId,
				startTime: iso(NOW - 21 * HOUR),
				endTime: iso(NOW - 18 * HOUR),
				usageUserIds: 'user5, user9',
				returnAll: true,
			}),
		});
		expect(two.map((i) => i.json.UserId)).toEqual(['user5', 'user9']);
		expect(bodies(sim, 'DescribeUserInfo')[2].UserIds).toEqual(['user5', 'user9']);
	});

	it('Get Call Quality with metrics: pages of 6 users, each item with its own series', async () => {
		const s = session(2, 8);
		sim.state.sessions.push(s);
		const items = await runNode(node, trtcCredential(sim), {
			params: usage({
				operation: 'getCallQuality',
				commId: s.CommId,
				startTime: iso(NOW - 20 * HOUR),
				endTime: iso(NOW - 19 * HOUR),
				dataTypes: ['rtt', 'aLoss'],
				returnAll: true,
			}),
		});
		expect(bodies(sim, 'DescribeCallDetailInfo')).toEqual(
			[0, 1].map((page) => ({
				CommId: s.CommId,
				StartTime: NOW - 20 * HOUR,
				EndTime: NOW - 19 * HOUR,
				SdkAppId: SDK_APP_ID,
				DataType: ['rtt', 'aLoss'],
				PageNumber: page,
				PageSize: 6,
			})),
		);
		expect(items).toHaveLength(8);
		expect(items[7].json.UserId).toBe('user7');
		expect(items[7].json.metrics).toEqual([
			{
				UserId: 'user7',
				PeerId: '',
				DataType: 'rtt',
				Content: [1, 2, 3].map((v, k) => ({ Time: NOW - 20 * HOUR + 5 * k, Value: v })),
			},
			{
				UserId: 'user7',
				PeerId: '',
				DataType: 'aLoss',
				Content: [2, 4, 6].map((v, k) => ({ Time: NOW - 20 * HOUR + 5 * k, Value: v })),
			},
		]);
	});

	it('Get Call Quality without metrics lists the users only; more than 6 users with metrics is refused', async () => {
		const s = session(3, 3);
		sim.state.sessions.push(s);
		const base = {
			operation: 'getCallQuality',
			commId: s.CommId,
			startTime: iso(NOW - 20 * HOUR),
			endTime: iso(NOW - 19 * HOUR),
			returnAll: true,
		};
		const items = await runNode(node, trtcCredential(sim), { params: usage(base) });
		expect(items.map((i) => i.json.metrics)).toEqual([undefined, undefined, undefined]);
		expect(bodies(sim, 'DescribeCallDetailInfo')[0]).toMatchObject({ PageSize: 100 });
		expect(bodies(sim, 'DescribeCallDetailInfo')[0]).not.toHaveProperty('DataType');
		await expect(
			runNode(node, trtcCredential(sim), {
				params: usage({ ...base, dataTypes: ['rtt'], usageUserIds: 'a,b,c,d,e,f,g' }),
			}),
		).rejects.toThrow('At most 6 user IDs (got 7)');
		expect(sim.calls('DescribeCallDetailInfo')).toHaveLength(1);
	});

	it('read actions are retried after a 5xx; a failure after the retries names the status', async () => {
		const saved = [...requestDefaults.backoffMs];
		requestDefaults.backoffMs = [10, 10];
		try {
			sim.state.sessions.push(session(0));
			sim.fault('POST', '/', { status: 502, body: 'Bad Gateway' });
			const items = await runNode(node, trtcCredential(sim), {
				params: usage({ operation: 'getRooms', returnAll: true }),
			});
			expect(items).toHaveLength(1);
			expect(sim.requests('POST', '/')).toHaveLength(2);
			sim.fault('POST', '/', { status: 503, body: { Response: {} }, times: 3 });
			const error = await runNode(node, trtcCredential(sim), {
				params: usage({ operation: 'getRooms', returnAll: true }),
			}).catch((e) => e);
			expect(error.message).toBe('Tencent Cloud TRTC: Get rooms failed (HTTP 503)');
			expect(sim.requests('POST', '/')).toHaveLength(5);
		} finally {
			requestDefaults.backoffMs = saved;
		}
	});
});
