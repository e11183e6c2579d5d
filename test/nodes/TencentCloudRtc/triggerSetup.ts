import { randomBytes } from 'node:crypto';

import { TencentRtcCallbackApi } from '../../../credentials/TencentRtcCallbackApi.credentials';
import { TencentCloudRtcTrigger } from '../../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import type { TriggerHost } from '../../harness/n8n';
import { activate, CredentialStore, hostTrigger } from '../../harness/n8n';
import type { SenderOptions } from '../../simulator/tencentRtcCallbacks';
import { TrtcCallbackSender } from '../../simulator/tencentRtcCallbacks';

export const TRTC_SDK_APP_ID = 1400123456;
/** Generated per run (letters and digits, 32, as the console allows): never a real key. */
export const CALLBACK_KEY = randomBytes(16).toString('hex');

export function trtcCallbackCredential(extra: Record<string, unknown> = {}): CredentialStore {
	return new CredentialStore(new TencentRtcCallbackApi(), {
		sdkAppId: TRTC_SDK_APP_ID,
		callbackSecret: CALLBACK_KEY,
		...extra,
	} as never);
}

/** A published TRTC trigger and a sender signing with the key (fast retries for tests). */
export async function trtcTrigger(
	params: Record<string, unknown> = {},
	credential: Record<string, unknown> = {},
	sender: Partial<SenderOptions> = {},
): Promise<{ trigger: TencentCloudRtcTrigger; host: TriggerHost; sender: TrtcCallbackSender }> {
	const trigger = new TencentCloudRtcTrigger();
	const host = await hostTrigger(trigger, trtcCallbackCredential(credential), {
		events: ['*'],
		filters: {},
		options: {},
		...params,
	});
	await activate(trigger, host);
	return {
		trigger,
		host,
		sender: new TrtcCallbackSender({
			url: host.url,
			sdkAppId: TRTC_SDK_APP_ID,
			key: CALLBACK_KEY,
			retryIntervalMs: 20,
			horizonMs: 200,
			...sender,
		}),
	};
}
