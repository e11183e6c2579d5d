/**
 * The Tencent Cloud TRTC Trigger's Filters (room IDs, user IDs), over real HTTP from the TRTC
 * callback simulator: a callback filtered out is answered {"code":0} as usual and starts nothing.
 */
import type { TriggerHost } from '../../harness/n8n';
import { trtcEvent } from '../../simulator/tencentRtcCallbacks';
import type { TrtcCallbackSender } from '../../simulator/tencentRtcCallbacks';
import { trtcTrigger } from './triggerSetup';

let host: TriggerHost | undefined;
let sender: TrtcCallbackSender;
afterEach(async () => {
	await host?.stop();
	host = undefined;
});

async function filtered(filters: Record<string, unknown>) {
	({ host, sender } = await trtcTrigger({ filters }));
}

it('Room IDs: numeric and string rooms alike; another room is answered {"code":0} and starts nothing', async () => {
	await filtered({ roomIds: '12345, room-b' });
	await sender.deliver(trtcEvent(103, Date.now(), { RoomId: 999 }));
	await sender.deliver(trtcEvent(103, Date.now(), { RoomId: 'room-c' }));
	expect(host!.emitted).toHaveLength(0);
	expect(sender.attempts.map((a) => [a.status, a.body])).toEqual(
		Array(2).fill([200, '{"code":0}']),
	);
	await sender.deliver(trtcEvent(103, Date.now(), { RoomId: 12345 }));
	await sender.deliver(trtcEvent(102, Date.now(), { RoomId: 'room-b' }));
	expect(host!.emitted.map(([i]) => i.roomId)).toEqual(['12345', 'room-b']);
});

it('User IDs: only callbacks naming a listed user; a callback with no user (102) is left out', async () => {
	await filtered({ userIds: 'alice,\n recorder_robot' });
	await sender.deliver(trtcEvent(103, Date.now(), { UserId: 'bob' }));
	await sender.deliver(trtcEvent(102));
	expect(host!.emitted).toHaveLength(0);
	await sender.deliver(trtcEvent(103, Date.now(), { UserId: 'alice' }));
	await sender.deliver(trtcEvent(311));
	expect(host!.emitted.map(([i]) => i.userId)).toEqual(['alice', 'recorder_robot']);
});

it('both filters must pass; no filter lets every selected callback through', async () => {
	await filtered({ roomIds: '12345', userIds: 'alice' });
	await sender.deliver(trtcEvent(103, Date.now(), { UserId: 'alice', RoomId: 1 }));
	await sender.deliver(trtcEvent(103, Date.now(), { UserId: 'bob' }));
	await sender.deliver(trtcEvent(103, Date.now(), { UserId: 'alice' }));
	expect(host!.emitted).toHaveLength(1);
	await host!.stop();
	await filtered({});
	await sender.deliver(trtcEvent(101));
	await sender.deliver(trtcEvent(201));
	expect(host!.emitted).toHaveLength(2);
});
