/**
 * AK/SK request signing as n8n sends it (`signHttpRequestOptions`) and the IAM password body: every
 * request shape the credential can be handed, checked on the wire form and against Huawei's own
 * signer (@huaweicloud/huaweicloud-sdk-core, devDependency only).
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import {
	iamPasswordBody,
	signHttpRequestOptions,
	trimUrl,
} from '../../../nodes/HuaweiCloudSparkRtc/auth';
import type { QueryParams } from '../../../nodes/HuaweiCloudSparkRtc/signer';
import { encodeRfc3986, signRequest } from '../../../nodes/HuaweiCloudSparkRtc/signer';
import { oracleAuthorization } from './oracle';

const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = `sk-${Math.random().toString(36).slice(2)}`;
const NOW = new Date('2024-01-01T00:00:00Z');
const CREDENTIALS = { accessKey: AK, secretKey: SK };

function sign(options: Partial<IHttpRequestOptions>, credentials: object = CREDENTIALS) {
	return signHttpRequestOptions(
		options as IHttpRequestOptions,
		credentials as Record<string, string>,
		NOW,
	);
}

/** What Huawei's signer computes for the request exactly as it will be sent. */
function oracle(signed: IHttpRequestOptions): string {
	const url = new URL(signed.url);
	const queryParams: QueryParams = {};
	for (const [name, value] of url.searchParams) {
		const held = queryParams[name];
		queryParams[name] = held === undefined ? value : [...[held].flat(), value];
	}
	const { Authorization: _, ...headers } = signed.headers as Record<string, string>;
	const data = signed.body === undefined ? undefined : JSON.parse(signed.body as string);
	const endpoint = `${url.origin}${url.pathname}`;
	return oracleAuthorization(signed.method ?? 'GET', endpoint, queryParams, headers, data, AK, SK);
}

function authorizationOf(signed: IHttpRequestOptions): string {
	return (signed.headers as Record<string, string>).Authorization;
}

describe('trimUrl', () => {
	it('trims spaces and every trailing slash, keeps inner slashes, and falls back for blank or non-strings', () => {
		expect(trimUrl('  https://rtc.example/api//  ', 'https://fallback')).toBe(
			'https://rtc.example/api',
		);
		expect(trimUrl('https://rtc.example/a/b', 'https://fallback')).toBe('https://rtc.example/a/b');
		expect(trimUrl('   ', 'https://fallback/')).toBe('https://fallback');
		expect(trimUrl('', 'https://fallback')).toBe('https://fallback');
		expect(trimUrl(undefined, 'https://fallback')).toBe('https://fallback');
		expect(trimUrl(42, 'https://fallback')).toBe('https://fallback');
	});
});

