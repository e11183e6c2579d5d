import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { TencentCloudRoom } from '../../../nodes/TencentCloudRoom/TencentCloudRoom.node';
import { runNode } from '../../harness/n8n';
import type { TencentRoomSimulator } from '../../simulator/tencentRoom';
import { SDK_APP_ID, SECRET_KEY, startTencentSimulator, tencentCredential } from './setup';

const node = new TencentCloudRoom();

describe('Tencent Cloud Chat API credential', () => {
	let sim: TencentRoomSimulator;
	beforeEach(async () => (sim = await startTencentSimulator()));
	afterEach(async () => await sim.stop());

	it('sends sdkappid, identifier, a valid UserSig, random and contenttype on every call', async () => {
		await runNode(node, tencentCredential(sim), { params: { resource: 'callback', operation: 'get' } });
		const [req] = sim.requests('POST', '/v4/room_config/get_callback');
		expect(req.query.get('sdkappid')).toBe(String(SDK_APP_ID));
		expect(req.query.get('identifier')).toBe('administrator');
		expect(req.query.get('contenttype')).toBe('json');
		expect(Number(req.query.get('random'))).toBeLessThanOrEqual(4294967295);
		expect(sim.checkUserSig(req.query.get('usersig')!, 'administrator')).toBeUndefined();
		expect(req.rawBody).toBe('{}');
		expect(req.query.toString()).not.toContain(SECRET_KEY);
	});

	it('passes the credential test, and fails it with a wrong key or a non-admin account', async () => {
		expect(await tencentCredential(sim).test()).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await tencentCredential(sim, { secretKey: 'wrong' }).test()).toEqual({
			status: 'Error',
			message: 'Tencent Cloud rejected the request: check the SDKAppID, secret key, admin account and API host',
		});
		const store = tencentCredential(sim, { secretKey: 'wrong' });
		const error = await runNode(node, store, { params: { resource: 'callback', operation: 'get' } }).catch((e) => e);
		expect(error.message).toBe('Tencent Cloud Chat: get_callback failed (60004: UserSig signature is invalid)');
		expect(error.description).toMatch(/secret key/);
		const notAdmin = await runNode(node, tencentCredential(sim, { adminAccount: 'bob' }), { params: { resource: 'callback', operation: 'get' } }).catch((e) => e);
		expect(notAdmin.message).toMatch(/60010/);
	});
});

