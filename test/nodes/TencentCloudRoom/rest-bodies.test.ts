/**
 * Every Tencent Cloud Room operation sends exactly the documented REST body, and the simulator
 * refuses that body without any one of its required fields (ActionStatus FAIL, 100002): a node that
 * dropped a field would fail here. Each request is replayed to the simulator with its own valid
 * query (sdkappid, identifier, UserSig, random, contenttype), one field removed at a time.
 */
import type { IDataObject } from 'n8n-workflow';

import { TencentCloudRoom } from '../../../nodes/TencentCloudRoom/TencentCloudRoom.node';
import { without } from '../../harness/bodies';
import { runNode } from '../../harness/n8n';
import type { TencentRoomSimulator } from '../../simulator/tencentRoom';
import { post } from '../../simulator/server';
import { startTencentSimulator, tencentCredential } from './setup';

const node = new TencentCloudRoom();

interface Case {
	params: IDataObject;
	path: string;
	body: IDataObject;
	/** Required fields (top level, or "MemberInfo.Member_Account"-style paths). */
	required: string[];
}

const R = 'room_engine_http_srv';
const M = 'room_engine_http_mic';
const CASES: Case[] = [
	{
		params: {
			resource: 'room',
			operation: 'create',
			roomId: 'new',
			roomType: 'Conference',
			roomFields: {},
		},
		path: `${R}/create_room`,
		body: { RoomInfo: { RoomId: 'new', RoomType: 'Conference' } },
		required: ['RoomInfo', 'RoomInfo.RoomId', 'RoomInfo.RoomType'],
	},
	{
		params: { resource: 'room', operation: 'get', roomId: 'r' },
		path: `${R}/get_room_info`,
		body: { RoomId: 'r' },
		required: ['RoomId'],
	},
	{
		params: { resource: 'room', operation: 'update', roomId: 'r', roomFields: { RoomName: 'x' } },
		path: `${R}/update_room_info`,
		body: { RoomInfo: { RoomId: 'r', RoomName: 'x' } },
		required: ['RoomInfo', 'RoomInfo.RoomId'],
	},
	{
		params: { resource: 'member', operation: 'getAll', roomId: 'r', returnAll: false, limit: 5 },
		path: `${R}/get_room_member_list`,
		body: { RoomId: 'r', Count: 5, Next: '' },
		required: ['RoomId'],
	},
	{
		params: { resource: 'member', operation: 'getBanned', roomId: 'r', returnAll: false, limit: 5 },
		path: `${R}/get_banned_member_list`,
		body: { RoomId: 'r', Limit: 5 },
		required: ['RoomId'],
	},
	{
		params: { resource: 'member', operation: 'kick', roomId: 'r', members: 'cid', reason: 'spam' },
		path: `${R}/kick_user_out`,
		body: { RoomId: 'r', MemberList_Account: ['cid'], Reason: 'spam' },
		required: ['RoomId', 'MemberList_Account', 'Reason'],
	},
	{
		params: {
			resource: 'member',
			operation: 'changeOwner',
			roomId: 'r',
			currentOwner: 'ann',
			newOwner: 'bob',
		},
		path: `${R}/change_room_owner`,
		body: { RoomId: 'r', From_Account: 'ann', NewOwner_Account: 'bob' },
		required: ['RoomId', 'From_Account', 'NewOwner_Account'],
	},
	{
		params: {
			resource: 'member',
			operation: 'ban',
			roomId: 'r',
			members: 'dee',
			reason: 'flood',
			duration: 600,
		},
		path: `${R}/ban_room_member`,
		body: { RoomId: 'r', MemberList_Account: ['dee'], Reason: 'flood', Duration: 600 },
		required: ['RoomId', 'MemberList_Account', 'Reason', 'Duration'],
	},
	{
		params: { resource: 'member', operation: 'unban', roomId: 'r', members: 'dee' },
		path: `${R}/unban_room_member`,
		body: { RoomId: 'r', MemberList_Account: ['dee'] },
		required: ['RoomId', 'MemberList_Account'],
	},
	{
		params: {
			resource: 'member',
			operation: 'mark',
			roomId: 'r',
			members: 'ann',
			markAction: 'set',
			marks: '1000',
		},
		path: `${R}/mark_room_member`,
		body: { RoomId: 'r', CommandType: 1, MemberList: [{ Member_Account: 'ann', Marks: [1000] }] },
		required: ['RoomId', 'CommandType', 'MemberList'],
	},
	{
		params: {
			resource: 'member',
			operation: 'update',
			roomId: 'r',
			member: 'ann',
			memberFields: { CustomInfo: 'vip' },
		},
		path: `${R}/update_room_member_info`,
		body: { RoomId: 'r', MemberInfo: { Member_Account: 'ann', CustomInfo: 'vip' } },
		required: ['RoomId', 'MemberInfo', 'MemberInfo.Member_Account'],
	},
	{
		params: { resource: 'seat', operation: 'getAll', roomId: 'r' },
		path: `${M}/get_seat_list`,
		body: { RoomId: 'r' },
		required: ['RoomId'],
	},
	{
		params: { resource: 'seat', operation: 'pick', roomId: 'r', member: 'ann', seatIndex: 4 },
		path: `${M}/pick_user_on_seat`,
		body: { RoomId: 'r', Index: 4, Member_Account: 'ann' },
		required: ['RoomId', 'Index', 'Member_Account'],
	},
	{
		params: { resource: 'seat', operation: 'switch', roomId: 'r', member: 'ann', toIndex: 5 },
		path: `${M}/switch_seat`,
		body: { RoomId: 'r', ToIndex: 5, Member_Account: 'ann' },
		required: ['RoomId', 'ToIndex', 'Member_Account'],
	},
	{
		params: {
			resource: 'seat',
			operation: 'move',
			roomId: 'r',
			member: 'bob',
			toIndex: 7,
			movePolicy: 'exchange',
		},
		path: `${M}/move_user_to_seat`,
		body: { RoomId: 'r', SeatIndex: 7, Member_Account: 'bob', Policy: 2 },
		required: ['RoomId', 'SeatIndex', 'Member_Account', 'Policy'],
	},
	{
		params: {
			resource: 'seat',
			operation: 'lock',
			roomId: 'r',
			seatIndex: 6,
			forbidTaken: true,
			forbidVideo: true,
			forbidAudio: false,
		},
		path: `${M}/lock_seat`,
		body: { RoomId: 'r', Index: 6, ForbidTaken: true, ForbidVideo: true, ForbidAudio: false },
		required: ['RoomId', 'Index'],
	},
	{
		params: { resource: 'seat', operation: 'kickOff', roomId: 'r', member: 'ann', data: 'bye' },
		path: `${M}/kick_user_off_seat`,
		body: { RoomId: 'r', Member_Account: 'ann', Data: 'bye' },
		required: ['RoomId', 'Member_Account', 'Data'],
	},
	{
		params: { resource: 'room', operation: 'destroy', roomId: 'r' },
		path: `${R}/destroy_room`,
		body: { RoomId: 'r' },
		required: ['RoomId'],
	},
];

