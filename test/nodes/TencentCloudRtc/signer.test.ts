import fc from 'fast-check';

import { signTrtcOptions, TRTC_SITES, TRTC_REGIONS } from '../../../nodes/TencentCloudRtc/auth';
import { signTc3, utcDate } from '../../../nodes/TencentCloudRtc/signer';
import { sha256Hex } from '../../../nodes/shared/crypto';
import { oracleAuthorization } from './oracle';

const DOC_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const DOC_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';

describe('TC3-HMAC-SHA256 signer: fixed vectors', () => {
	it('reproduces the signature documentation example (cvm DescribeInstances, charset content type)', () => {
		const body =
			'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
		expect(sha256Hex(body)).toBe(
			'35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
		);
		const signed = signTc3(
			{
				host: 'cvm.tencentcloudapi.com',
				contentType: 'application/json; charset=utf-8',
				body,
				timestamp: 1551113065,
				service: 'cvm',
			},
			DOC_ID,
			DOC_KEY,
		);
		expect(signed.canonicalRequest).toBe(
			'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
		);
		expect(sha256Hex(signed.canonicalRequest)).toBe(
			'5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
		);
		expect(signed.stringToSign).toBe(
			'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
		);
		expect(signed.signature).toBe(
			'72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
		);
		expect(signed.authorization).toBe(
			`TC3-HMAC-SHA256 Credential=${DOC_ID}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168`,
		);
	});

	it("reproduces the SDK's own unit-test vector, and so does the oracle", () => {
		const body = '{"Action":"DescribeInstances","Version":"2017-03-12"}';
		const expected =
			'TC3-HMAC-SHA256 Credential=test-secret-id/2022-01-01/cvm/tc3_request, SignedHeaders=content-type;host, Signature=96473b50fe407833672a5d6d067238d88bb44c8abcc39ef83baa3132afbfadd3';
		const ours = signTc3(
			{
				host: 'cvm.tencentcloudapi.com',
				contentType: 'application/json',
				body,
				timestamp: 1640995200,
				service: 'cvm',
			},
			'test-secret-id',
			'test-secret-key',
		);
		expect(ours.authorization).toBe(expected);
		expect(
			oracleAuthorization(
				'https://cvm.tencentcloudapi.com/',
				'application/json',
				body,
				1640995200,
				'test-secret-id',
				'test-secret-key',
				'cvm',
			),
		).toBe(expected);
	});

	it('reproduces the TRTC DismissRoomByStrRoomId vector through the credential path', () => {
		const signed = signTrtcOptions(
			{
				method: 'POST',
				url: '/',
				headers: { 'X-TC-Action': 'DismissRoomByStrRoomId', 'X-TC-Version': '2019-07-22' },
				body: '{"SdkAppId":1400000000,"RoomId":"room-1"}',
			},
			{ secretId: DOC_ID, secretKey: DOC_KEY, site: 'china', region: 'ap-guangzhou' },
			1700000000_000,
		);
		expect(signed.url).toBe('https://trtc.tencentcloudapi.com/');
		expect(signed.headers).toEqual({
			'X-TC-Action': 'DismissRoomByStrRoomId',
			'X-TC-Version': '2019-07-22',
			'Content-Type': 'application/json',
			'X-TC-Timestamp': '1700000000',
			'X-TC-Region': 'ap-guangzhou',
			Authorization: `TC3-HMAC-SHA256 Credential=${DOC_ID}/2023-11-14/trtc/tc3_request, SignedHeaders=content-type;host, Signature=6a69ac6bf3704041311916fe693248ee255f58f14b1ffee271c8da6b4b80f3d2`,
		});
		const canonical = signTc3(
			{
				host: 'trtc.tencentcloudapi.com',
				contentType: 'application/json',
				body: signed.body as string,
				timestamp: 1700000000,
				service: 'trtc',
			},
			DOC_ID,
			DOC_KEY,
		).canonicalRequest;
		expect(sha256Hex(canonical)).toBe(
			'e78d5a183332e3865c107228579846268b9737146a04483da5969fec286fbc8f',
		);
	});

	it('dates the scope in UTC, also around midnight', () => {
		expect(utcDate(1700000000)).toBe('2023-11-14');
		expect(utcDate(1699999199)).toBe('2023-11-14'); // 21:59:59Z
		expect(utcDate(1700006399)).toBe('2023-11-14'); // 23:59:59Z
		expect(utcDate(1700006400)).toBe('2023-11-15'); // 00:00:00Z
	});
});

