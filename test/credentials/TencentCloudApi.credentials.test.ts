/**
 * credentials/TencentCloudApi.credentials.ts: authenticate (TC3-HMAC-SHA256 over the exact body,
 * Content-Type, X-TC-* headers, the site or custom host), the credential test and its refusals,
 * and at work in the Tencent Cloud TRTC node, all against the simulated TRTC API.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import {
	AUTH_FAILURES,
	TencentCloudApi,
	TEST_BODY,
} from '../../credentials/TencentCloudApi.credentials';
import { signTrtcOptions } from '../../nodes/TencentCloudRtc/auth';
import { TencentCloudRtc } from '../../nodes/TencentCloudRtc/TencentCloudRtc.node';
import { captured, runNode } from '../harness/n8n';
import { oracleAuthorization } from '../nodes/TencentCloudRtc/oracle';
import type { TencentRtcApiSimulator } from '../simulator/tencentRtcApi';
import { post } from '../simulator/server';
import {
	SDK_APP_ID,
	SECRET_ID,
	SECRET_KEY,
	SESSION_TOKEN,
	startTrtcSimulator,
	trtcCredential,
} from '../nodes/TencentCloudRtc/setup';

const credential = new TencentCloudApi();
const node = new TencentCloudRtc();
const base = { secretId: SECRET_ID, secretKey: SECRET_KEY, token: '', region: 'ap-guangzhou' };
const request = (extra: Partial<IHttpRequestOptions> = {}): IHttpRequestOptions => ({
	method: 'POST',
	url: '/',
	headers: { 'X-TC-Action': 'DescribeRoomInfo', 'X-TC-Version': '2019-07-22' },
	body: '{"SdkAppId":1}',
	...extra,
});

/** Sends signed options to the simulator as they are (loopback only) and returns Tencent's Response. */
async function send(sim: TencentRtcApiSimulator, options: IHttpRequestOptions) {
	const url = new URL(options.url);
	const answer = await post(
		`${sim.baseUrl}${url.pathname}`,
		options.body as string,
		options.headers as Record<string, string>,
	);
	return (answer.body as { Response: { Error?: { Code: string } } }).Response;
}