describe('Tencent Cloud Room node', () => {
	let sim: TencentRoomSimulator;
	beforeEach(async () => (sim = await startTencentSimulator()));
	afterEach(async () => await sim.stop());
	const run = async (params: IDataObject) => await runNode(node, tencentCredential(sim), { params });
	const lastBody = (path: string) => sim.requests('POST', path).at(-1)!.json;

	it('Room: create, get, update, destroy', async () => {
		const [created] = await run({
			resource: 'room',
			operation: 'create',
			roomId: 'room-1',
			roomType: 'Conference',
			roomFields: { RoomName: 'Standup', MaxMemberCount: 50, IsSeatEnabled: true, ScheduleStartTime: '2030-01-01T09:00:00.000Z' },
		});
		expect(lastBody('/v4/room_engine_http_srv/create_room')).toEqual({
			RoomInfo: { RoomId: 'room-1', RoomType: 'Conference', RoomName: 'Standup', MaxMemberCount: 50, IsSeatEnabled: true, ScheduleStartTime: 1893488400 },
		});
		expect(created.json).toMatchObject({ success: true, roomId: 'room-1' });

		const [room] = await run({ resource: 'room', operation: 'get', roomId: 'room-1' });
		expect(lastBody('/v4/room_engine_http_srv/get_room_info')).toEqual({ RoomId: 'room-1' });
		expect(room.json).toMatchObject({ RoomId: 'room-1', RoomName: 'Standup', ScheduleStartTimeIso: '2030-01-01T09:00:00.000Z' });

		await run({ resource: 'room', operation: 'update', roomId: 'room-1', roomFields: { RoomName: 'Retro', IsMessageDisabled: true } });
		expect(lastBody('/v4/room_engine_http_srv/update_room_info')).toEqual({ RoomInfo: { RoomId: 'room-1', RoomName: 'Retro', IsMessageDisabled: true } });
		expect(sim.rooms.get('room-1')).toMatchObject({ RoomName: 'Retro', IsMessageDisabled: true });

		await run({ resource: 'room', operation: 'destroy', roomId: 'room-1' });
		expect(lastBody('/v4/room_engine_http_srv/destroy_room')).toEqual({ RoomId: 'room-1' });
		expect(sim.rooms.size).toBe(0);
	});

	it('Member: get many, kick out, change owner', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		sim.members.set('r', ['ann', 'bob', 'cid']);
		const members = await run({ resource: 'member', operation: 'getAll', roomId: 'r' });
		expect(members.map((m) => m.json)).toEqual([
			{ roomId: 'r', Member_Account: 'ann' },
			{ roomId: 'r', Member_Account: 'bob' },
			{ roomId: 'r', Member_Account: 'cid' },
		]);
		await run({ resource: 'member', operation: 'kick', roomId: 'r', members: 'bob, cid' });
		expect(lastBody('/v4/room_engine_http_srv/kick_user_out')).toEqual({ RoomId: 'r', MemberList_Account: ['bob', 'cid'] });
		expect(sim.members.get('r')).toEqual(['ann']);
		await run({ resource: 'member', operation: 'changeOwner', roomId: 'r', newOwner: 'ann' });
		expect(lastBody('/v4/room_engine_http_srv/change_room_owner')).toEqual({ RoomId: 'r', NewOwner_Account: 'ann' });
	});

	it('Seat: pick onto seat, get many, kick off', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		await run({ resource: 'seat', operation: 'pick', roomId: 'r', member: 'ann', seatIndex: 2 });
		expect(lastBody('/v4/room_engine_http_mic/pick_user_on_seat')).toEqual({ RoomId: 'r', Index: 2, Member_Account: 'ann' });
		const seats = await run({ resource: 'seat', operation: 'getAll', roomId: 'r' });
		expect(seats[0].json).toMatchObject({ roomId: 'r', Index: 2, Member_Account: 'ann' });
		await run({ resource: 'seat', operation: 'kickOff', roomId: 'r', member: 'ann' });
		expect(lastBody('/v4/room_engine_http_mic/kick_user_off_seat')).toEqual({ RoomId: 'r', Member_Account: 'ann' });
		expect(sim.seats.get('r')).toEqual([]);
	});

	it('Callback configuration: set, get, update, delete', async () => {
		await run({ resource: 'callback', operation: 'set', url: 'https://example.com/a', commands: ['Room.CallbackAfterCreateRoom'] });
		expect(lastBody('/v4/room_config/set_callback')).toEqual({ Url: 'https://example.com/a', CallbackCommandList: ['Room.CallbackAfterCreateRoom'] });
		const error = await run({ resource: 'callback', operation: 'set', url: 'https://example.com/b', commands: [] }).catch((e) => e);
		expect(error.message).toBe('Tencent Cloud Chat: set_callback failed (100300: callback config already exists)');
		expect(error.description).toMatch(/use Update/);
		await run({ resource: 'callback', operation: 'update', url: 'https://example.com/b', commands: ['Mic.CallbackAfterSeatInfoChanged'] });
		const [got] = await run({ resource: 'callback', operation: 'get' });
		expect(got.json).toEqual({ configured: true, Url: 'https://example.com/b', CallbackCommandList: ['Mic.CallbackAfterSeatInfoChanged'] });
		await run({ resource: 'callback', operation: 'delete' });
		expect(lastBody('/v4/room_config/delete_callback')).toEqual({});
		expect((await run({ resource: 'callback', operation: 'get' }))[0].json).toEqual({ configured: false });
	});

	it('Custom command sends the body as given', async () => {
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		const [out] = await run({ resource: 'custom', operation: 'send', service: 'room_engine_http_srv', command: 'get_room_info', body: '{"RoomId":"r"}' });
		expect(out.json).toMatchObject({ ActionStatus: 'OK', Response: { RoomInfo: { RoomId: 'r' } } });
	});

	it('turns ActionStatus FAIL into a NodeApiError naming the code, and honours Continue On Fail', async () => {
		const error = await run({ resource: 'room', operation: 'get', roomId: 'missing' }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Tencent Cloud Chat: get_room_info failed (100004: room does not exist)');
		expect(error.description).toBe('The room does not exist or was destroyed.');
		const out = await runNode(node, tencentCredential(sim), {
			items: [{}, {}],
			params: (i) => ({ resource: 'room', operation: 'destroy', roomId: i === 0 ? 'missing' : '' }),
			continueOnFail: true,
		});
		expect(out.map((o) => o.json.error)).toEqual(['Tencent Cloud Chat: get_room_info failed (100004: room does not exist)'.replace('get_room_info', 'destroy_room'), 'Enter the Room ID']);
	});

	it('refuses an invalid callback URL and an invalid custom command before sending', async () => {
		await expect(run({ resource: 'callback', operation: 'set', url: 'ftp://x', commands: [] })).rejects.toThrow(/http:\/\/ or https:\/\//);
		await expect(run({ resource: 'custom', operation: 'send', service: '../x', command: 'y', body: '{}' })).rejects.toThrow(/lowercase names/);
		expect(sim.log).toHaveLength(0);
	});
});
