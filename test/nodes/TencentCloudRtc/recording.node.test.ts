/**
 * The Tencent Cloud TRTC node's Cloud Recording operations against the simulated TRTC API:
 * CreateCloudRecording / DescribeCloudRecording / ModifyCloudRecording / DeleteCloudRecording,
 * the bodies sent, the task's life cycle, and the recording error codes with their advice.
 */
import { TencentCloudRtc } from '../../../nodes/TencentCloudRtc/TencentCloudRtc.node';
import { runNode } from '../../harness/n8n';
import type { TencentRtcApiSimulator } from '../../simulator/tencentRtcApi';
import {
	SDK_APP_ID,
	SDK_SECRET_KEY,
	sent,
	startTrtcSimulator,
	trtcCredential,
	withChatCredential,
} from './setup';

const node = new TencentCloudRtc();
/** Stand-ins generated per run: never real, never committed. */
const USER_SIG = `sig-${Math.random().toString(36).slice(2)}`;
const COS_SECRET = `cos-${Math.random().toString(36).slice(2)}`;

const recording = (params: Record<string, unknown>) => ({
	resource: 'cloudRecording',
	sdkAppId: SDK_APP_ID,
	...params,
});
const start = (params: Record<string, unknown> = {}) =>
	recording({
		operation: 'start',
		roomId: '1234',
		robotUserId: 'recorder_1',
		userSigSource: 'manual',
		userSig: USER_SIG,
		...params,
	});
const cos = {
	storage: 'cos',
	cosRegion: 'ap-guangzhou',
	cosBucket: 'rec-1250000000',
	cosAccessKey: 'AKIDcosEXAMPLE',
	cosSecretKey: COS_SECRET,
};