describe('Tencent Cloud API credential: authenticate', () => {
	it('targets the China or international host, or a custom host (https:// when no scheme)', async () => {
		const url = async (extra: Record<string, unknown>) =>
			(await credential.authenticate({ ...base, ...extra }, request())).url;
		expect(await url({ site: 'china' })).toBe('https://trtc.tencentcloudapi.com/');
		expect(await url({})).toBe('https://trtc.tencentcloudapi.com/');
		expect(await url({ site: 'international' })).toBe('https://trtc.intl.tencentcloudapi.com/');
		expect(await url({ site: 'custom', customHost: 'trtc.ap-singapore.tencentcloudapi.com' })).toBe(
			'https://trtc.ap-singapore.tencentcloudapi.com/',
		);
		expect(await url({ site: 'custom', customHost: ' http://127.0.0.1:8080/ ' })).toBe(
			'http://127.0.0.1:8080/',
		);
		expect(await url({ site: 'custom', customHost: '' })).toBe('https://trtc.tencentcloudapi.com/');
	});

	it('sends exactly application/json (a caller charset is dropped), the time, region and token, and the body signed as sent', async () => {
		const signed = await credential.authenticate(
			{ ...base, token: SESSION_TOKEN, region: 'ap-singapore', site: 'china' },
			request({
				headers: {
					'content-type': 'application/json; charset=utf-8',
					'X-TC-Action': 'DismissRoom',
				},
				body: { RoomId: '会议室', SdkAppId: 1 },
			}),
		);
		const now = Math.floor(Date.now() / 1000);
		expect(signed.body).toBe('{"RoomId":"会议室","SdkAppId":1}');
		expect(signed.method).toBe('POST');
		expect(signed.headers).toEqual({
			'X-TC-Action': 'DismissRoom',
			'Content-Type': 'application/json',
			'X-TC-Timestamp': expect.stringMatching(/^\d{10}$/),
			'X-TC-Region': 'ap-singapore',
			'X-TC-Token': SESSION_TOKEN,
			Authorization: expect.stringMatching(
				new RegExp(
					`^TC3-HMAC-SHA256 Credential=${SECRET_ID}/\\d{4}-\\d\\d-\\d\\d/trtc/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$`,
				),
			),
		});
		expect(Math.abs(Number(signed.headers!['X-TC-Timestamp']) - now)).toBeLessThanOrEqual(1);
		expect(JSON.stringify(signed)).not.toContain(SECRET_KEY);
	});

	it('custom hosts: case-insensitive scheme, trailing slashes, no host given; absolute and relative request URLs', async () => {
		const url = async (customHost: unknown) =>
			(
				await credential.authenticate(
					{ ...base, site: 'custom', customHost: customHost as string },
					request(),
				)
			).url;
		expect(await url(undefined)).toBe('https://trtc.tencentcloudapi.com/');
		expect(await url('HTTP://127.0.0.1:8080//')).toBe('http://127.0.0.1:8080/');
		expect(await url('proxy.example.com/tc/https://trtc')).toBe(
			'https://proxy.example.com/tc/https://trtc/',
		);
		const sign = (o: Partial<IHttpRequestOptions>) =>
			signTrtcOptions(request(o), { ...base, site: 'china' }, 1700000000_000);
		const absolute = sign({ url: 'HTTPS://trtc.ap-shanghai.tencentcloudapi.com/' });
		expect(absolute.url).toBe('https://trtc.ap-shanghai.tencentcloudapi.com/');
		expect(absolute.headers!.Authorization).toBe(
			oracleAuthorization(
				'https://trtc.ap-shanghai.tencentcloudapi.com/',
				'application/json',
				'{"SdkAppId":1}',
				1700000000,
				SECRET_ID,
				SECRET_KEY,
			),
		);
		expect(sign({ url: 'http://127.0.0.1:9/' }).url).toBe('http://127.0.0.1:9/');
		expect(sign({ url: '/?next=https://x' }).url).toBe(
			'https://trtc.tencentcloudapi.com/?next=https://x',
		);
		expect(sign({ baseURL: 'http://127.0.0.1:9', qs: { a: 1 } })).not.toHaveProperty('baseURL');
		expect(sign({ qs: { a: 1 } })).not.toHaveProperty('qs');
	});

	it('a padded SecretId is trimmed; a header without a value is not sent; missing keys sign as empty', () => {
		const at = 1700000000_000;
		const padded = signTrtcOptions(request(), { ...base, secretId: ` ${SECRET_ID} ` }, at);
		expect(padded.headers!.Authorization).toBe(
			signTrtcOptions(request(), base, at).headers!.Authorization,
		);
		expect(
			signTrtcOptions(
				request({ headers: { 'X-TC-Action': 'A', 'X-TC-Language': undefined } as never }),
				base,
				at,
			).headers,
		).not.toHaveProperty('X-TC-Language');
		expect(signTrtcOptions(request(), { region: 'ap-guangzhou' }, at).headers!.Authorization).toBe(
			oracleAuthorization(
				'https://trtc.tencentcloudapi.com/',
				'application/json',
				'{"SdkAppId":1}',
				1700000000,
				'',
				'',
			),
		);
	});

	it('keeps a region the caller set, and defaults to ap-guangzhou', () => {
		const headers = (extra: Record<string, unknown>, callerRegion?: string) =>
			signTrtcOptions(
				request({
					headers: { 'X-TC-Action': 'A', ...(callerRegion ? { 'x-tc-region': callerRegion } : {}) },
				}),
				{ ...base, ...extra },
			).headers!;
		expect(headers({ region: '' })['X-TC-Region']).toBe('ap-guangzhou');
		expect(headers({}, 'na-toronto')).toMatchObject({ 'x-tc-region': 'na-toronto' });
		expect(headers({}, 'na-toronto')).not.toHaveProperty('X-TC-Region');
		expect(headers({ token: '' })).not.toHaveProperty('X-TC-Token');
	});

	it('a request signed 299 s ago passes; 301 s ago is AuthFailure.SignatureExpire', async () => {
		const sim = await startTrtcSimulator();
		try {
			const creds = { ...base, site: 'custom', customHost: sim.baseUrl };
			const at = (ago: number) => signTrtcOptions(request(), creds, Date.now() - ago * 1000);
			expect((await send(sim, at(299))).Error?.Code).toBe('InvalidParameter.SdkAppId');
			expect((await send(sim, at(301))).Error?.Code).toBe('AuthFailure.SignatureExpire');
			expect((await send(sim, at(-301))).Error?.Code).toBe('AuthFailure.SignatureExpire');
		} finally {
			await sim.stop();
		}
	});

	it('the simulator refuses what Tencent refuses: a charset not signed, another body, another service or date', async () => {
		const sim = await startTrtcSimulator();
		try {
			const signed = signTrtcOptions(request(), {
				...base,
				site: 'custom',
				customHost: sim.baseUrl,
			});
			const headers = signed.headers as Record<string, string>;
			const code = async (o: IHttpRequestOptions) => (await send(sim, o)).Error?.Code;
			expect(await code(signed)).toBe('InvalidParameter.SdkAppId');
			expect(
				await code({
					...signed,
					headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
				}),
			).toBe('AuthFailure.SignatureFailure');
			expect(await code({ ...signed, body: '{"SdkAppId":2}' })).toBe(
				'AuthFailure.SignatureFailure',
			);
			const auth = headers.Authorization;
			for (const forged of [
				auth.replace('/trtc/', '/cvm/'),
				auth.replace(/\/\d{4}-\d\d-\d\d\//, '/2000-01-01/'),
				auth.replace('content-type;host', 'host'),
			])
				expect(await code({ ...signed, headers: { ...headers, Authorization: forged } })).toBe(
					'AuthFailure.SignatureFailure',
				);
			expect(await code({ ...signed, headers: { ...headers, Authorization: 'Basic x' } })).toBe(
				'AuthFailure.InvalidAuthorization',
			);
			expect(await code({ ...signed, headers: { ...headers, 'X-TC-Version': '2020-01-01' } })).toBe(
				'NoSuchVersion',
			);
			expect(
				await code({ ...signed, headers: { ...headers, 'X-TC-Action': 'StartMCUMixTranscode' } }),
			).toBe('InvalidAction');
		} finally {
			await sim.stop();
		}
	});
});

describe('Tencent Cloud API credential: test and use', () => {
	let sim: TencentRtcApiSimulator;
	beforeEach(async () => (sim = await startTrtcSimulator()));
	afterEach(async () => await sim.stop());

	it('the test reads a recording task that does not exist (DescribeCloudRecording) and passes on any non-AuthFailure answer', async () => {
		expect(await trtcCredential(sim).test()).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const [call] = sim.calls('DescribeCloudRecording');
		expect(call.headers['x-tc-version']).toBe('2019-07-22');
		expect(call.headers['content-type']).toBe('application/json');
		expect(call.rawBody).toBe(TEST_BODY);
		expect(sim.answers[0].code).toBe('InvalidParameter.SdkAppId');
		sim.state.apps.add(1400000000);
		expect(await trtcCredential(sim).test()).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sim.answers[1].code).toBe('ResourceNotFound');
	});

	it('fails with a message per refusal: signature, SecretId, token', async () => {
		expect(await trtcCredential(sim, { secretKey: 'wrong' }).test()).toEqual({
			status: 'Error',
			message: AUTH_FAILURES['AuthFailure.SignatureFailure'],
		});
		expect(await trtcCredential(sim, { secretId: 'AKIDunknown' }).test()).toEqual({
			status: 'Error',
			message: AUTH_FAILURES['AuthFailure.SecretIdNotFound'],
		});
		sim.keys.set(SECRET_ID, { secretKey: SECRET_KEY, token: SESSION_TOKEN });
		expect(await trtcCredential(sim).test()).toEqual({
			status: 'Error',
			message: AUTH_FAILURES['AuthFailure.TokenFailure'],
		});
		expect(await trtcCredential(sim, { token: SESSION_TOKEN }).test()).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(credential.test.rules?.map((r) => (r.properties as { value: string }).value)).toEqual(
			Object.keys(AUTH_FAILURES),
		);
	});

	it('through the node: a wrong SecretKey is a NodeApiError with the code, the RequestId and advice, and no secret', async () => {
		sim.state.addRoom(SDK_APP_ID, 5, ['a']);
		const wrong = `wrong-${SECRET_KEY}`;
		const error = await runNode(node, trtcCredential(sim, { secretKey: wrong }), {
			params: { resource: 'room', operation: 'dismiss', sdkAppId: SDK_APP_ID, roomId: '5' },
		}).catch((e) => e);
		expect(error.message).toBe(
			`Tencent Cloud TRTC: Dismiss room failed (AuthFailure.SignatureFailure: The provided credentials could not be validated. (RequestId ${(sim.answers[0].body as { RequestId: string }).RequestId}))`,
		);
		expect(error.description).toBe(
			'The signature was refused: check the SecretKey and the site or custom host in the credential.',
		);
		expect(JSON.stringify(error)).not.toContain(wrong);
		expect(sim.state.rooms.size).toBe(1);
	});

	it('no key, token, UserSig or storage key in items, errors or logs', async () => {
		sim.keys.set(SECRET_ID, { secretKey: SECRET_KEY, token: SESSION_TOKEN });
		const store = trtcCredential(sim, { token: SESSION_TOKEN });
		const userSig = `sig-${Math.random().toString(36).slice(2)}`;
		const cosSecret = `cos-${Math.random().toString(36).slice(2)}`;
		const params = {
			resource: 'cloudRecording',
			operation: 'start',
			sdkAppId: SDK_APP_ID,
			roomId: '1',
			robotUserId: 'r',
			userSigSource: 'manual',
			userSig,
			storage: 'cos',
			cosRegion: 'ap-guangzhou',
			cosBucket: 'b-1250000000',
			cosAccessKey: 'AKIDcos',
			cosSecretKey: cosSecret,
		};
		const items = await runNode(node, store, { params });
		sim.state.maxConcurrentTasks = 1;
		const refused = await runNode(node, store, { params }).catch((e) => e);
		const unsigned = await runNode(node, trtcCredential(sim), { params }).catch((e) => e);
		const errors = [refused, unsigned].map((e) => [e.message, e.description, JSON.stringify(e)]);
		expect(errors[0][0]).toMatch(/RestrictedConcurrency/);
		expect(errors[1][0]).toMatch(/AuthFailure\.TokenFailure/);
		const seen = JSON.stringify([items, errors, captured.logs, captured.errors]);
		for (const secret of [SECRET_KEY, SESSION_TOKEN, userSig, cosSecret])
			expect(seen).not.toContain(secret);
	});
});