describe('Tencent Cloud Room node: every REST body as documented', () => {
	let sim: TencentRoomSimulator;
	beforeAll(async () => {
		sim = await startTencentSimulator();
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference', Owner_Account: 'ann' });
		sim.addMembers('r', ['ann', 'bob', 'cid', 'dee']);
		// Move moves a member who is on a seat.
		sim.seats.set('r', [{ Index: 0, Member_Account: 'bob', IsTakenDisabled: false }]);
	});
	afterAll(async () => await sim.stop());

	it.each(CASES.map((c) => [c.path, c] as const))('%s', async (path, c) => {
		const before = sim.log.length;
		await runNode(node, tencentCredential(sim), { params: c.params });
		const sent = sim.log.slice(before).filter((r) => r.path === `/v4/${path}`);
		expect(sent).toHaveLength(1);
		const [request] = sent;
		expect(request.method).toBe('POST');
		expect(request.json).toEqual(c.body);
		expect([...request.query.keys()].sort()).toEqual([
			'contenttype',
			'identifier',
			'random',
			'sdkappid',
			'usersig',
		]);

		// The same request without each required field: refused as Tencent documents.
		const url = `${sim.baseUrl}/v4/${path}?${request.query.toString()}`;
		for (const field of c.required) {
			const answer = await post(url, JSON.stringify(without(c.body, field)));
			expect({ field, status: answer.status, body: answer.body }).toMatchObject({
				field,
				status: 200,
				body: { ActionStatus: 'FAIL', ErrorCode: 100002 },
			});
		}
		// And with a mistyped one (a string where an integer or array is documented).
		const typed = Object.entries(c.body).find(([, v]) => typeof v === 'number' || Array.isArray(v));
		if (typed) {
			const answer = await post(url, JSON.stringify({ ...c.body, [typed[0]]: 'oops' }));
			expect(answer.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 100002 });
		}
	});
});

