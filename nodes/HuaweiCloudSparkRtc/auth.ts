/** Huawei Cloud (IAM / API gateway) authentication helpers shared by the credential and the tests. */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { QueryParams } from './signer';
import { sdkDate, signRequest, wirePath, wireQueryString } from './signer';

export const RTC_ENDPOINT = 'https://rtc-api.myhuaweicloud.com';
export const IAM_ENDPOINT = 'https://iam.myhuaweicloud.com';
/** IAM tokens last 24 h; they are renewed an hour before. */
export const IAM_RENEW_MARGIN_MS = 60 * 60 * 1000;

export function trimUrl(url: unknown, fallback: string): string {
	return (typeof url === 'string' && url.trim() ? url.trim() : fallback).replace(/\/+$/, '');
}

function queryOf(qs: unknown): QueryParams {
	const out: QueryParams = {};
	for (const [key, value] of Object.entries((qs as IDataObject) ?? {})) {
		if (value === undefined || value === null) continue;
		out[key] = Array.isArray(value) ? value.map(String) : String(value);
	}
	return out;
}

/**
 * Signs n8n request options with AK/SK: the query is moved into the URL (encoded as signed), the body
 * is serialised once (the bytes signed are the bytes sent) and Authorization + X-Sdk-Date are added.
 */
export function signHttpRequestOptions(
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	now = new Date(),
): IHttpRequestOptions {
	const base = options.baseURL ? options.baseURL.replace(/\/+$/, '') : '';
	const target = new URL(/^https?:\/\//i.test(options.url) ? options.url : `${base}${options.url}`);
	const query: QueryParams = { ...Object.fromEntries(target.searchParams), ...queryOf(options.qs) };
	const hasBody = options.body !== undefined && options.body !== null && options.body !== '';
	const body = !hasBody
		? ''
		: typeof options.body === 'string'
			? options.body
			: JSON.stringify(options.body);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {}))
		if (value !== undefined) headers[name] = String(value);
	if (body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
		headers['Content-Type'] = 'application/json;charset=utf-8';
	}
	if (credentials.projectId) headers['X-Project-Id'] = String(credentials.projectId);
	if (credentials.securityToken) headers['X-Security-Token'] = String(credentials.securityToken);
	const date = sdkDate(now);
	headers['X-Sdk-Date'] = date;
	const url = `${target.origin}${wirePath(target.pathname)}`;
	const signed = signRequest(
		{ method: options.method ?? 'GET', url, query, headers, body },
		String(credentials.accessKey),
		String(credentials.secretKey),
		date,
	);
	headers.Authorization = signed.authorization;
	const qs = wireQueryString(query);
	const signedOptions: IHttpRequestOptions = {
		...options,
		url: qs ? `${url}?${qs}` : url,
		headers,
	};
	delete signedOptions.baseURL;
	delete signedOptions.qs;
	if (hasBody) signedOptions.body = body;
	else delete signedOptions.body;
	return signedOptions;
}

/** The IAM password-authentication body, scoped to a project (by name). */
export function iamPasswordBody(credentials: ICredentialDataDecryptedObject): IDataObject {
	return {
		auth: {
			identity: {
				methods: ['password'],
				password: {
					user: {
						domain: { name: credentials.domainName },
						name: credentials.username,
						password: credentials.password,
					},
				},
			},
			scope: { project: { name: credentials.projectName || 'cn-north-4' } },
		},
	};
}
