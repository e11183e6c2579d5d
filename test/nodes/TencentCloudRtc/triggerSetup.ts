import { randomBytes } from 'node:crypto';

import { TencentRtcCallbackApi } from '../../../credentials/TencentRtcCallbackApi.credentials';
import { TencentCloudRtcTrigger } from '../../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import type { TriggerHost, WebhookRequest } from '../../harness/n8n';
import { activate, CredentialStore, hostTrigger } from '../../harness/n8n';
import type { SenderOptions } from '../../simulator/tencentRtcCallbacks';
import { trtcBody, TrtcCallbackSender, trtcSign } from '../../simulator/tencentRtcCallbacks';

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

/**
 * A callback as the harness' in-process call() takes it: TRTC's body text, Sign under `key` (none
 * when null) and the SdkAppId header.
 */
export function trtcRequest(
	event: Parameters<typeof trtcBody>[0] | string,
	options: { key?: string | null; sdkAppId?: number | string } = {},
): WebhookRequest {
	const rawBody = typeof event === 'string' ? event : trtcBody(event);
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		sdkappid: String(options.sdkAppId ?? TRTC_SDK_APP_ID),
	};
	const key = options.key === undefined ? CALLBACK_KEY : options.key;
	if (key !== null) headers.sign = trtcSign(key, rawBody);
	return { rawBody, headers };
}