describe('Tencent Cloud TRTC node: Cloud Recording', () => {
	let sim: TencentRtcApiSimulator;
	beforeEach(async () => (sim = await startTrtcSimulator()));
	afterEach(async () => await sim.stop());

	it('Start with the defaults: mixed recording to VOD, RoomId sent as a string with RoomIdType 1', async () => {
		const [item] = await runNode(node, trtcCredential(sim), { params: start() });
		expect(sent(sim, 'CreateCloudRecording')).toEqual({
			SdkAppId: SDK_APP_ID,
			RoomId: '1234',
			RoomIdType: 1,
			UserId: 'recorder_1',
			UserSig: USER_SIG,
			RecordParams: { RecordMode: 2, StreamType: 0, MaxIdleTime: 30 },
			StorageParams: { CloudVod: { TencentVod: { MediaType: 0 } } },
		});
		const [taskId] = [...sim.state.tasks.keys()];
		expect(item.json).toEqual({
			sdkAppId: SDK_APP_ID,
			taskId,
			requestId: (sim.answers[0].body as { RequestId: string }).RequestId,
		});
		expect(JSON.stringify(item.json)).not.toContain(USER_SIG);
	});

	it('Start to object storage on a string room with every option', async () => {
		await runNode(node, trtcCredential(sim), {
			params: start({
				roomIdType: 'string',
				roomId: 'class-7',
				recordMode: 1,
				streamType: 1,
				maxIdleTime: 120,
				outputFormat: 3,
				cosVendor: 1,
				...cos,
				startOptions: {
					fileNamePrefix: 'n8n, 2026',
					maxMediaFileDuration: 60,
					mediaId: 1,
					resourceExpiredHour: 24,
					subscribeStreamUserIds: '{"SubscribeAudioUserIds":["teacher.*$"]}',
					mixLayoutParams: { MixLayoutMode: 3 },
				},
			}),
		});
		expect(sent(sim, 'CreateCloudRecording')).toEqual({
			SdkAppId: SDK_APP_ID,
			RoomId: 'class-7',
			RoomIdType: 0,
			UserId: 'recorder_1',
			UserSig: USER_SIG,
			RecordParams: {
				RecordMode: 1,
				StreamType: 1,
				MaxIdleTime: 120,
				OutputFormat: 3,
				MaxMediaFileDuration: 60,
				MediaId: 1,
				SubscribeStreamUserIds: { SubscribeAudioUserIds: ['teacher.*$'] },
			},
			StorageParams: {
				CloudStorage: {
					Vendor: 1,
					Region: 'ap-guangzhou',
					Bucket: 'rec-1250000000',
					AccessKey: 'AKIDcosEXAMPLE',
					SecretKey: COS_SECRET,
					FileNamePrefix: ['n8n', '2026'],
				},
			},
			MixLayoutParams: { MixLayoutMode: 3 },
			ResourceExpiredHour: 24,
		});
	});

	it("Start generates the robot's UserSig from the Chat credential's key, valid for the task's hours plus one", async () => {
		sim.state.sdkKeys.set(SDK_APP_ID, SDK_SECRET_KEY);
		const store = withChatCredential(trtcCredential(sim));
		const [item] = await runNode(node, store, {
			params: start({ userSigSource: 'generate', userSig: '' }),
		});
		const body = sent(sim, 'CreateCloudRecording');
		expect(sim.answers[0].code).toBeUndefined();
		const [task] = [...sim.state.tasks.values()];
		expect(task.userSig).toMatchObject({
			'TLS.identifier': 'recorder_1',
			'TLS.sdkappid': SDK_APP_ID,
			'TLS.expire': 73 * 3600,
		});
		expect(Math.abs((task.userSig!['TLS.time'] as number) - Date.now() / 1000)).toBeLessThan(5);
		expect(JSON.stringify(item.json)).not.toContain(body.UserSig as string);
		await runNode(node, store, {
			params: start({ userSigSource: 'generate', startOptions: { resourceExpiredHour: 6 } }),
		});
		expect([...sim.state.tasks.values()][1].userSig!['TLS.expire']).toBe(7 * 3600);
	});

	it('a Chat credential of another app, or a wrong UserSig, is refused', async () => {
		sim.state.sdkKeys.set(SDK_APP_ID, SDK_SECRET_KEY);
		const other = withChatCredential(trtcCredential(sim), {
			sdkAppId: 1400000001,
			secretKey: SDK_SECRET_KEY,
		});
		await expect(
			runNode(node, other, { params: start({ userSigSource: 'generate' }) }),
		).rejects.toThrow(
			`The Tencent Cloud Chat API credential is for SDKAppID 1400000001, not ${SDK_APP_ID}`,
		);
		expect(sim.log).toHaveLength(0);
		const wrongKey = withChatCredential(trtcCredential(sim), {
			sdkAppId: SDK_APP_ID,
			secretKey: 'not-the-key',
		});
		const error = await runNode(node, wrongKey, {
			params: start({ userSigSource: 'generate' }),
		}).catch((e) => e);
		expect(error.message).toMatch(/\(InvalidParameter\.UserSig: /);
		expect(error.description).toMatch(/check the app's secret key in the Tencent Cloud Chat API/);
		const manual = await runNode(node, trtcCredential(sim), { params: start() }).catch((e) => e);
		expect(manual.message).toMatch(/\(InvalidParameter\.UserSig: UserSig cannot be decoded/);
		expect(sim.state.tasks.size).toBe(0);
	});

	it('Start with VOD options sends them under CloudVod.TencentVod', async () => {
		await runNode(node, trtcCredential(sim), {
			params: start({
				vodMediaType: 3,
				startOptions: { procedure: 'flow-1', subAppId: 1500000001, userDefineRecordId: 'lesson-9' },
			}),
		});
		expect(sent(sim, 'CreateCloudRecording').StorageParams).toEqual({
			CloudVod: {
				TencentVod: {
					MediaType: 3,
					Procedure: 'flow-1',
					SubAppId: 1500000001,
					UserDefineRecordId: 'lesson-9',
				},
			},
		});
	});

	it('Start refuses bad JSON options and missing storage fields before sending, without echoing secrets', async () => {
		await expect(
			runNode(node, trtcCredential(sim), {
				params: start({ startOptions: { mixLayoutParams: '{"MixLayoutMode":' } }),
			}),
		).rejects.toThrow('Mix Layout Params is not valid JSON');
		await expect(
			runNode(node, trtcCredential(sim), {
				params: start({ startOptions: { subscribeStreamUserIds: '["a"]' } }),
			}),
		).rejects.toThrow('Subscribe Stream User IDs must be a JSON object');
		const error = await runNode(node, trtcCredential(sim), {
			params: start({ ...cos, cosBucket: ' ' }),
		}).catch((e) => e);
		expect(error.message).toBe('Enter the bucket');
		expect(JSON.stringify(error)).not.toContain(COS_SECRET);
		await expect(
			runNode(node, trtcCredential(sim), { params: start({ userSig: '' }) }),
		).rejects.toThrow('Enter the robot UserSig');
		expect(sim.log).toHaveLength(0);
	});

	it('Get: the task InProgress with its files (ISO times next to the ms), then Exited when the room is dismissed', async () => {
		sim.state.addRoom(SDK_APP_ID, 1234, ['alice', 'bob']);
		const [started] = await runNode(node, trtcCredential(sim), {
			params: start({ recordMode: 1, ...cos }),
		});
		const taskId = started.json.taskId as string;
		const [got] = await runNode(node, trtcCredential(sim), {
			params: recording({ operation: 'get', taskId }),
		});
		expect(sent(sim, 'DescribeCloudRecording')).toEqual({ SdkAppId: SDK_APP_ID, TaskId: taskId });
		const begin = sim.state.tasks.get(taskId)!.startedAt;
		expect(got.json).toEqual({
			sdkAppId: SDK_APP_ID,
			taskId,
			status: 'InProgress',
			files: ['alice', 'bob'].map((user) => ({
				UserId: user,
				FileName: `${taskId}__UserId_s_${user}__UserId_s_main.m3u8`,
				TrackType: 'audio_video',
				BeginTimeStamp: begin,
				BeginTimeIso: new Date(begin).toISOString(),
			})),
			requestId: expect.any(String),
		});
		await runNode(node, trtcCredential(sim), {
			params: { resource: 'room', operation: 'dismiss', sdkAppId: SDK_APP_ID, roomId: '1234' },
		});
		const [after] = await runNode(node, trtcCredential(sim), {
			params: recording({ operation: 'get', taskId }),
		});
		expect(after.json).toMatchObject({ status: 'Exited', files: [] });
	});

	it('Update replaces the subscription lists and the layout as a whole', async () => {
		const [started] = await runNode(node, trtcCredential(sim), { params: start() });
		const taskId = started.json.taskId as string;
		const [updated] = await runNode(node, trtcCredential(sim), {
			params: recording({
				operation: 'update',
				taskId,
				updateFields: {
					SubscribeAudioUserIds: 'alice, bob',
					UnSubscribeVideoUserIds: '',
					mixLayoutParams: '{"MixLayoutMode":1}',
				},
			}),
		});
		expect(sent(sim, 'ModifyCloudRecording')).toEqual({
			SdkAppId: SDK_APP_ID,
			TaskId: taskId,
			SubscribeStreamUserIds: {
				SubscribeAudioUserIds: ['alice', 'bob'],
				UnSubscribeVideoUserIds: [],
			},
			MixLayoutParams: { MixLayoutMode: 1 },
		});
		expect(updated.json).toMatchObject({ taskId, updated: true });
		expect(sim.state.tasks.get(taskId)!.subscribe).toEqual({
			SubscribeAudioUserIds: ['alice', 'bob'],
			UnSubscribeVideoUserIds: [],
		});
		await expect(
			runNode(node, trtcCredential(sim), {
				params: recording({ operation: 'update', taskId, updateFields: {} }),
			}),
		).rejects.toThrow('Add a stream subscription list or a mix layout to update');
	});

	it('Stop: DeleteCloudRecording; afterwards Get gives ResourceNotFound (asked once, not retried) with advice', async () => {
		const [started] = await runNode(node, trtcCredential(sim), { params: start() });
		const taskId = started.json.taskId as string;
		const [stopped] = await runNode(node, trtcCredential(sim), {
			params: recording({ operation: 'stop', taskId }),
		});
		expect(sent(sim, 'DeleteCloudRecording')).toEqual({ SdkAppId: SDK_APP_ID, TaskId: taskId });
		expect(stopped.json).toMatchObject({ taskId, stopped: true });
		const error = await runNode(node, trtcCredential(sim), {
			params: recording({ operation: 'get', taskId }),
		}).catch((e) => e);
		expect(error.message).toMatch(
			/^Tencent Cloud TRTC: Get cloud recording failed \(ResourceNotFound: /,
		);
		expect(error.description).toMatch(/no longer exists.*ResourceExpiredHour/);
		expect(sim.calls('DescribeCloudRecording')).toHaveLength(1);
	});

	it('the concurrency quota: FailedOperation.RestrictedConcurrency with advice', async () => {
		sim.state.maxConcurrentTasks = 1;
		await runNode(node, trtcCredential(sim), { params: start() });
		const error = await runNode(node, trtcCredential(sim), { params: start() }).catch((e) => e);
		expect(error.message).toMatch(/\(FailedOperation\.RestrictedConcurrency: /);
		expect(error.description).toMatch(/quota of the app \(100 by default\)/);
	});

	it('InternalError.CRInternalError: Tencent retry advice; Start is not repeated on its own', async () => {
		sim.state.failNext.set('CreateCloudRecording', [
			['InternalError.CRInternalError', 'internal error'],
		]);
		const error = await runNode(node, trtcCredential(sim), { params: start() }).catch((e) => e);
		expect(error.message).toMatch(/\(InternalError\.CRInternalError: internal error \(RequestId /);
		expect(error.description).toMatch(
			/retrying with the same parameters after 3 s, then 6 s, 12 s/,
		);
		expect(sim.calls('CreateCloudRecording')).toHaveLength(1);
		expect(sim.state.tasks.size).toBe(0);
	});

	it('an answer without TaskId is refused as unexpected', async () => {
		sim.fault('POST', '/', { status: 200, body: { Response: { RequestId: 'r-1' } } });
		const error = await runNode(node, trtcCredential(sim), { params: start() }).catch((e) => e);
		expect(error.message).toMatch(
			/^Tencent Cloud TRTC: Start cloud recording: unexpected answer \(TaskId: /,
		);
	});
});