describe('Tencent Cloud Room node: Seat → Move sends move_user_to_seat as documented', () => {
	let sim: TencentRoomSimulator;
	beforeEach(async () => {
		sim = await startTencentSimulator();
		sim.rooms.set('r', { RoomId: 'r', RoomType: 'Conference' });
		sim.addMembers('r', ['ann', 'bob']);
		sim.seats.set('r', [
			{ Index: 0, Member_Account: 'ann', IsTakenDisabled: false },
			{ Index: 1, Member_Account: '', IsTakenDisabled: false },
		]);
	});
	afterEach(async () => await sim.stop());
	const path = `/v4/${M}/move_user_to_seat`;

	it.each([
		['cancel', 0],
		['force', 1],
		['exchange', 2],
	] as const)('Move Policy %s is sent as Policy %i', async (movePolicy, Policy) => {
		const [out] = await runNode(node, tencentCredential(sim), {
			params: {
				resource: 'seat',
				operation: 'move',
				roomId: 'r',
				member: 'ann',
				toIndex: 1,
				movePolicy,
			},
		});
		const sent = sim.requests('POST', path);
		expect(sent).toHaveLength(1);
		expect(sent[0].rawBody).toBe(
			JSON.stringify({ RoomId: 'r', SeatIndex: 1, Member_Account: 'ann', Policy }),
		);
		expect(out.json).toEqual({
			success: true,
			roomId: 'r',
			SeatIndex: 1,
			Member_Account: 'ann',
			Policy,
			requestId: expect.stringMatching(/^Id-/),
		});
	});

	it('the simulator refuses a wrong body: a missing field, a wrong type, an unknown policy', async () => {
		await runNode(node, tencentCredential(sim), {
			params: { resource: 'seat', operation: 'move', roomId: 'r', member: 'ann', toIndex: 1 },
		});
		const [request] = sim.requests('POST', path);
		expect(request.json).toEqual({ RoomId: 'r', SeatIndex: 1, Member_Account: 'ann', Policy: 0 });
		const url = `${sim.baseUrl}${path}?${request.query.toString()}`;
		const good = { RoomId: 'r', SeatIndex: 0, Member_Account: 'ann', Policy: 0 };
		const wrong: Array<[IDataObject, string]> = [
			[without(good, 'Policy'), 'Policy is required'],
			[without(good, 'SeatIndex'), 'SeatIndex is required'],
			[{ ...good, Policy: 'exchange' }, 'Policy must be an integer'],
			[{ ...good, SeatIndex: '1' }, 'SeatIndex must be an integer'],
			[{ ...good, Member_Account: 7 }, 'Member_Account must be a string'],
			[{ ...good, Policy: 3 }, 'Policy must be 0 (cancel), 1 (force) or 2 (exchange)'],
			// switch_seat's field name is not move_user_to_seat's.
			[{ RoomId: 'r', ToIndex: 1, Member_Account: 'ann', Policy: 0 }, 'SeatIndex is required'],
		];
		for (const [body, info] of wrong) {
			const answer = await post(url, JSON.stringify(body));
			expect({ body, status: answer.status, answer: answer.body }).toEqual({
				body,
				status: 200,
				answer: {
					ActionStatus: 'FAIL',
					ErrorCode: 100002,
					ErrorInfo: info,
					RequestId: expect.stringMatching(/^Id-/),
				},
			});
		}
		// Nothing moved: ann is still where the Move above put her.
		expect(sim.seats.get('r')!.find((s) => s.Member_Account === 'ann')!.Index).toBe(1);
	});
});