describe('signHttpRequestOptions: the request as sent', () => {
	it('joins baseURL (trailing slashes dropped) and url, and signs that URL', () => {
		const signed = sign({ method: 'GET', baseURL: 'https://rtc.example//', url: '/v2/apps/a' });
		expect(signed.url).toBe('https://rtc.example/v2/apps/a');
		expect(signed.baseURL).toBeUndefined();
		expect(authorizationOf(signed)).toBe(oracle(signed));
	});

	it('takes an absolute http(s) URL as it is, whatever the case of its scheme, and ignores baseURL', () => {
		for (const url of ['http://127.0.0.1:9/v2/x', 'HTTPS://rtc.example/v2/x']) {
			const signed = sign({ method: 'GET', baseURL: 'https://other.example', url });
			expect(new URL(signed.url).href).toBe(new URL(url).href);
			expect(authorizationOf(signed)).toBe(oracle(signed));
		}
	});

	it('treats a relative URL that merely contains a URL as relative', () => {
		const signed = sign({
			method: 'GET',
			baseURL: 'https://rtc.example',
			url: '/v2/x?next=https://elsewhere.example/',
		});
		expect(signed.url).toBe('https://rtc.example/v2/x?next=https%3A%2F%2Felsewhere.example%2F');
		expect(authorizationOf(signed)).toBe(oracle(signed));
	});

	it('merges the URL query with qs, drops undefined and null, stringifies the rest, sorts and encodes as signed', () => {
		const signed = sign({
			method: 'GET',
			baseURL: 'https://rtc.example',
			url: '/v2/x?b=1',
			qs: { a: 2, n: null, u: undefined, f: false, z: 0, e: ['y', 'x y'] },
		});
		expect(signed.url).toBe('https://rtc.example/v2/x?a=2&b=1&e=x%20y&e=y&f=false&z=0');
		expect(signed.qs).toBeUndefined();
		expect(authorizationOf(signed)).toBe(oracle(signed));
	});

	it('sends no "?" when there is no query', () => {
		expect(sign({ method: 'GET', url: 'https://rtc.example/v2/x' }).url).toBe(
			'https://rtc.example/v2/x',
		);
	});

	it('signs GET when no method is given', () => {
		const signed = sign({ url: 'https://rtc.example/v2/x' });
		expect(authorizationOf(signed)).toBe(oracle({ ...signed, method: 'GET' }));
	});

	it.each([
		['undefined', undefined],
		['null', null],
		['an empty string', ''],
	])('a body that is %s is not sent, not typed and signed as empty', (_, body) => {
		const signed = sign({ method: 'DELETE', url: 'https://rtc.example/v2/x', body });
		expect(signed).not.toHaveProperty('body');
		expect(Object.keys(signed.headers ?? {}).map((h) => h.toLowerCase())).not.toContain(
			'content-type',
		);
		expect(authorizationOf(signed)).toBe(oracle(signed));
	});

	it('serialises an object body once, types it as JSON, and signs those bytes', () => {
		const signed = sign({ method: 'POST', url: 'https://rtc.example/v2/x', body: { a: [1, 'é'] } });
		expect(signed.body).toBe('{"a":[1,"é"]}');
		expect(signed.headers).toMatchObject({ 'Content-Type': 'application/json;charset=utf-8' });
		expect(authorizationOf(signed)).toBe(oracle(signed));
	});

	it('sends a string body byte for byte', () => {
		const body = '{"b":1,"a":2}';
		const signed = sign({ method: 'PUT', url: 'https://rtc.example/v2/x', body });
		expect(signed.body).toBe(body);
		expect(authorizationOf(signed)).toBe(oracle(signed));
	});

	it('keeps a content type the caller set, in any letter case, and adds none beside it', () => {
		for (const name of ['content-type', 'CONTENT-TYPE', 'Content-Type']) {
			const signed = sign({
				method: 'POST',
				url: 'https://rtc.example/v2/x',
				headers: { [name]: 'application/json' },
				body: { a: 1 },
			});
			expect(signed.headers).toEqual(
				expect.objectContaining({ [name]: 'application/json', Authorization: expect.any(String) }),
			);
			expect(
				Object.keys(signed.headers ?? {}).filter((h) => h.toLowerCase() === 'content-type'),
			).toEqual([name]);
		}
	});

	it('adds the JSON content type when other headers are set', () => {
		const signed = sign({
			method: 'POST',
			url: 'https://rtc.example/v2/x',
			headers: { Accept: 'application/json' },
			body: { a: 1 },
		});
		expect(signed.headers).toMatchObject({
			Accept: 'application/json',
			'Content-Type': 'application/json;charset=utf-8',
		});
		expect(authorizationOf(signed)).toBe(oracle(signed));
	});

	it('drops headers whose value is undefined and signs the others as strings', () => {
		const signed = sign({
			method: 'GET',
			url: 'https://rtc.example/v2/x',
			headers: { 'X-Gone': undefined, 'X-Count': 3 } as unknown as Record<string, string>,
		});
		expect(signed.headers).not.toHaveProperty('X-Gone');
		expect(signed.headers).toMatchObject({ 'X-Count': '3' });
		expect(authorizationOf(signed)).toContain('SignedHeaders=host;x-count;x-sdk-date,');
		expect(authorizationOf(signed)).toBe(oracle(signed));
	});

	it('sends X-Project-Id and X-Security-Token only when the credential has them', () => {
		const bare = sign({ method: 'GET', url: 'https://rtc.example/v2/x' });
		expect(Object.keys(bare.headers ?? {}).sort()).toEqual(['Authorization', 'X-Sdk-Date']);
		const blank = sign(
			{ method: 'GET', url: 'https://rtc.example/v2/x' },
			{ ...CREDENTIALS, projectId: '', securityToken: '' },
		);
		expect(Object.keys(blank.headers ?? {}).sort()).toEqual(['Authorization', 'X-Sdk-Date']);
		const full = sign(
			{ method: 'GET', url: 'https://rtc.example/v2/x' },
			{ ...CREDENTIALS, projectId: 'p1', securityToken: 'st' },
		);
		expect(authorizationOf(full)).toContain(
			'SignedHeaders=host;x-project-id;x-sdk-date;x-security-token,',
		);
		expect(authorizationOf(full)).toBe(oracle(full));
	});
});

