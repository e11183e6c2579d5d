/** Tencent Cloud API 3.0 (TRTC) authentication helpers shared by the credential, the node and the tests. */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { signTc3 } from './signer';

export const TRTC_SERVICE = 'trtc';
export const TRTC_VERSION = '2019-07-22';
/** Signed as sent: no `; charset=utf-8` (some clients append one, which breaks the signature). */
export const CONTENT_TYPE = 'application/json';

export const TRTC_SITES = {
	china: 'https://trtc.tencentcloudapi.com',
	international: 'https://trtc.intl.tencentcloudapi.com',
} as const;

/** X-TC-Region values the TRTC API pages list (which actions accept which differs; see the docs). */
export const TRTC_REGIONS: Record<string, string> = {
	'ap-beijing': 'China (Beijing)',
	'ap-chengdu': 'China (Chengdu)',
	'ap-chongqing': 'China (Chongqing)',
	'ap-guangzhou': 'China (Guangzhou)',
	'ap-hongkong': 'China (Hong Kong)',
	'ap-mumbai': 'India (Mumbai)',
	'ap-nanjing': 'China (Nanjing)',
	'ap-shanghai': 'China (Shanghai)',
	'ap-singapore': 'Singapore',
	'na-toronto': 'Canada (Toronto)',
};

/** The API base URL: a site's host, or the custom host or base URL (https:// when no scheme). */
export function trtcBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const site = credentials.site as string;
	if (site !== 'custom') return TRTC_SITES[site as keyof typeof TRTC_SITES] ?? TRTC_SITES.china;
	const custom = String(credentials.customHost ?? '').trim();
	if (!custom) return TRTC_SITES.china;
	const url = /^https?:\/\//i.test(custom) ? custom : `https://${custom}`;
	return url.replace(/\/+$/, '');
}

/**
 * Signs n8n request options (POST, body = the action's parameters): the body is serialised once
 * (the bytes signed are the bytes sent), Content-Type is exactly `application/json`, and
 * X-TC-Timestamp, X-TC-Region, X-TC-Token and Authorization are added. X-TC-Action and
 * X-TC-Version come from the caller.
 */
export function signTrtcOptions(
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	nowMs = Date.now(),
): IHttpRequestOptions {
	const base = options.baseURL ?? trtcBaseUrl(credentials);
	const url = new URL(/^https?:\/\//i.test(options.url) ? options.url : `${base}${options.url}`);
	const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? {});
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {}))
		if (value !== undefined && name.toLowerCase() !== 'content-type') headers[name] = String(value);
	const timestamp = Math.floor(nowMs / 1000);
	headers['Content-Type'] = CONTENT_TYPE;
	headers['X-TC-Timestamp'] = String(timestamp);
	if (!Object.keys(headers).some((h) => h.toLowerCase() === 'x-tc-region'))
		headers['X-TC-Region'] = String(credentials.region || 'ap-guangzhou');
	if (credentials.token) headers['X-TC-Token'] = String(credentials.token);
	headers.Authorization = signTc3(
		{ host: url.host, contentType: CONTENT_TYPE, body, timestamp, service: TRTC_SERVICE },
		String(credentials.secretId ?? '').trim(),
		String(credentials.secretKey ?? ''),
	).authorization;
	const signed: IHttpRequestOptions = { ...options, method: 'POST', url: url.href, headers, body };
	delete signed.baseURL;
	delete signed.qs;
	return signed;
}
