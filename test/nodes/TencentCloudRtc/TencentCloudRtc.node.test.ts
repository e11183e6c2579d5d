/**
 * nodes/TencentCloudRtc/TencentCloudRtc.node.ts through n8n-core against the simulated TRTC API:
 * the action, version, region and body each operation sends, the items, and the errors mapped.
 * Cloud recording is in recording.node.test.ts, the usage history in usage.node.test.ts; the
 * credential (signing, its test) in test/credentials/TencentCloudApi.credentials.test.ts.
 */
import { TencentCloudRtc } from '../../../nodes/TencentCloudRtc/TencentCloudRtc.node';
import { providerCodeOf } from '../../../nodes/shared/http';
import { runNode } from '../../harness/n8n';
import type { TencentRtcApiSimulator } from '../../simulator/tencentRtcApi';
import { requestIdOf, SDK_APP_ID, sent, startTrtcSimulator, trtcCredential } from './setup';

const node = new TencentCloudRtc();
const room = (params: Record<string, unknown>) => ({
	resource: 'room',
	sdkAppId: SDK_APP_ID,
	...params,
});

describe('Tencent Cloud TRTC node: Room', () => {
	let sim: TencentRtcApiSimulator;
	beforeEach(async () => (sim = await startTrtcSimulator()));
	afterEach(async () => await sim.stop());

	it('Dismiss on a numeric room sends DismissRoom with an integer RoomId', async () => {
		sim.state.addRoom(SDK_APP_ID, 1234, ['alice', 'bob']);
		const [item] = await runNode(node, trtcCredential(sim), {
			params: room({ operation: 'dismiss', roomId: '1234' }),
		});
		expect(sent(sim, 'DismissRoom')).toEqual({ SdkAppId: SDK_APP_ID, RoomId: 1234 });
		expect(item.json).toEqual({
			sdkAppId: SDK_APP_ID,
			roomId: 1234,
			action: 'DismissRoom',
			dismissed: true,
			requestId: requestIdOf(sim, 0),
		});
		expect(sim.state.rooms.size).toBe(0);
	});

	it('Dismiss on a string room sends DismissRoomByStrRoomId with the text, even when it is digits', async () => {
		sim.state.addRoom(SDK_APP_ID, '1234', ['alice']);
		sim.state.addRoom(SDK_APP_ID, 1234, ['bob']);
		const [item] = await runNode(node, trtcCredential(sim), {
			params: room({ operation: 'dismiss', roomIdType: 'string', roomId: ' 1234 ' }),
		});
		expect(sent(sim, 'DismissRoomByStrRoomId')).toEqual({ SdkAppId: SDK_APP_ID, RoomId: '1234' });
		expect(item.json).toMatchObject({ roomId: '1234', action: 'DismissRoomByStrRoomId' });
		expect([...sim.state.rooms.keys()]).toEqual([`${SDK_APP_ID}|n|1234`]);
	});

	it.each(['room-1', '0', '4294967295', '12.5', '-3'])(
		'refuses "%s" as a numeric room ID before sending',
		async (roomId) => {
			await expect(
				runNode(node, trtcCredential(sim), { params: room({ operation: 'dismiss', roomId }) }),
			).rejects.toThrow(/whole number from 1 to 4294967294; choose Room ID Type "String"/);
			expect(sim.log).toHaveLength(0);
		},
	);

	it('accepts the largest numeric room ID', async () => {
		sim.state.addRoom(SDK_APP_ID, 4294967294, ['a']);
		await runNode(node, trtcCredential(sim), {
			params: room({ operation: 'dismiss', roomId: '4294967294' }),
		});
		expect(sent(sim, 'DismissRoom').RoomId).toBe(4294967294);
	});

	it('a room that does not exist: FailedOperation.RoomNotExist with the RequestId and advice', async () => {
		const error = await runNode(node, trtcCredential(sim), {
			params: room({ operation: 'dismiss', roomId: '77' }),
		}).catch((e) => e);
		expect(error.message).toBe(
			`Tencent Cloud TRTC: Dismiss room failed (FailedOperation.RoomNotExist: The room does not exist. (RequestId ${requestIdOf(sim, 0)}))`,
		);
		expect(error.description).toBe(
			'The room does not exist (nobody is in it, or it was already dismissed); check the room ID and its type.',
		);
		expect(providerCodeOf(error)).toBe('FailedOperation.RoomNotExist');
		expect(sim.calls('DismissRoom')).toHaveLength(1);
	});

	it('Remove Users on a string room: RemoveUserByStrRoomId with the listed users, duplicates dropped', async () => {
		sim.state.addRoom(SDK_APP_ID, 'class-7', ['alice', 'bob', 'carol']);
		const [item] = await runNode(node, trtcCredential(sim), {
			params: room({
				operation: 'removeUsers',
				roomIdType: 'string',
				roomId: 'class-7',
				userIds: 'alice,\n bob , alice,,',
			}),
		});
		expect(sent(sim, 'RemoveUserByStrRoomId')).toEqual({
			SdkAppId: SDK_APP_ID,
			RoomId: 'class-7',
			UserIds: ['alice', 'bob'],
		});
		expect(item.json).toMatchObject({
			removedUserIds: ['alice', 'bob'],
			action: 'RemoveUserByStrRoomId',
		});
		expect([...sim.state.rooms.get(`${SDK_APP_ID}|s|class-7`)!]).toEqual(['carol']);
	});

	it('Remove Users on a numeric room: RemoveUser; 10 users pass, 11 or none are refused before sending', async () => {
		sim.state.addRoom(SDK_APP_ID, 9, ['u1']);
		const ten = Array.from({ length: 10 }, (_, n) => `u${n + 1}`).join(',');
		await runNode(node, trtcCredential(sim), {
			params: room({ operation: 'removeUsers', roomId: '9', userIds: ten }),
		});
		expect(sent(sim, 'RemoveUser')).toMatchObject({ RoomId: 9, UserIds: ten.split(',') });
		await expect(
			runNode(node, trtcCredential(sim), {
				params: room({ operation: 'removeUsers', roomId: '9', userIds: `${ten},u11` }),
			}),
		).rejects.toThrow('At most 10 user IDs per call (got 11)');
		await expect(
			runNode(node, trtcCredential(sim), {
				params: room({ operation: 'removeUsers', roomId: '9', userIds: ' , ' }),
			}),
		).rejects.toThrow('Enter at least one user ID');
		expect(sim.log).toHaveLength(1);
	});

	it('an SDKAppID of another account: UnauthorizedOperation.SdkAppId with advice', async () => {
		const error = await runNode(node, trtcCredential(sim), {
			params: room({ operation: 'dismiss', roomId: '1', sdkAppId: 1400999999 }),
		}).catch((e) => e);
		expect(error.message).toMatch(/\(UnauthorizedOperation\.SdkAppId: /);
		expect(error.description).toBe('The SDKAppID does not belong to this Tencent Cloud account.');
	});

	it('refuses a missing SDKAppID before sending', async () => {
		await expect(
			runNode(node, trtcCredential(sim), {
				params: room({ operation: 'dismiss', roomId: '1', sdkAppId: 0 }),
			}),
		).rejects.toThrow('Enter the SDKAppID');
		expect(sim.log).toHaveLength(0);
	});

	it('a region the room APIs do not serve: UnsupportedRegion from the API', async () => {
		const error = await runNode(node, trtcCredential(sim, { region: 'ap-chengdu' }), {
			params: room({ operation: 'dismiss', roomId: '1' }),
		}).catch((e) => e);
		expect(error.message).toMatch(
			/Dismiss room failed \(UnsupportedRegion: DismissRoom does not support the region `ap-chengdu`/,
		);
		expect(sim.calls('DismissRoom')[0].headers['x-tc-region']).toBe('ap-chengdu');
	});

	it('Continue On Fail: a failed item becomes an error item, the next one runs', async () => {
		sim.state.addRoom(SDK_APP_ID, 2, ['a']);
		const items = await runNode(node, trtcCredential(sim), {
			params: room({ operation: 'dismiss', roomId: '={{ $json.room }}' }),
			items: [{ room: '1' }, { room: '2' }],
			continueOnFail: true,
		});
		expect(items.map((i) => i.json)).toEqual([
			{ error: expect.stringMatching(/FailedOperation\.RoomNotExist/) },
			expect.objectContaining({ roomId: 2, dismissed: true }),
		]);
	});
});
