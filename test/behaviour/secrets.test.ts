/**
 * Secret hygiene: runs scenarios of every node (success, wrong secrets, provider errors, bad
 * deliveries, activation and deactivation failures) while capturing every log line, every error
 * (message, description, serialised form), every webhook answer and every output item, and fails if
 * any configured secret appears in them.
 */
import { WebSocket as WsWebSocket } from 'ws';

import { HuaweiCloudMeetingApi } from '../../credentials/HuaweiCloudMeetingApi.credentials';
import { HuaweiCloudMeeting } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeeting.node';
import { HuaweiCloudMeetingConferenceTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingConferenceTrigger.node';
import { HuaweiCloudMeetingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { HuaweiCloudSparkRtc } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtc.node';
import { HuaweiCloudSparkRtcTrigger } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { requestDefaults } from '../../nodes/shared/http';
import { TencentCloudRoom } from '../../nodes/TencentCloudRoom/TencentCloudRoom.node';
import { TencentCloudRoomTrigger } from '../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { TencentCloudRtcTrigger } from '../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import { TencentCloudRtc } from '../../nodes/TencentCloudRtc/TencentCloudRtc.node';
import {
	activate,
	captured,
	CredentialStore,
	deactivate,
	hostTrigger,
	runNode,
	runTrigger,
} from '../harness/n8n';
import { basicInfo, HuaweiConferenceSimulator } from '../simulator/huaweiConference';
import { signedPush } from '../simulator/huaweiMeeting';
import { post } from '../simulator/server';
import { MEETING_INFO } from '../fixtures/huaweiMeeting';
import { ROOM_FIXTURES } from '../fixtures/tencentRoom';
import { trtcBody, TrtcCallbackSender, trtcEvent } from '../simulator/tencentRtcCallbacks';
import {
	APP_KEY,
	appIdCredential,
	CORP_ID,
	startMeetingSimulator,
} from '../nodes/HuaweiCloudMeeting/setup';
import {
	akSkCredential,
	APP_ID as RTC_APP,
	FILE_COMPLETE,
	IAM_PASSWORD,
	iamCredential,
	SK,
	startRtcSimulator,
} from '../nodes/HuaweiCloudSparkRtc/setup';
import {
	CALLBACK_TOKEN,
	SECRET_KEY,
	startTencentSimulator,
	tencentCredential,
} from '../nodes/TencentCloudRoom/setup';
import {
	CALLBACK_KEY,
	TRTC_SDK_APP_ID,
	trtcCallbackCredential,
} from '../nodes/TencentCloudRtc/triggerSetup';
import {
	SDK_APP_ID as TRTC_API_APP_ID,
	SDK_SECRET_KEY as TRTC_SDK_SECRET_KEY,
	SECRET_ID as TRTC_SECRET_ID,
	SECRET_KEY as TRTC_SECRET_KEY,
	SESSION_TOKEN as TRTC_SESSION_TOKEN,
	startTrtcSimulator,
	trtcCredential,
	withChatCredential,
} from '../nodes/TencentCloudRtc/setup';

const seen: string[] = [];
const secrets = new Map<string, string>();
const remember = (name: string, value: unknown) => {
	if (typeof value === 'string' && value.length >= 6) secrets.set(name, value);
};
const record = (value: unknown) => {
	if (value instanceof Error) {
		const e = value as Error & { description?: string; messages?: string[] };
		seen.push(e.message, e.description ?? '', JSON.stringify(e), ...(e.messages ?? []));
	} else seen.push(typeof value === 'string' ? value : JSON.stringify(value));
};
async function attempt(fn: () => Promise<unknown>) {
	try {
		record(await fn());
	} catch (error) {
		record(error);
	}
}

const saved = { ...requestDefaults };
beforeAll(() => {
	requestDefaults.timeoutMs = 300;
	requestDefaults.backoffMs = [20, 40];
	captured.logs.length = 0;
	captured.errors.length = 0;
	(globalThis as { WebSocket?: unknown }).WebSocket = WsWebSocket;
});
afterAll(() => {
	Object.assign(requestDefaults, saved);
	delete (globalThis as { WebSocket?: unknown }).WebSocket;
});

it('Huawei Cloud Meeting scenarios leak no secret', async () => {
	const sim = await startMeetingSimulator();
	const conference = new HuaweiConferenceSimulator(sim);
	const hostPassword = 'host-secret-pw-771';
	conference.open('c1', hostPassword);
	sim.accounts.set('admin', 'account-secret-pw-552');
	try {
		remember('app key', APP_KEY);
		remember('account password', 'account-secret-pw-552');
		remember('host password', hostPassword);
		remember('pasted token', 'pasted-secret-token-9931');
		const get = { resource: 'eventPush', operation: 'get', scope: 'enterprise', corpId: CORP_ID };
		const node = new HuaweiCloudMeeting();
		await attempt(() =>
			runNode(node, appIdCredential(sim, { appSecret: 'wrong-app-key-778899' }), { params: get }),
		);
		remember('wrong app key', 'wrong-app-key-778899');
		await attempt(() =>
			runNode(
				node,
				new CredentialStore(new HuaweiCloudMeetingApi(), {
					authType: 'account',
					account: 'admin',
					password: 'account-secret-pw-552',
					region: 'custom',
					customBaseUrl: sim.baseUrl,
				}),
				{ params: get },
			),
		);
		await attempt(() =>
			runNode(
				node,
				new CredentialStore(new HuaweiCloudMeetingApi(), {
					authType: 'token',
					accessToken: 'pasted-secret-token-9931',
					region: 'custom',
					customBaseUrl: sim.baseUrl,
				}),
				{ params: get },
			),
		);
		const store = appIdCredential(sim);
		await attempt(() =>
			runNode(node, store, {
				params: {
					...get,
					operation: 'configure',
					subscriberId: 's',
					subscriberKey: 'subscriber-secret-key-4421',
					url: `${sim.baseUrl}/none`,
					options: { allowHttpUrl: true },
				},
			}),
		);
		remember('subscriber key (action)', 'subscriber-secret-key-4421');
		await attempt(() =>
			runNode(node, store, {
				params: {
					resource: 'eventPush',
					operation: 'enable',
					configId: [...sim.configs.values()][0]?.id ?? 'x',
				},
			}),
		);
		remember('session token', store.data.sessionToken);

		const trigger = new HuaweiCloudMeetingTrigger();
		const host = await hostTrigger(trigger, appIdCredential(sim), {
			scope: 'enterprise',
			corpId: '777',
			events: ['meeting.started'],
			options: { allowHttpUrl: true },
		});
		await attempt(() => activate(trigger, host));
		remember('subscriber key (trigger)', host.staticData.subscriberKey);
		const key = String(host.staticData.subscriberKey);
		const appId = String(host.staticData.subscriberId);
		for (const body of [
			signedPush(
				appId,
				key,
				{ event: 'meeting.started', timestamp: Date.now(), payload: { meetingInfo: MEETING_INFO } },
				'1',
				Date.now(),
			),
			signedPush(
				appId,
				'wrong',
				{ event: 'meeting.started', timestamp: Date.now(), payload: {} },
				'2',
				Date.now(),
			),
			signedPush(
				appId,
				key,
				{ event: 'meeting.started', timestamp: 1, payload: {} },
				'3',
				Date.now(),
			),
			'{"broken":',
		]) {
			record(await post(host.url, body));
		}
		record(host.emitted);
		sim.fault('PUT', '/v1/mmc/management/webhook/change-status', {
			status: 500,
			body: { error_code: 'MMC.1', error_msg: 'down' },
			times: 3,
		});
		await attempt(() => deactivate(trigger, host));
		await attempt(() => deactivate(trigger, host));
		await host.stop();

		const conf = new HuaweiCloudMeetingConferenceTrigger();
		await attempt(() =>
			runTrigger(conf, appIdCredential(sim), {
				conferenceId: 'c1',
				hostPassword: 'wrong-host-pw-3321',
				messageTypes: ['*'],
				options: {},
			}),
		);
		remember('wrong host password', 'wrong-host-pw-3321');
		const run = await runTrigger(conf, appIdCredential(sim), {
			conferenceId: 'c1',
			hostPassword,
			messageTypes: ['*'],
			options: { heartbeatSeconds: 1 },
		});
		conference.publish('c1', 'ConfBasicInfoNotify', basicInfo('c1'));
		remember('meeting password (chair)', 'host-pass-123');
		remember('meeting password (guest)', 'guest-pass-456');
		await new Promise((resolve) => setTimeout(resolve, 300));
		record(run.emitted);
		expect(run.emitted).toHaveLength(1);
		await run.close();
	} finally {
		await conference.close();
		await sim.stop();
	}
});

it('Huawei Cloud SparkRTC scenarios leak no secret', async () => {
	const sim = await startRtcSimulator();
	try {
		remember('SK', SK);
		remember('IAM password', IAM_PASSWORD);
		remember('security token', 'security-token-secret-6612');
		const node = new HuaweiCloudSparkRtc();
		const get = { resource: 'recordCallback', operation: 'get', appId: RTC_APP };
		await attempt(() =>
			runNode(node, akSkCredential(sim, { secretKey: 'wrong-secret-key-5521' }), { params: get }),
		);
		remember('wrong SK', 'wrong-secret-key-5521');
		await attempt(() =>
			runNode(
				node,
				akSkCredential(sim, { accessKey: 'TEMP', securityToken: 'security-token-secret-6612' }),
				{ params: get },
			),
		);
		await attempt(() =>
			runNode(node, iamCredential(sim, { password: 'wrong-iam-password-1' }), { params: get }),
		);
		remember('wrong IAM password', 'wrong-iam-password-1');
		const iam = iamCredential(sim);
		await attempt(() => runNode(node, iam, { params: get }));
		remember('IAM token', iam.data.iamToken);
		await attempt(() =>
			runNode(node, akSkCredential(sim), {
				params: {
					...get,
					operation: 'update',
					url: 'https://x.example.com',
					authKey: 'auth-key-secret-000000000000000000000001',
					events: [],
				},
			}),
		);
		remember('auth key (action)', 'auth-key-secret-000000000000000000000001');
		await attempt(() => runNode(node, akSkCredential(sim), { params: get }));

		const trigger = new HuaweiCloudSparkRtcTrigger();
		const host = await hostTrigger(trigger, akSkCredential(sim), {
			appId: RTC_APP,
			events: ['*'],
			options: { replaceExisting: true },
		});
		await attempt(() => activate(trigger, host));
		remember('auth key (trigger)', host.staticData.authKey);
		record(await sim.deliver(RTC_APP, FILE_COMPLETE));
		record(await sim.deliver(RTC_APP, FILE_COMPLETE, { key: 'z'.repeat(40) }));
		record(await post(host.url, '{}'));
		record(host.emitted);
		await attempt(() => deactivate(trigger, host));
		await host.stop();
	} finally {
		await sim.stop();
	}
});

it('Tencent Cloud scenarios leak no secret', async () => {
	const sim = await startTencentSimulator();
	try {
		remember('Tencent secret key', SECRET_KEY);
		remember('callback token', CALLBACK_TOKEN);
		const node = new TencentCloudRoom();
		await attempt(() =>
			runNode(node, tencentCredential(sim, { secretKey: 'wrong-tencent-key-3' }), {
				params: { resource: 'room', operation: 'get', roomId: 'r' },
			}),
		);
		remember('wrong Tencent key', 'wrong-tencent-key-3');
		await attempt(() =>
			runNode(node, tencentCredential(sim), {
				params: { resource: 'room', operation: 'get', roomId: 'missing' },
			}),
		);
		await attempt(() => tencentCredential(sim, { secretKey: 'wrong-tencent-key-3' }).test());
		const trigger = new TencentCloudRoomTrigger();
		const host = await hostTrigger(trigger, tencentCredential(sim), { events: ['*'], options: {} });
		await attempt(() => activate(trigger, host));
		record(
			await sim.deliver(ROOM_FIXTURES['Room.CallbackAfterDestroyRoom'], { token: CALLBACK_TOKEN }),
		);
		record(
			await sim.deliver(ROOM_FIXTURES['Room.CallbackAfterDestroyRoom'], { token: 'wrong-token' }),
		);
		record(
			await sim.deliver('{"CallbackCommand":"Room.CallbackAfterMemberEnter"}', {
				token: CALLBACK_TOKEN,
			}),
		);
		record(host.emitted);
		sim.fault('POST', '/v4/room_config/delete_callback', { status: 500, body: 'x' });
		await attempt(() => deactivate(trigger, host));
		await host.stop();
	} finally {
		await sim.stop();
	}
});

it('Tencent Cloud TRTC Trigger scenarios leak no secret', async () => {
	remember('TRTC callback key', CALLBACK_KEY);
	const trigger = new TencentCloudRtcTrigger();
	const host = await hostTrigger(trigger, trtcCallbackCredential(), { events: ['*'], options: {} });
	try {
		await attempt(() => activate(trigger, host));
		const send = (key: string, sdkAppId = TRTC_SDK_APP_ID) =>
			new TrtcCallbackSender({ url: host.url, sdkAppId, key, retryIntervalMs: 10, horizonMs: 20 });
		for (const type of [103, 311]) record(await send(CALLBACK_KEY).deliver(trtcEvent(type)));
		record(await send('wrongTrtcKey7').deliver(trtcEvent(104)));
		record(await send(CALLBACK_KEY, 1).deliver(trtcEvent(104)));
		record(await send(CALLBACK_KEY).attempt(trtcBody(trtcEvent(104)).slice(0, 30)));
		record(await send(CALLBACK_KEY).attempt(trtcBody(trtcEvent(104, Date.now() - 3_600_000))));
		record(host.emitted);
		for (const callbackSecret of [CALLBACK_KEY, `${CALLBACK_KEY}!`])
			await attempt(() =>
				trigger.methods.credentialTest.tencentRtcCallbackTest.call(
					{} as never,
					{
						data: { sdkAppId: TRTC_SDK_APP_ID, callbackSecret },
					} as never,
				),
			);
		await attempt(() => deactivate(trigger, host));
	} finally {
		await host.stop();
	}
});

it('Tencent Cloud TRTC scenarios leak no secret', async () => {
	const sim = await startTrtcSimulator();
	try {
		remember('TRTC SecretKey', TRTC_SECRET_KEY);
		remember('TRTC session token', TRTC_SESSION_TOKEN);
		remember('TRTC app secret key', TRTC_SDK_SECRET_KEY);
		const cosSecret = `cos-secret-${Math.random().toString(36).slice(2)}`;
		const userSig = `usersig-${Math.random().toString(36).slice(2)}`;
		remember('COS secret key', cosSecret);
		remember('entered UserSig', userSig);
		remember('wrong TRTC key', 'wrong-trtc-key-9');
		sim.keys.set(TRTC_SECRET_ID, { secretKey: TRTC_SECRET_KEY, token: TRTC_SESSION_TOKEN });
		sim.state.sdkKeys.set(TRTC_API_APP_ID, TRTC_SDK_SECRET_KEY);
		sim.state.addRoom(TRTC_API_APP_ID, 5, ['alice']);
		const node = new TencentCloudRtc();
		const store = withChatCredential(trtcCredential(sim, { token: TRTC_SESSION_TOKEN }));
		const start = {
			resource: 'cloudRecording',
			operation: 'start',
			sdkAppId: TRTC_API_APP_ID,
			roomId: '5',
			robotUserId: 'recorder',
			storage: 'cos',
			cosRegion: 'ap-guangzhou',
			cosBucket: 'b-1250000000',
			cosAccessKey: 'AKIDcos',
			cosSecretKey: cosSecret,
		};
		await attempt(() => runNode(node, store, { params: start }));
		await attempt(() =>
			runNode(node, store, { params: { ...start, userSigSource: 'manual', userSig } }),
		);
		const [task] = [...sim.state.tasks.keys()];
		expect(sim.state.tasks.size).toBe(1);
		await attempt(() =>
			runNode(node, store, {
				params: {
					resource: 'cloudRecording',
					operation: 'get',
					sdkAppId: TRTC_API_APP_ID,
					taskId: task,
				},
			}),
		);
		const dismiss = {
			resource: 'room',
			operation: 'dismiss',
			sdkAppId: TRTC_API_APP_ID,
			roomId: '5',
		};
		await attempt(() =>
			runNode(
				node,
				trtcCredential(sim, { secretKey: 'wrong-trtc-key-9', token: TRTC_SESSION_TOKEN }),
				{ params: dismiss },
			),
		);
		await attempt(() => runNode(node, trtcCredential(sim), { params: dismiss }));
		await attempt(() => trtcCredential(sim, { token: TRTC_SESSION_TOKEN }).test());
		await attempt(() =>
			trtcCredential(sim, { secretKey: 'wrong-trtc-key-9', token: TRTC_SESSION_TOKEN }).test(),
		);
		sim.fault('POST', '/', { status: 500, body: 'x', times: 3 });
		await attempt(() => runNode(node, store, { params: dismiss }));
	} finally {
		await sim.stop();
	}
});

it('no secret appears in any log line, error, answer or item', () => {
	const text = [...seen, ...captured.logs, ...captured.errors].join('\n');
	expect(secrets.size).toBeGreaterThanOrEqual(20);
	expect(text.length).toBeGreaterThan(10_000);
	for (const [name, value] of secrets) {
		if (text.includes(value))
			throw new Error(`The ${name} appears in what the nodes logged, threw or answered`);
	}
});
