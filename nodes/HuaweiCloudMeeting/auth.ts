/**
 * Huawei Cloud Meeting authentication (App ID, account, pasted token). Pure functions shared by the
 * credential type and the tests; no n8n context needed.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { hmacSha256Hex } from '../shared/crypto';
import { regionBaseUrl } from '../shared/http';
import { beforeRenewTime, renewTime } from '../shared/time';

export const MEETING_BASE_URLS = {
	china: 'https://api.meeting.huaweicloud.com',
	international: 'https://api-intl.meeting.huaweicloud.com',
} as const;

/** Client type 72 = API client: up to 64 concurrent tokens per user (other values allow only one). */
export const API_CLIENT_TYPE = 72;
/** Tokens are renewed this long before Huawei says they expire. */
export const TOKEN_RENEW_MARGIN_MS = 10 * 60 * 1000;
/** Used when the token response carries no expiry (Huawei's SDKs assume 12 h). */
export const DEFAULT_TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

export function meetingBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return regionBaseUrl(credentials, MEETING_BASE_URLS, 'china');
}

export interface AppIdAuthInput {
	appId: string;
	appKey: string;
	userId?: string;
	/** Set for a multi-tenant (SP) App ID: the enterprise to act in ('' = SP default admin). */
	spCorpId?: string;
	expireTime: number;
	nonce: string;
}

/** The colon-joined string Huawei signs, per scenario (single enterprise or SP). */
export function appIdSigningString(input: AppIdAuthInput): string {
	const parts =
		input.spCorpId === undefined
			? [input.appId, input.userId ?? '', String(input.expireTime), input.nonce]
			: [input.appId, input.spCorpId, input.userId ?? '', String(input.expireTime), input.nonce];
	return parts.join(':');
}

/** Authorization header and body for POST /v2/usg/acs/auth/appauth. */
export function appIdAuthRequest(input: AppIdAuthInput): {
	authorization: string;
	body: IDataObject;
} {
	const signature = hmacSha256Hex(input.appKey, appIdSigningString(input));
	const access = Buffer.from(input.appId, 'utf8').toString('base64');
	const body: IDataObject = {
		appId: input.appId,
		clientType: API_CLIENT_TYPE,
		expireTime: input.expireTime,
		nonce: input.nonce,
	};
	if (input.userId) body.userId = input.userId;
	if (input.spCorpId) body.corpId = input.spCorpId;
	return { authorization: `HMAC-SHA256 signature=${signature},access=${access}`, body };
}

/** When a token response says the token expires, in epoch ms. */
export function tokenExpiresAt(response: IDataObject, now: number): number {
	const expireTime = Number(response.expireTime);
	if (Number.isFinite(expireTime) && expireTime > 0) return expireTime * 1000;
	const validPeriod = Number(response.validPeriod);
	if (Number.isFinite(validPeriod) && validPeriod > 0) return now + validPeriod * 1000;
	return now + DEFAULT_TOKEN_LIFETIME_MS;
}

/** When to stop sending a token: 10 minutes before it expires (or halfway through a shorter life). */
export function tokenRenewAt(response: IDataObject, now: number): number {
	return renewTime(tokenExpiresAt(response, now), now, TOKEN_RENEW_MARGIN_MS);
}

/** True while a cached token can still be sent. */
export function tokenIsFresh(credentials: ICredentialDataDecryptedObject, now: number): boolean {
	if (!credentials.sessionToken) return false;
	if (credentials.authType === 'token') return true;
	return beforeRenewTime(credentials.sessionRenewAt, now);
}
