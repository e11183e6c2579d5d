import fc from 'fast-check';

import { signHttpRequestOptions } from '../../../nodes/HuaweiCloudSparkRtc/auth';
import { sdkDate, signRequest, wirePath } from '../../../nodes/HuaweiCloudSparkRtc/signer';
import { sha256Hex } from '../../../nodes/shared/crypto';
import { oracleAuthorization } from './oracle';

const DOC_AK = 'QTWAOYTTINDUT2QVKYUC';
const DOC_SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';

describe('SDK-HMAC-SHA256 signer: fixed vectors', () => {
	it('reproduces the official API Request Signing Guide example', () => {
		const signed = signRequest(
			{
				method: 'GET',
				url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs',
				query: { limit: '2', marker: '13551d6b-755d-4757-b956-536f674975c0' },
				headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': '20191115T033655Z' },
			},
			DOC_AK,
			DOC_SK,
			'20191115T033655Z',
		);
		expect(signed.canonicalRequest).toBe(
			'GET\n/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\nlimit=2&marker=13551d6b-755d-4757-b956-536f674975c0\ncontent-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		);
		expect(sha256Hex(signed.canonicalRequest)).toBe(
			'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
		);
		expect(signed.signature).toBe(
			'7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
		expect(signed.authorization).toBe(
			`SDK-HMAC-SHA256 Access=${DOC_AK}, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe`,
		);
	});

	it('reproduces the Go SDK unit-test vector (only x-sdk-date signed)', () => {
		const signed = signRequest(
			{
				method: 'GET',
				url: 'https://example.huaweicloud.com/path',
				query: { limit: '1' },
				headers: { 'X-Sdk-Date': '20060102T150405Z' },
				signHost: false,
			},
			'AccessKey',
			'SecretKey',
			'20060102T150405Z',
		);
		expect(signed.signature).toBe(
			'5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
		);
	});

	it('reproduces the RTC record-callback PUT vector, and so does the oracle', () => {
		const body = '{"url":"https://example.com/hook","auth_key":"0123456789abcdef0123456789abcdef"}';
		const headers = {
			'Content-Type': 'application/json',
			'X-Sdk-Date': '20240101T000000Z',
			'X-Project-Id': '0123456789abcdef0123456789abcdef',
		};
		const url = 'https://rtc-api.myhuaweicloud.com/v2/apps/abc123/record-callback';
		const signed = signRequest(
			{ method: 'PUT', url, headers, body },
			DOC_AK,
			DOC_SK,
			'20240101T000000Z',
		);
		expect(signed.signedHeaders).toBe('content-type;host;x-project-id;x-sdk-date');
		expect(sha256Hex(signed.canonicalRequest)).toBe(
			'b3d10fe3d72f28a89f4af7d8d8c5b142db6757780c46703e85c21b8f9eb28180',
		);
		expect(signed.signature).toBe(
			'7b420fc60f5490dca8507bcd7e1d379c820d4c811304a6271a4ab8d11195e0e6',
		);
		expect(oracleAuthorization('PUT', url, {}, headers, JSON.parse(body), DOC_AK, DOC_SK)).toBe(
			signed.authorization,
		);
	});

	it('signs n8n request options as sent: query in the URL, body serialised once, project and security token headers', () => {
		const signed = signHttpRequestOptions(
			{
				method: 'PUT',
				baseURL: 'https://rtc-api.myhuaweicloud.com',
				url: '/v2/apps/a b/record-callback',
				qs: { z: 'last', a: ['2', '1'] },
				body: { url: 'https://x' },
			},
			{ accessKey: DOC_AK, secretKey: DOC_SK, projectId: 'p1', securityToken: 'st' },
			new Date('2024-01-01T00:00:00Z'),
		);
		expect(signed.url).toBe(
			'https://rtc-api.myhuaweicloud.com/v2/apps/a%20b/record-callback?a=1&a=2&z=last',
		);
		expect(signed.body).toBe('{"url":"https://x"}');
		expect(signed.qs).toBeUndefined();
		expect(signed.headers).toMatchObject({
			'X-Sdk-Date': '20240101T000000Z',
			'X-Project-Id': 'p1',
			'X-Security-Token': 'st',
		});
		const { Authorization, ...headers } = signed.headers as Record<string, string>;
		expect(Authorization).toBe(
			oracleAuthorization(
				'PUT',
				'https://rtc-api.myhuaweicloud.com/v2/apps/a%20b/record-callback',
				{ z: 'last', a: ['2', '1'] },
				headers,
				{ url: 'https://x' },
				DOC_AK,
				DOC_SK,
			),
		);
	});

	it('formats X-Sdk-Date as YYYYMMDDTHHMMSSZ', () => {
		expect(sdkDate(new Date('2019-11-15T03:36:55.123Z'))).toBe('20191115T033655Z');
	});
});

describe('SDK-HMAC-SHA256 signer: equal to @huaweicloud/huaweicloud-sdk-core on generated requests', () => {
	const segmentChar = fc.constantFrom(
		..."abcXYZ019 -_.~é中ü😀@$&+,;=:!*'()".split(''),
		'ß',
		'\u00a0',
	);
	const segment = fc.array(segmentChar, { maxLength: 8 }).map((a) => a.join(''));
	const path = fc
		.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean())
		.map(([segments, trailing]) => `/${segments.join('/')}${trailing ? '/' : ''}`);
	const queryValue = fc.string({
		maxLength: 12,
		unit: fc.constantFrom(...'aZ09 -_.~%&=+/?é中#'.split('')),
	});
	const query = fc.dictionary(
		fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...'abcABC12_-. é'.split('')) }),
		fc.oneof(queryValue, fc.array(queryValue, { minLength: 1, maxLength: 3 })),
		{ maxKeys: 5 },
	);
	const headerName = fc
		.stringMatching(/^[a-z][a-z0-9-]{0,12}$/)
		.filter((n) => !['host', 'x-sdk-date', 'authorization', 'x-sdk-content-sha256'].includes(n));
	const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/);
	const headers = fc.dictionary(headerName, headerValue, { maxKeys: 4 });
	const body = fc.option(
		fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
			minKeys: 1,
			maxKeys: 4,
		}),
		{ nil: undefined },
	);
	const keys = fc.tuple(
		fc.stringMatching(/^[A-Z0-9]{20}$/),
		fc.string({ minLength: 1, maxLength: 40 }),
	);

	it('on 1,000 requests: paths with spaces, unicode and trailing slashes, repeated and unsorted query parameters, encoded values, bodies, extra headers', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH'),
				path,
				query,
				headers,
				body,
				keys,
				fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
				(method, rawPath, q, extra, data, [ak, sk], when) => {
					// The path as it goes on the wire (percent-encoded as the node sends it), for both signers.
					const url = new URL(`https://rtc-api.myhuaweicloud.com${rawPath}`);
					const endpoint = `${url.origin}${wirePath(url.pathname)}`;
					const date = sdkDate(when);
					const all = {
						...extra,
						'X-Sdk-Date': date,
						...(data ? { 'Content-Type': 'application/json' } : {}),
					};
					const ours = signRequest(
						{
							method,
							url: endpoint,
							query: q,
							headers: all,
							body: data ? JSON.stringify(data) : '',
						},
						ak,
						sk,
						date,
					);
					expect(ours.authorization).toBe(
						oracleAuthorization(method, endpoint, q, all, data, ak, sk),
					);
				},
			),
			{ numRuns: 1000 },
		);
	});
});
