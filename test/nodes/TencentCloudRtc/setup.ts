import { TencentCloudApi } from '../../../credentials/TencentCloudApi.credentials';
import { TencentCloudChatApi } from '../../../credentials/TencentCloudChatApi.credentials';
import { CredentialStore } from '../../harness/n8n';
import { TencentRtcApiSimulator } from '../../simulator/tencentRtcApi';

export const SECRET_ID = 'AKIDsimulatorEXAMPLE0000000000000000';
/** Generated per run: never a real key, never committed. */
export const SECRET_KEY = `sk-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
export const SESSION_TOKEN = `tok-${Math.random().toString(36).slice(2)}`;
export const SDK_APP_ID = 1400123456;

export async function startTrtcSimulator(): Promise<TencentRtcApiSimulator> {
	const sim = new TencentRtcApiSimulator();
	sim.keys.set(SECRET_ID, { secretKey: SECRET_KEY });
	sim.state.apps.add(SDK_APP_ID);
	await sim.start();
	return sim;
}

export function trtcCredential(
	sim: TencentRtcApiSimulator,
	extra: Record<string, unknown> = {},
): CredentialStore {
	return new CredentialStore(new TencentCloudApi(), {
		secretId: SECRET_ID,
		secretKey: SECRET_KEY,
		site: 'custom',
		customHost: sim.baseUrl,
		region: 'ap-guangzhou',
		...extra,
	} as never);
}

/** The body of the one request of `action`, after checking the headers every action carries. */
export function sent(sim: TencentRtcApiSimulator, action: string, region = 'ap-guangzhou') {
	const calls = sim.calls(action);
	expect(calls).toHaveLength(1);
	const [call] = calls;
	expect(call.headers['x-tc-version']).toBe('2019-07-22');
	expect(call.headers['x-tc-region']).toBe(region);
	expect(call.headers['content-type']).toBe('application/json');
	expect(sim.answers.filter((a) => a.action === action).map((a) => a.code)).not.toContain(
		expect.stringMatching(/^AuthFailure/),
	);
	return JSON.parse(call.rawBody) as Record<string, unknown>;
}

/** The RequestId of the simulator's n-th answer. */
export const requestIdOf = (sim: TencentRtcApiSimulator, n: number) =>
	(sim.answers[n].body as { RequestId: string }).RequestId;

/** The app's SDK secret key (UserSig), generated per run. */
export const SDK_SECRET_KEY = `sdk-${Math.random().toString(36).slice(2)}`;

/**
 * The TRTC credential store with a Tencent Cloud Chat API credential beside it (the robot UserSig's
 * SDKAppID and key), as n8n hands a node its second credential.
 */
export function withChatCredential(
	store: CredentialStore,
	chat: Record<string, unknown> = { sdkAppId: SDK_APP_ID, secretKey: SDK_SECRET_KEY },
): CredentialStore {
	const chatStore = new CredentialStore(new TencentCloudChatApi(), { ...chat } as never);
	const own = store.helper.getDecrypted;
	const helper = store.helper as { getDecrypted: typeof own };
	helper.getDecrypted = async (data, details, type, mode) =>
		type === 'tencentCloudChatApi'
			? await chatStore.helper.getDecrypted(data, details, type, mode)
			: await own(data, details, type, mode);
	return store;
}
