/**
 * The Tencent Cloud Room Trigger's Filters (room IDs, operators), over real HTTP against the
 * simulator: a callback filtered out is answered OK as usual and starts nothing.
 */
import { TencentCloudRoomTrigger } from '../../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import type { TriggerHost } from '../../harness/n8n';
import { activate, hostTrigger } from '../../harness/n8n';
import type { TencentRoomSimulator } from '../../simulator/tencentRoom';
import { ROOM_FIXTURES } from '../../fixtures/tencentRoom';
import { CALLBACK_TOKEN, startTencentSimulator, tencentCredential } from './setup';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
let sim: TencentRoomSimulator;
let host: TriggerHost | undefined;
beforeEach(async () => (sim = await startTencentSimulator()));
afterEach(async () => {
	await host?.stop();
	host = undefined;
	await sim.stop();
});

async function activated(filters: Record<string, unknown>) {
	const trigger = new TencentCloudRoomTrigger();
	host = await hostTrigger(trigger, tencentCredential(sim), {
		events: ['*'],
		filters,
		options: {},
	});
	await activate(trigger, host);
	return host;
}
const deliver = async (body: string) => {
	const answer = await sim.deliver(body, { token: CALLBACK_TOKEN });
	await host!.idle();
	return answer;
};
const withRoom = (command: string, roomId: string) =>
	ROOM_FIXTURES[command].replace(/"RoomId":"[^"]*"/, `"RoomId":"${roomId}"`);

it('Room IDs: a callback about another room is answered OK and starts nothing (RoomId at the top or in RoomInfo)', async () => {
	await activated({ roomIds: 'rid-123' });
	expect((await deliver(withRoom('Room.CallbackAfterDestroyRoom', 'other'))).body).toEqual(OK);
	expect((await deliver(withRoom('Room.CallbackAfterUpdateRoomInfo', 'other'))).body).toEqual(OK);
	expect(host!.emitted).toHaveLength(0);
	await deliver(withRoom('Room.CallbackAfterDestroyRoom', 'rid-123'));
	await deliver(ROOM_FIXTURES['Room.CallbackAfterUpdateRoomInfo']);
	expect(host!.emitted.map((items) => [items[0].command, items[0].roomId])).toEqual([
		['Room.CallbackAfterDestroyRoom', 'rid-123'],
		['Room.CallbackAfterUpdateRoomInfo', 'rid-123'],
	]);
});

it('Operators: only callbacks caused by a listed account start an execution', async () => {
	await activated({ operators: 'bob,\n admin' });
	await deliver(ROOM_FIXTURES['Room.CallbackAfterMemberEnter']); // user1
	expect(host!.emitted).toHaveLength(0);
	expect(host!.responses.at(-1)!.body).toEqual(OK);
	await deliver(ROOM_FIXTURES['Room.CallbackAfterUpdateRoomInfo']); // bob
	await deliver(ROOM_FIXTURES['Room.CallbackAfterDestroyRoom']); // admin
	expect(host!.emitted.map((items) => items[0].operatorAccount)).toEqual(['bob', 'admin']);
});

it('no filter: every selected callback starts one execution', async () => {
	await activated({});
	await deliver(ROOM_FIXTURES['Room.CallbackAfterMemberEnter']);
	await deliver(ROOM_FIXTURES['Room.CallbackAfterDestroyRoom']);
	expect(host!.emitted).toHaveLength(2);
});
