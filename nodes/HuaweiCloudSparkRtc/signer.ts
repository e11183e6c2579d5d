/**
 * Huawei Cloud API gateway request signing, SDK-HMAC-SHA256 (the "AK/SK" scheme): proven equal to
 * the signer of @huaweicloud/huaweicloud-sdk-core by the tests (fixed vectors and generated requests).
 */
import { hmacSha256Hex, sha256Hex } from '../shared/crypto';

export const ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export type QueryParams = Record<string, string | string[]>;

export interface SignableRequest {
	method: string;
	/** Absolute URL; its path is used as sent on the wire (percent-encoded), any query is ignored. */
	url: string;
	query?: QueryParams;
	/** Every header to sign (Host is derived from the URL when absent). */
	headers: Record<string, string>;
	/** The exact body bytes sent ('' for none). */
	body?: string;
	/** Sign the Host header (default true; Huawei's SDKs always do). */
	signHost?: boolean;
}

/** RFC 3986 percent-encoding: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function encodeRfc3986(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/**
 * The path as it is sent: everything but unreserved characters, '/' and existing %XX escapes is
 * percent-encoded, so that every HTTP client and URL parser sends (and the gateway sees) one form.
 */
export function wirePath(pathname: string): string {
	return pathname.replace(/[^A-Za-z0-9\-._~%/]/g, (c) => encodeRfc3986(c));
}

/** Each path segment encoded, and always a trailing slash (for the signature only). */
export function canonicalUri(pathname: string): string {
	const path = pathname.split('/').map(encodeRfc3986).join('/');
	return path.endsWith('/') ? path : `${path}/`;
}

/** Parameters sorted by name (then repeated values by value), names and values encoded. */
export function canonicalQueryString(query: QueryParams = {}): string {
	const parts: string[] = [];
	for (const name of Object.keys(query).sort()) {
		const value = query[name];
		const values = Array.isArray(value) ? [...value].sort() : [value];
		for (const v of values) parts.push(`${encodeRfc3986(name)}=${encodeRfc3986(v)}`);
	}
	return parts.join('&');
}

/** The query string to send, encoded exactly as signed. */
export function wireQueryString(query: QueryParams = {}): string {
	return canonicalQueryString(query);
}

export interface SignedParts {
	canonicalRequest: string;
	stringToSign: string;
	signedHeaders: string;
	signature: string;
	authorization: string;
}

/** Signs `request` at `sdkDate` (YYYYMMDDTHHMMSSZ). The headers must already hold X-Sdk-Date. */
export function signRequest(
	request: SignableRequest,
	accessKey: string,
	secretKey: string,
	sdkDate: string,
): SignedParts {
	const url = new URL(request.url);
	const headers = new Map<string, string>();
	for (const [name, value] of Object.entries(request.headers))
		headers.set(name.toLowerCase(), String(value).trim());
	if (!headers.has('host') && request.signHost !== false) headers.set('host', url.host);
	const names = [...headers.keys()].sort();
	const canonicalHeaders = names.map((name) => `${name}:${headers.get(name)}\n`).join('');
	const signedHeaders = names.join(';');
	const payloadHash = headers.get('x-sdk-content-sha256') ?? sha256Hex(request.body ?? '');
	const canonicalRequest = [
		request.method.toUpperCase(),
		canonicalUri(url.pathname),
		canonicalQueryString(request.query),
		canonicalHeaders,
		signedHeaders,
		payloadHash,
	].join('\n');
	const stringToSign = [ALGORITHM, sdkDate, sha256Hex(canonicalRequest)].join('\n');
	const signature = hmacSha256Hex(secretKey, stringToSign);
	return {
		canonicalRequest,
		stringToSign,
		signedHeaders,
		signature,
		authorization: `${ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
	};
}

/** X-Sdk-Date for a moment in time: UTC, YYYYMMDDTHHMMSSZ. */
export function sdkDate(date: Date): string {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}Z$/, 'Z');
}
