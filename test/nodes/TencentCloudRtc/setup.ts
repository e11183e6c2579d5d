import { TencentCloudApi } from '../../../credentials/TencentCloudApi.credentials';
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
