import { HuaweiCloudMeetingApi } from '../../../credentials/HuaweiCloudMeetingApi.credentials';
import { CredentialStore } from '../../harness/n8n';
import { HuaweiMeetingSimulator } from '../../simulator/huaweiMeeting';

export const APP_ID = 'fdb8e4699586458bbd10c834872dcc62';
/** Generated per run: never a real key, never committed. */
export const APP_KEY = `test-app-key-${Math.random().toString(36).slice(2)}`;
export const CORP_ID = '1387317060';

export async function startMeetingSimulator(): Promise<HuaweiMeetingSimulator> {
	const sim = new HuaweiMeetingSimulator();
	sim.apps.set(APP_ID, { appKey: APP_KEY });
	await sim.start();
	return sim;
}

export function appIdCredential(
	sim: HuaweiMeetingSimulator,
	extra: Record<string, unknown> = {},
): CredentialStore {
	return new CredentialStore(new HuaweiCloudMeetingApi(), {
		authType: 'appId',
		appId: APP_ID,
		appSecret: APP_KEY,
		region: 'custom',
		customBaseUrl: sim.baseUrl,
		...extra,
	} as never);
}