describe('TC3-HMAC-SHA256 signer: equal to Tencent SDK (Sign.sign3) on generated requests', () => {
	const hosts = fc.constantFrom(
		...Object.values(TRTC_SITES).map((u) => new URL(u).host),
		...Object.keys(TRTC_REGIONS).map((r) => `trtc.${r}.tencentcloudapi.com`),
	);
	const action = fc.stringMatching(/^[A-Z][A-Za-z]{2,30}$/);
	const unicodeText = fc.string({ unit: 'binary', maxLength: 12 });
	const body = fc.dictionary(
		fc.oneof(fc.stringMatching(/^[A-Z][A-Za-z]{0,12}$/), unicodeText),
		fc.oneof(
			fc.jsonValue({ maxDepth: 2 }),
			unicodeText,
			fc.array(unicodeText, { maxLength: 4 }),
			fc.integer({ min: 1, max: 4294967294 }),
		),
		{ maxKeys: 6 },
	);
	const secretId = fc.stringMatching(/^AKID[A-Za-z0-9]{32}$/);
	const secretKey = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
	const token = fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), { nil: undefined });
	// 2000-01-01 to 2090-01-01, in seconds.
	const timestamp = fc.integer({ min: 946684800, max: 3786825600 });

	it('on 1,000 requests: actions, bodies with non-ASCII text, hosts and regions, timestamps, session tokens', () => {
		fc.assert(
			fc.property(
				hosts,
				fc.constantFrom(...Object.keys(TRTC_REGIONS)),
				action,
				body,
				timestamp,
				secretId,
				secretKey,
				token,
				(host, region, act, data, ts, id, key, sessionToken) => {
					const signed = signTrtcOptions(
						{
							method: 'POST',
							url: '/',
							headers: { 'X-TC-Action': act, 'X-TC-Version': '2019-07-22' },
							body: data,
						},
						{
							secretId: id,
							secretKey: key,
							token: sessionToken ?? '',
							site: 'custom',
							customHost: host,
							region,
						},
						ts * 1000 + 999,
					);
					const sent = signed.body as string;
					expect(sent).toBe(JSON.stringify(data));
					expect(signed.headers!['X-TC-Timestamp']).toBe(String(ts));
					expect(signed.headers!['X-TC-Region']).toBe(region);
					expect(signed.headers!['X-TC-Token']).toBe(sessionToken);
					expect(signed.headers!.Authorization).toBe(
						oracleAuthorization(`https://${host}/`, 'application/json', sent, ts, id, key),
					);
				},
			),
			{ numRuns: 1000 },
		);
	});

	it('on 300 requests: other services and content types, signed as sent', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^[a-z]{2,10}$/),
				fc.constantFrom(
					'application/json',
					'application/json; charset=utf-8',
					'application/x-www-form-urlencoded',
				),
				fc.string({ unit: 'binary', maxLength: 200 }),
				timestamp,
				secretId,
				secretKey,
				(service, contentType, payload, ts, id, key) => {
					const ours = signTc3(
						{
							host: `${service}.tencentcloudapi.com`,
							contentType,
							body: payload,
							timestamp: ts,
							service,
						},
						id,
						key,
					);
					expect(ours.authorization).toBe(
						oracleAuthorization(
							`https://${service}.tencentcloudapi.com/`,
							contentType,
							payload,
							ts,
							id,
							key,
							service,
						),
					);
				},
			),
			{ numRuns: 300 },
		);
	});
});
