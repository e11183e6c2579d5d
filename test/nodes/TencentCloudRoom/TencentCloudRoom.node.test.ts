import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { providerCodeOf } from '../../../nodes/shared/http';
import { TencentCloudRoom } from '../../../nodes/TencentCloudRoom/TencentCloudRoom.node';
import { runNode } from '../../harness/n8n';
import type { TencentRoomSimulator } from '../../simulator/tencentRoom';
import { startTencentSimulator, tencentCredential } from './setup';

// The credential (the query every call carries, the credential test) is tested in
// test/credentials/TencentCloudChatApi.credentials.test.ts.

const node = new TencentCloudRoom();

describe('Tencent Cloud Room node', () => {
	let sim: TencentRoomSimulator;
	beforeEach(async () => (sim = await startTencentSimulator()));
	afterEach(async () => await sim.stop());
	const run = async (params: IDataObject) =>
		await runNode(node, tencentCredential(sim), { params });
	const lastBody = (path: string) => sim.requests('POST', path).at(-1)!.json;

	it('Room: create, get, update, destroy', async () => {
		const [created] = await run({
			resource: 'room',
			operation: 'create',
			roomId: 'room-1',
			roomType: 'Conference',
			roomFields: {
				RoomName: 'Standup',
				MaxMemberCount: 50,
				IsSeatEnabled: true,
				ScheduleStartTime: '2030-01-01T09:00:00.000Z',
			},
		});
		expect(lastBody('/v4/room_engine_http_srv/create_room')).toEqual({
			RoomInfo: {
				RoomId: 'room-1',
				RoomType: 'Conference',
				RoomName: 'Standup',
				MaxMemberCount: 50,
				IsSeatEnabled: true,
				ScheduleStartTime: 1893488400,
			},
		});
		expect(created.json).toMatchObject({ success: true, roomId: 'room-1' });

		const [room] = await run({ resource: 'room', operation: 'get', roomId: 'room-1' });
		expect(lastBody('/v4/room_engine_http_srv/get_room_info')).toEqual({ RoomId: 'room-1' });
		expect(room.json).toMatchObject({
			RoomId: 'room-1',
			RoomName: 'Standup',
			ScheduleStartTimeIso: '2030-01-01T09:00:00.000Z',
		});

		await run({
			resource: 'room',
			operation: 'update',
			roomId: 'room-1',
			roomFields: { RoomName: 'Retro', IsMessageDisabled: true },
		});
		expect(lastBody('/v4/room_engine_http_srv/update_room_info')).toEqual({
			RoomInfo: { RoomId: 'room-1', RoomName: 'Retro', IsMessageDisabled: true },
		});
		expect(sim.rooms.get('room-1')).toMatchObject({ RoomName: 'Retro', IsMessageDisabled: true });

		await run({ resource: 'room', operation: 'destroy', roomId: 'room-1' });
		expect(lastBody('/v4/room_engine_http_srv/destroy_room')).toEqual({ RoomId: 'room-1' });
		expect(sim.rooms.size).toBe(0);
	});

	it('Member → Get Many pages with Next: Return All gives all 120 members, Limit 30 gives 30', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		sim.addMembers(
			'r',
			Array.from({ length: 120 }, (_, i) => `user${i}`),
		);
		const all = await run({
			resource: 'member',
			operation: 'getAll',
			roomId: 'r',
			returnAll: true,
		});
		expect(all).toHaveLength(120);
		expect(all.map((m) => m.json.Member_Account)).toEqual(
			Array.from({ length: 120 }, (_, i) => `user${i}`),
		);
		expect(all[0].json).toEqual({
			roomId: 'r',
			Member_Account: 'user0',
			NameCard: '',
			Role: 'Member',
			Marks: [],
			CustomInfo: '',
		});
		const pages = sim
			.requests('POST', '/v4/room_engine_http_srv/get_room_member_list')
			.map((r) => r.json);
		expect(pages).toEqual([
			{ RoomId: 'r', Count: 50, Next: '' },
			{ RoomId: 'r', Count: 50, Next: 'cursor-50' },
			{ RoomId: 'r', Count: 50, Next: 'cursor-100' },
		]);
		sim.log.length = 0;
		const some = await run({
			resource: 'member',
			operation: 'getAll',
			roomId: 'r',
			returnAll: false,
			limit: 30,
		});
		expect(some).toHaveLength(30);
		expect(
			sim.requests('POST', '/v4/room_engine_http_srv/get_room_member_list').map((r) => r.json),
		).toEqual([{ RoomId: 'r', Count: 30, Next: '' }]);
	});

	it('Member → Get Banned pages with NextOffset (Limit ≤ 100) and names the ban end', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		const until = Math.floor(Date.now() / 1000) + 600;
		sim.banned.set(
			'r',
			new Map(Array.from({ length: 130 }, (_, i) => [`b${i}`, until] as [string, number])),
		);
		const all = await run({
			resource: 'member',
			operation: 'getBanned',
			roomId: 'r',
			returnAll: true,
		});
		expect(all).toHaveLength(130);
		expect(all[0].json).toEqual({
			roomId: 'r',
			Member_Account: 'b0',
			BannedUntil: until,
			bannedUntilIso: new Date(until * 1000).toISOString(),
		});
		expect(
			sim.requests('POST', '/v4/room_engine_http_srv/get_banned_member_list').map((r) => r.json),
		).toEqual([
			{ RoomId: 'r', Limit: 100 },
			{ RoomId: 'r', Limit: 100, Next: '100' },
		]);
	});

	it('Seat: pick onto seat, get many, switch, lock, kick off', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		sim.addMembers('r', ['ann', 'bob']);
		await run({ resource: 'seat', operation: 'pick', roomId: 'r', member: 'ann', seatIndex: 2 });
		const seats = await run({ resource: 'seat', operation: 'getAll', roomId: 'r' });
		expect(seats[0].json).toMatchObject({ roomId: 'r', Index: 2, Member_Account: 'ann' });
		await run({ resource: 'seat', operation: 'switch', roomId: 'r', member: 'ann', toIndex: 3 });
		expect(sim.seats.get('r')!.find((s) => s.Index === 3)).toMatchObject({ Member_Account: 'ann' });
		await run({
			resource: 'seat',
			operation: 'lock',
			roomId: 'r',
			seatIndex: 3,
			forbidTaken: true,
			forbidVideo: false,
			forbidAudio: true,
		});
		expect(sim.seats.get('r')!.find((s) => s.Index === 3)).toMatchObject({
			Member_Account: '',
			IsTakenDisabled: true,
			IsAudioDisabled: true,
		});
		const locked = await run({
			resource: 'seat',
			operation: 'pick',
			roomId: 'r',
			member: 'bob',
			seatIndex: 3,
		}).catch((e) => e);
		expect(locked.message).toMatch(/pick_user_on_seat failed \(100006: the seat is locked\)/);
		await run({ resource: 'seat', operation: 'pick', roomId: 'r', member: 'bob', seatIndex: 1 });
		await run({ resource: 'seat', operation: 'kickOff', roomId: 'r', member: 'bob', data: '' });
		expect(sim.seats.get('r')!.some((s) => s.Member_Account === 'bob')).toBe(false);
	});

	it('Seat → Move: cancel, exchange and force applied to the seats; a locked target is unlocked', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		sim.addMembers('r', ['ann', 'bob', 'cid']);
		await run({ resource: 'seat', operation: 'pick', roomId: 'r', member: 'ann', seatIndex: 1 });
		await run({ resource: 'seat', operation: 'pick', roomId: 'r', member: 'bob', seatIndex: 2 });
		const move = async (member: string, toIndex: number | string, movePolicy: string) =>
			await run({ resource: 'seat', operation: 'move', roomId: 'r', member, toIndex, movePolicy });
		const seated = () =>
			Object.fromEntries(
				sim.seats
					.get('r')!
					.filter((s) => s.Member_Account)
					.map((s) => [s.Member_Account as string, s.Index]),
			);

		// To an empty seat, whatever the policy.
		const [out] = await move('ann', 3, 'cancel');
		expect(out.json).toEqual({
			success: true,
			roomId: 'r',
			SeatIndex: 3,
			Member_Account: 'ann',
			Policy: 0,
			requestId: expect.stringMatching(/^Id-/),
		});
		expect(seated()).toEqual({ ann: 3, bob: 2 });

		// Cancel: the taken seat is left alone, and Tencent's refusal is a NodeApiError with its code.
		const cancelled = await move('ann', 2, 'cancel').catch((e) => e);
		expect(cancelled).toBeInstanceOf(NodeApiError);
		expect(cancelled.message).toBe(
			'Tencent Cloud Chat: move_user_to_seat failed (100002: the target seat is taken (Policy 0: move cancelled))',
		);
		expect(providerCodeOf(cancelled)).toBe('100002');
		expect(cancelled.description).toBe('A parameter is invalid.');
		expect(seated()).toEqual({ ann: 3, bob: 2 });

		// Exchange: the two members swap seats.
		await move('ann', 2, 'exchange');
		expect(lastBody('/v4/room_engine_http_mic/move_user_to_seat')).toEqual({
			RoomId: 'r',
			SeatIndex: 2,
			Member_Account: 'ann',
			Policy: 2,
		});
		expect(seated()).toEqual({ ann: 2, bob: 3 });

		// Force: the member takes the seat, whoever was on it is taken off.
		await move('bob', 2, 'force');
		expect(lastBody('/v4/room_engine_http_mic/move_user_to_seat')).toMatchObject({ Policy: 1 });
		expect(seated()).toEqual({ bob: 2 });

		// A locked seat is unlocked by the move; an expression may give the policy as 0, 1 or 2.
		await run({
			resource: 'seat',
			operation: 'lock',
			roomId: 'r',
			seatIndex: 5,
			forbidTaken: true,
		});
		await move('bob', '={{ 5 }}', '={{ 1 }}');
		expect(lastBody('/v4/room_engine_http_mic/move_user_to_seat')).toEqual({
			RoomId: 'r',
			SeatIndex: 5,
			Member_Account: 'bob',
			Policy: 1,
		});
		expect(sim.seats.get('r')!.find((s) => s.Index === 5)).toMatchObject({
			Member_Account: 'bob',
			IsTakenDisabled: false,
		});

		// Not a member of the room: Tencent's 100005, with its hint.
		const stranger = await move('zed', 1, 'force').catch((e) => e);
		expect(stranger).toBeInstanceOf(NodeApiError);
		expect(providerCodeOf(stranger)).toBe('100005');
		expect(stranger.description).toBe('The user is not a member of the room.');
	});

	it('Seat → Move refuses an unknown policy or seat before sending; the simulator refuses a wrong body', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		const base = { resource: 'seat', operation: 'move', roomId: 'r', member: 'ann' };
		await expect(run({ ...base, toIndex: 1, movePolicy: 'swap' })).rejects.toThrow(
			'The move policy must be Cancel, Force or Exchange (0, 1 or 2), not "swap"',
		);
		await expect(run({ ...base, toIndex: 1, movePolicy: '={{ 3 }}' })).rejects.toThrow(/not "3"/);
		await expect(run({ ...base, toIndex: -1, movePolicy: 'force' })).rejects.toThrow(
			'The target seat index must be a whole number of at least 0, not "-1"',
		);
		await expect(run({ ...base, toIndex: 1.5, movePolicy: 'force' })).rejects.toThrow(
			/whole number/,
		);
		expect(sim.log).toHaveLength(0);

		// What the node would never send, sent as a Custom Command: Tencent's error, mapped.
		const error = await run({
			resource: 'custom',
			operation: 'send',
			service: 'room_engine_http_mic',
			command: 'move_user_to_seat',
			body: JSON.stringify({ RoomId: 'r', ToIndex: 1, Member_Account: 'ann' }),
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Tencent Cloud Chat: move_user_to_seat failed (100002: SeatIndex is required)',
		);
		expect(providerCodeOf(error)).toBe('100002');
		expect(error.description).toBe('A parameter is invalid.');
	});

	it('Member: kick out (with the reason), change owner (from the current owner), ban, unban, mark, update', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference', Owner_Account: 'ann' });
		sim.addMembers('r', ['ann', 'bob', 'cid', 'dee']);
		const [kicked] = await run({
			resource: 'member',
			operation: 'kick',
			roomId: 'r',
			members: 'cid',
			reason: '违规 spam',
		});
		expect(kicked.json).toMatchObject({
			success: true,
			roomId: 'r',
			MemberList_Account: ['cid'],
			Reason: '违规 spam',
		});
		expect(sim.roomMembers('r').map((m) => m.Member_Account)).toEqual(['ann', 'bob', 'dee']);
		const notOwner = await run({
			resource: 'member',
			operation: 'changeOwner',
			roomId: 'r',
			currentOwner: 'bob',
			newOwner: 'dee',
		}).catch((e) => e);
		expect(notOwner.message).toMatch(/100006: From_Account is not the room owner/);
		await run({
			resource: 'member',
			operation: 'changeOwner',
			roomId: 'r',
			currentOwner: 'ann',
			newOwner: 'bob',
		});
		expect(sim.rooms.get('r')!.Owner_Account).toBe('bob');
		await run({
			resource: 'member',
			operation: 'ban',
			roomId: 'r',
			members: 'dee',
			reason: 'flood',
			duration: 600,
		});
		expect(sim.banned.get('r')!.has('dee')).toBe(true);
		await run({ resource: 'member', operation: 'unban', roomId: 'r', members: 'dee' });
		expect(sim.banned.get('r')!.has('dee')).toBe(false);
		await run({
			resource: 'member',
			operation: 'mark',
			roomId: 'r',
			members: 'ann, bob',
			markAction: 'set',
			marks: '1000, 1002',
		});
		expect(sim.roomMembers('r').map((m) => m.Marks)).toEqual([
			[1000, 1002],
			[1000, 1002],
		]);
		await run({
			resource: 'member',
			operation: 'mark',
			roomId: 'r',
			members: 'bob',
			markAction: 'delete',
			marks: '1000',
		});
		expect(sim.roomMembers('r')[1].Marks).toEqual([1002]);
		await run({
			resource: 'member',
			operation: 'update',
			roomId: 'r',
			member: 'ann',
			memberFields: { NameCard: 'Ann 安', Role: 'Admin' },
		});
		expect(sim.roomMembers('r')[0]).toMatchObject({ NameCard: 'Ann 安', Role: 'Admin' });
	});

	it('refuses what Tencent would refuse before sending: too many accounts, bad marks, an over-long reason', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		const many = Array.from({ length: 21 }, (_, i) => `u${i}`).join(',');
		await expect(
			run({ resource: 'member', operation: 'kick', roomId: 'r', members: many, reason: 'x' }),
		).rejects.toThrow(/at most 20 member accounts/);
		await expect(
			run({
				resource: 'member',
				operation: 'mark',
				roomId: 'r',
				members: 'a',
				markAction: 'set',
				marks: '5',
			}),
		).rejects.toThrow(/at least 1000/);
		await expect(
			run({ resource: 'member', operation: 'kick', roomId: 'r', members: 'a', reason: '' }),
		).rejects.toThrow('Enter the reason');
		await expect(
			run({
				resource: 'member',
				operation: 'ban',
				roomId: 'r',
				members: 'a',
				reason: '字'.repeat(400),
				duration: 60,
			}),
		).rejects.toThrow(/longer than 1000 bytes/);
		await expect(
			run({ resource: 'member', operation: 'update', roomId: 'r', member: 'a', memberFields: {} }),
		).rejects.toThrow(/at least one field/);
		expect(sim.log).toHaveLength(0);
	});

	it('Callback configuration: set, get, update, delete', async () => {
		await run({
			resource: 'callback',
			operation: 'set',
			url: 'https://example.com/a',
			commands: ['Room.CallbackAfterCreateRoom'],
		});
		expect(lastBody('/v4/room_config/set_callback')).toEqual({
			Url: 'https://example.com/a',
			CallbackCommandList: ['Room.CallbackAfterCreateRoom'],
		});
		const error = await run({
			resource: 'callback',
			operation: 'set',
			url: 'https://example.com/b',
			commands: [],
		}).catch((e) => e);
		expect(error.message).toBe(
			'Tencent Cloud Chat: set_callback failed (100300: callback config already exists)',
		);
		expect(error.description).toMatch(/use Update/);
		await run({
			resource: 'callback',
			operation: 'update',
			url: 'https://example.com/b',
			commands: ['Mic.CallbackAfterSeatInfoChanged'],
		});
		const [got] = await run({ resource: 'callback', operation: 'get' });
		expect(got.json).toEqual({
			configured: true,
			Url: 'https://example.com/b',
			CallbackCommandList: ['Mic.CallbackAfterSeatInfoChanged'],
		});
		await run({ resource: 'callback', operation: 'delete' });
		expect(lastBody('/v4/room_config/delete_callback')).toEqual({});
		expect((await run({ resource: 'callback', operation: 'get' }))[0].json).toEqual({
			configured: false,
		});
	});

	it('Custom command sends the body as given', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		const [out] = await run({
			resource: 'custom',
			operation: 'send',
			service: 'room_engine_http_srv',
			command: 'get_room_info',
			body: '{"RoomId":"r"}',
		});
		expect(out.json).toMatchObject({ ActionStatus: 'OK', Response: { RoomInfo: { RoomId: 'r' } } });
	});

	it('turns ActionStatus FAIL into a NodeApiError naming the code, and honours Continue On Fail', async () => {
		const error = await run({ resource: 'room', operation: 'get', roomId: 'missing' }).catch(
			(e) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Tencent Cloud Chat: get_room_info failed (100004: room does not exist)',
		);
		expect(error.description).toBe('The room does not exist or was destroyed.');
		const out = await runNode(node, tencentCredential(sim), {
			items: [{ roomId: 'missing' }, { roomId: '' }],
			params: { resource: 'room', operation: 'destroy', roomId: '={{ $json.roomId }}' },
			continueOnFail: true,
		});
		expect(out.map((o) => o.json.error)).toEqual([
			'Tencent Cloud Chat: get_room_info failed (100004: room does not exist)'.replace(
				'get_room_info',
				'destroy_room',
			),
			'Enter the Room ID',
		]);
	});

	it('refuses an invalid callback URL and an invalid custom command before sending', async () => {
		await expect(
			run({ resource: 'callback', operation: 'set', url: 'ftp://x', commands: [] }),
		).rejects.toThrow(/http:\/\/ or https:\/\//);
		await expect(
			run({ resource: 'custom', operation: 'send', service: '../x', command: 'y', body: '{}' }),
		).rejects.toThrow(/lowercase names/);
		expect(sim.log).toHaveLength(0);
	});
});
