import { TencentCloudChatApi } from '../../../credentials/TencentCloudChatApi.credentials';
import { CredentialStore } from '../../harness/n8n';
import { TencentRoomSimulator } from '../../simulator/tencentRoom';

export const SDK_APP_ID = 1400000000;
/** Generated per run: never a real key, never committed. */
export const SECRET_KEY = `test-secret-${Math.random().toString(36).slice(2)}`;
export const CALLBACK_TOKEN = `token-${Math.random().toString(36).slice(2)}`;

export async function startTencentSimulator(): Promise<TencentRoomSimulator> {
	const sim = new TencentRoomSimulator(SDK_APP_ID, SECRET_KEY);
	await sim.start();
	return sim;
}

export function tencentCredential(
	sim: TencentRoomSimulator,
	extra: Record<string, unknown> = {},
): CredentialStore {
	return new CredentialStore(new TencentCloudChatApi(), {
		sdkAppId: SDK_APP_ID,
		secretKey: SECRET_KEY,
		adminAccount: 'administrator',
		region: 'custom',
		customBaseUrl: sim.baseUrl,
		callbackToken: CALLBACK_TOKEN,
		...extra,
	} as never);
}