describe('signRequest: the edges the signing guide names', () => {
	const base = { method: 'GET', url: 'https://rtc.example/v2/x', query: {} };

	it('encodes the RFC 3986 reserved marks as upper-case escapes', () => {
		expect(encodeRfc3986("!'()*")).toBe('%21%27%28%29%2A');
	});

	it('signs header values without their surrounding spaces', () => {
		const headers = { 'X-Sdk-Date': '20240101T000000Z' };
		const spaced = signRequest(
			{ ...base, headers: { ...headers, 'X-A': '  v  ' } },
			AK,
			SK,
			'20240101T000000Z',
		);
		const plain = signRequest(
			{ ...base, headers: { ...headers, 'X-A': 'v' } },
			AK,
			SK,
			'20240101T000000Z',
		);
		expect(spaced.canonicalRequest).toContain('\nx-a:v\n');
		expect(spaced.signature).toBe(plain.signature);
	});

	it('signs a Host header the caller set (a proxy) instead of the URL host, as Huawei does', () => {
		const headers = { 'X-Sdk-Date': '20240101T000000Z', host: 'proxy.example:8443' };
		const signed = signRequest({ ...base, headers }, AK, SK, '20240101T000000Z');
		expect(signed.canonicalRequest).toContain('\nhost:proxy.example:8443\n');
		expect(signed.authorization).toBe(
			oracleAuthorization('GET', base.url, {}, headers, undefined, AK, SK),
		);
	});

	it('takes the payload hash from X-Sdk-Content-Sha256 when given (unsigned payload)', () => {
		const signed = signRequest(
			{
				...base,
				headers: { 'X-Sdk-Date': '20240101T000000Z', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
				body: 'anything',
			},
			AK,
			SK,
			'20240101T000000Z',
		);
		expect(signed.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
	});
});

describe('iamPasswordBody', () => {
	const credentials = { username: 'rtc-bot', password: 'pw', domainName: 'my-account' };

	it('is the documented password-authentication body, scoped to the project by name', () => {
		expect(iamPasswordBody({ ...credentials, projectName: 'ap-southeast-1' })).toEqual({
			auth: {
				identity: {
					methods: ['password'],
					password: { user: { domain: { name: 'my-account' }, name: 'rtc-bot', password: 'pw' } },
				},
				scope: { project: { name: 'ap-southeast-1' } },
			},
		});
	});

	it('scopes to cn-north-4 when no project is set', () => {
		for (const extra of [{}, { projectName: '' }] as Array<Record<string, string>>)
			expect(iamPasswordBody({ ...credentials, ...extra })).toMatchObject({
				auth: { scope: { project: { name: 'cn-north-4' } } },
			});
	});
});
