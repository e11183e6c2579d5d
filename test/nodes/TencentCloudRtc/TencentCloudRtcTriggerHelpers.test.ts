/**
 * nodes/TencentCloudRtc/TencentCloudRtcTriggerHelpers.ts: the Sign (Tencent's test vectors, the
 * canonical base64 form), the SdkAppId check, the CallbackTs window at its edges both ways,
 * parsing, a callback's identity, and the credential's Test.
 */
import { createHash, createHmac } from 'node:crypto';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { Callback } from '../../../nodes/TencentCloudRtc/callback';
import { clearCredentialCache, credentialCacheLimits } from '../../../nodes/shared/credentialCache';
import {
	callbackIdentity,
	checkWindow,
	DEFAULT_WINDOW_SECONDS,
	parseCallback,
	signMatches,
	testCallbackCredential,
	trtcCallbackSign,
	verifyCallback,
	windowSeconds,
} from '../../../nodes/TencentCloudRtc/TencentCloudRtcTriggerHelpers';
import { trtcBody, trtcSign } from '../../simulator/tencentRtcCallbacks';

/** Tencent's published example (trtc.io/document/54912): key 123654, this exact text. */
const OFFICIAL_BODY =
	'{\n\t"EventGroupId":\t2,\n\t"EventType":\t204,\n\t"CallbackTs":\t1664209748188,\n\t"EventInfo":\t{\n\t\t"RoomId":\t8489,\n\t\t"EventTs":\t1664209748,\n\t\t"EventMsTs":\t1664209748180,\n\t\t"UserId":\t"user_85034614",\n\t\t"Reason":\t0\n\t}\n}';
const SECOND_BODY =
	'{\n\t"EventGroupId":\t1,\n\t"EventType":\t101,\n\t"CallbackTs":\t1608086882372,\n\t"EventInfo":\t{\n\t\t"RoomId":\t20222,\n\t\t"EventTs":\t1608086882,\n\t\t"UserId":\t"222222_phone"\n\t}\n}';

describe('Sign', () => {
	it("reproduces Tencent's official vector and the second one", () => {
		expect(Buffer.byteLength(OFFICIAL_BODY)).toBe(207);
		expect(trtcCallbackSign('123654', OFFICIAL_BODY)).toBe(
			'kkoFeO3Oh2ZHnjtg8tEAQhtXK16/KI05W3BQff8IvGA=',
		);
		expect(trtcCallbackSign('789', SECOND_BODY)).toBe(
			't2Yq1R4wilV/RIMRyygkgdhxWO8dgTdXXrfNVtz7V3k=',
		);
	});

	it('is over the real newline and tab bytes: the backslash text of the web page gives another Sign', () => {
		const backslashed = OFFICIAL_BODY.replace(/\n/g, '\\n').replace(/\t/g, '\\t');
		expect(trtcCallbackSign('123654', backslashed)).toBe(
			'LvKyTq86nULm22HssZHPn1L7gkGafhnxpO//kNZ31TM=',
		);
	});

	it("the simulator prints TRTC's layout byte for byte and signs it the same way", () => {
		expect(trtcBody(JSON.parse(OFFICIAL_BODY))).toBe(OFFICIAL_BODY);
		expect(trtcBody(JSON.parse(SECOND_BODY))).toBe(SECOND_BODY);
		expect(trtcSign('123654', OFFICIAL_BODY)).toBe(trtcCallbackSign('123654', OFFICIAL_BODY));
	});

	it('signs the UTF-8 bytes of a body with non-ASCII text', () => {
		const body = '{"EventInfo":{"UserId":"用户 ü 🚀"}}';
		expect(trtcCallbackSign('k1', body)).toBe(
			createHmac('sha256', 'k1').update(Buffer.from(body, 'utf8')).digest('base64'),
		);
	});

	it('matches only the exact canonical base64 of the HMAC', () => {
		const sign = trtcCallbackSign('k', 'body');
		expect(signMatches(sign, sign)).toBe(true);
		const last = sign.at(-2)!;
		// Another last character with the same 6 bits' top 4: decodes to the same bytes, not canonical.
		const sibling = String.fromCharCode(last.charCodeAt(0) + 1);
		for (const received of [
			undefined,
			'',
			sign.slice(0, -1),
			`${sign}=`,
			` ${sign}`,
			sign.toLowerCase(),
			sign.replace(/\+/g, '-').replace(/\//g, '_'),
			`${sign.slice(0, -2)}${sibling}=`,
			Buffer.from(sign, 'base64').toString('hex'),
			trtcCallbackSign('k', 'other body'),
		])
			expect(signMatches(sign, received)).toBe(false);
	});
});

describe('verifyCallback', () => {
	let reads = 0;
	let workflow = 0;
	// Each call is its own workflow unless `same` is given: the credential is kept per workflow node.
	const ctx = (headers: IDataObject, credentials: IDataObject, same?: string) => {
		const id = same ?? `wf-${workflow++}`;
		return {
			getNode: () => ({
				id: 'n1',
				name: 'Trigger',
				credentials: { tencentRtcCallbackApi: { id: 'c1' } },
			}),
			getWorkflow: () => ({ id }),
			getCredentials: async () => {
				reads++;
				return credentials;
			},
			getHeaderData: () => headers,
		} as unknown as IWebhookFunctions;
	};
	beforeEach(() => {
		clearCredentialCache();
		reads = 0;
	});

	it('reads the credential once for later callbacks, and again before it refuses one', async () => {
		const now = Date.now();
		const ok = await verifyCallback(
			ctx({ sdkappid: '1400000001', sign }, credentials, 'w'),
			body,
			now,
		);
		expect(ok).toEqual({ sdkAppId: '1400000001' });
		await verifyCallback(ctx({ sdkappid: '1400000001', sign }, credentials, 'w'), body, now + 1000);
		expect(reads).toBe(1);
		// The key was changed in n8n: the kept copy refuses, the fresh read accepts.
		const rotated = { sdkAppId: 1400000001, callbackSecret: 'key9' };
		const signed = trtcCallbackSign('key9', body);
		expect(
			await verifyCallback(
				ctx({ sdkappid: '1400000001', sign: signed }, rotated, 'w'),
				body,
				now + 2000,
			),
		).toEqual({ sdkAppId: '1400000001' });
		expect(reads).toBe(2);
		// A forged callback costs one fresh read and is still refused.
		expect(
			await verifyCallback(ctx({ sdkappid: '1400000001', sign }, rotated, 'w'), body, now + 3000),
		).toMatchObject({ answer: { status: 401 } });
		expect(reads).toBe(3);
		// Kept for credentialCacheLimits.ttlMs at most.
		await verifyCallback(
			ctx({ sdkappid: '1400000001', sign: signed }, rotated, 'w'),
			body,
			now + 3000 + credentialCacheLimits.ttlMs,
		);
		expect(reads).toBe(4);
	});
	const body = '{"a":1}';
	const credentials = { sdkAppId: 1400000001, callbackSecret: 'key1' };
	const sign = trtcCallbackSign('key1', body);

	it('passes the SDKAppID of a signed callback; names each refusal', async () => {
		expect(await verifyCallback(ctx({ sdkappid: '1400000001', sign }, credentials), body)).toEqual({
			sdkAppId: '1400000001',
		});
		expect(await verifyCallback(ctx({ sdkappid: '1400000002', sign }, credentials), body)).toEqual({
			answer: { status: 403, body: { error: 'SdkAppId does not match this trigger' } },
		});
		expect(await verifyCallback(ctx({ sign }, credentials), body)).toMatchObject({
			answer: { status: 403 },
		});
		expect(await verifyCallback(ctx({ sdkappid: '1400000001' }, credentials), body)).toEqual({
			answer: { status: 401, body: { error: 'The Sign header is required' } },
		});
		expect(
			await verifyCallback(ctx({ sdkappid: '1400000001', sign }, credentials), `${body} `),
		).toEqual({ answer: { status: 401, body: { error: 'Invalid Sign' } } });
	});

	it("another app's key does not open this app, even with its own SdkAppId", async () => {
		const theirs = trtcCallbackSign('key2', body);
		expect(
			await verifyCallback(ctx({ sdkappid: '1400000001', sign: theirs }, credentials), body),
		).toMatchObject({ answer: { status: 401 } });
	});

	it('without a key, Sign is not required (any is ignored); the SdkAppId still is', async () => {
		const open = { sdkAppId: 1400000001, callbackSecret: '' };
		expect(await verifyCallback(ctx({ sdkappid: '1400000001' }, open), body)).toEqual({
			sdkAppId: '1400000001',
		});
		expect(await verifyCallback(ctx({ sdkappid: ' 1400000001 ', sign: 'x' }, open), body)).toEqual({
			sdkAppId: '1400000001',
		});
		expect(await verifyCallback(ctx({ sdkappid: '1400000009' }, open), body)).toMatchObject({
			answer: { status: 403 },
		});
		// A credential saved before the key field existed has no key at all.
		expect(
			await verifyCallback(ctx({ sdkappid: '1400000001' }, { sdkAppId: 1400000001 }), body),
		).toEqual({ sdkAppId: '1400000001' });
	});
});

describe('checkWindow', () => {
	const now = 1_700_000_000_000;
	const at = (CallbackTs?: number, EventMsTs?: number) =>
		({ EventGroupId: 1, EventType: 101, CallbackTs, EventInfo: { EventMsTs } }) as Callback;

	it('accepts up to the window either way, refuses beyond it', () => {
		expect(checkWindow(at(now - 300_000), 300, now)).toBeUndefined();
		expect(checkWindow(at(now + 300_000), 300, now)).toBeUndefined();
		expect(checkWindow(at(now - 300_001), 300, now)).toEqual({
			status: 401,
			body: { error: 'CallbackTs is outside the allowed window' },
		});
		expect(checkWindow(at(now + 300_001), 300, now)).toMatchObject({ status: 401 });
	});

	it('falls back to EventMsTs; with no time at all the callback is refused; 0 turns it off', () => {
		expect(checkWindow(at(undefined, now - 1000), 300, now)).toBeUndefined();
		expect(checkWindow(at(undefined, now - 400_000), 300, now)).toMatchObject({ status: 401 });
		expect(checkWindow(at(), 300, now)).toEqual({
			status: 400,
			body: { error: 'CallbackTs is required' },
		});
		expect(checkWindow(at(1), 0, now)).toBeUndefined();
		expect(checkWindow(at(), 0, now)).toBeUndefined();
	});

	it('defaults to 5 minutes, from the option', () => {
		const ctx = (options: IDataObject) =>
			({
				getNodeParameter: (name: string, fallback: unknown) =>
					name === 'options.timeWindow' ? (options.timeWindow ?? fallback) : fallback,
			}) as unknown as IWebhookFunctions;
		expect(DEFAULT_WINDOW_SECONDS).toBe(300);
		expect(windowSeconds(ctx({}))).toBe(300);
		expect(windowSeconds(ctx({ timeWindow: 60 }))).toBe(60);
	});
});

describe('parseCallback', () => {
	it('parses numbers sent as text, keeps unknown fields and the raw body', () => {
		const parsed = parseCallback(
			'{"EventGroupId":"3","EventType":311,"CallbackTs":"1700000000000","New":true,"EventInfo":{"RoomId":"r","TaskId":"t","EventTs":"1622186275","Payload":{"Status":"0"}}}',
		);
		expect(parsed).toMatchObject({
			callback: {
				EventGroupId: 3,
				CallbackTs: 1700000000000,
				New: true,
				EventInfo: { EventTs: 1622186275 },
			},
			body: { EventGroupId: '3', New: true },
		});
	});

	it.each([
		['[]', /^Not a TRTC callback: \(body\)/],
		['{"EventGroupId":1.5,"EventType":101,"EventInfo":{"RoomId":1}}', /EventGroupId/],
		['{"EventGroupId":-1,"EventType":101,"EventInfo":{"RoomId":1}}', /EventGroupId/],
		['{"EventGroupId":1,"EventType":101,"EventInfo":[]}', /EventInfo/],
		['{"EventGroupId":2,"EventType":201,"EventInfo":{"RoomId":null}}', /EventInfo\.RoomId/],
		['{"EventGroupId":1,"EventType":103,"EventInfo":{"RoomId":1,"Role":"x"}}', /EventInfo\.Role/],
		[
			'{"EventGroupId":3,"EventType":311,"EventInfo":{"RoomId":1,"TaskId":"t","Payload":{"TencentVod":{"VideoUrl":5}}}}',
			/Payload\.TencentVod\.VideoUrl/,
		],
		['{"EventGroupId":4,"EventType":401,"EventInfo":{"Payload":"x"}}', /EventInfo\.Payload/],
	])('refuses %s with a 400 naming the field', (text, message) => {
		const parsed = parseCallback(text) as { answer: { status: number; body: { error: string } } };
		expect(parsed.answer.status).toBe(400);
		expect(parsed.answer.body.error).toMatch(message);
	});

	it('groups other than 1–3 need no RoomId or TaskId', () => {
		expect(parseCallback('{"EventGroupId":8,"EventType":801,"EventInfo":{}}')).toHaveProperty(
			'callback',
		);
	});
});

describe('callbackIdentity', () => {
	const callback = (extra: Partial<Callback> = {}, info: IDataObject = {}) =>
		({
			EventGroupId: 3,
			EventType: 310,
			CallbackTs: 1,
			...extra,
			EventInfo: { RoomId: 'r', UserId: 'u', TaskId: 't', EventMsTs: 5, ...info },
		}) as Callback;

	it('is the same whatever CallbackTs says, and differs in any other part', () => {
		const base = callbackIdentity('1400', callback());
		expect(callbackIdentity('1400', callback({ CallbackTs: 2 }))).toBe(base);
		for (const other of [
			callbackIdentity('1401', callback()),
			callbackIdentity('1400', callback({ EventGroupId: 4 })),
			callbackIdentity('1400', callback({ EventType: 311 })),
			callbackIdentity('1400', callback({}, { RoomId: 'r2' })),
			callbackIdentity('1400', callback({}, { UserId: 'u2' })),
			callbackIdentity('1400', callback({}, { TaskId: 't2' })),
			callbackIdentity('1400', callback({}, { EventMsTs: 6 })),
			callbackIdentity('1400', callback({}, { Payload: { FileList: ['a.mp4'] } })),
		])
			expect(other).not.toBe(base);
		expect(callbackIdentity('1400', callback({}, { Payload: { FileList: ['a.mp4'] } }))).not.toBe(
			callbackIdentity('1400', callback({}, { Payload: { FileList: ['b.mp4'] } })),
		);
	});

	it('uses EventTsMs (relay to CDN) or EventTs when EventMsTs is absent', () => {
		const a = callbackIdentity('1', callback({}, { EventMsTs: undefined, EventTsMs: 7 }));
		const b = callbackIdentity('1', callback({}, { EventMsTs: undefined, EventTsMs: 8 }));
		const c = callbackIdentity('1', callback({}, { EventMsTs: undefined, EventTs: 9 }));
		expect(new Set([a, b, c]).size).toBe(3);
		expect(c).toBe('1|3|310|r|u|t|9|');
	});

	it('is stable text (deliveryId derives from it on every process and version): empty parts stay empty', () => {
		const bare = { EventGroupId: 8, EventType: 801, EventInfo: {} } as Callback;
		expect(callbackIdentity('1400', bare)).toBe('1400|8|801|||||');
	});

	it('holds the first 32 hex characters of the Payload hash', () => {
		const payload = { Status: 0, FileList: ['a.mp4'] };
		const digest = createHash('sha256').update(JSON.stringify(payload)).digest('hex');
		expect(callbackIdentity('1400', callback({}, { Payload: payload }))).toBe(
			`1400|3|310|r|u|t|5|${digest.slice(0, 32)}`,
		);
	});
});

describe("the credential's Test", () => {
	const test = (data: IDataObject) =>
		testCallbackCredential({ id: '1', name: 'c', type: 'tencentRtcCallbackApi', data } as never);

	it('accepts a positive SDKAppID and a key of up to 32 letters and digits, or none', () => {
		expect(test({ sdkAppId: 1400000001, callbackSecret: 'a'.repeat(32) })).toEqual({
			status: 'OK',
			message: 'Looks valid',
		});
		expect(test({ sdkAppId: 1400000001, callbackSecret: '' })).toEqual({
			status: 'OK',
			message: 'Valid, but without a callback key callbacks are not authenticated',
		});
	});

	it('refuses a missing or non-positive SDKAppID and a key the console would not take', () => {
		for (const sdkAppId of [0, -1, 1.5, 'abc', undefined])
			expect(test({ sdkAppId, callbackSecret: 'k' })).toEqual({
				status: 'Error',
				message: 'Enter the SDKAppID (a positive number)',
			});
		for (const key of ['a'.repeat(33), 'with space', 'dash-ed', 'ümlaut'])
			expect(test({ sdkAppId: 1, callbackSecret: key })).toEqual({
				status: 'Error',
				message: 'The TRTC console allows only letters and digits (at most 32) in a callback key',
			});
		expect(testCallbackCredential({ id: '1' } as never)).toMatchObject({ status: 'Error' });
		expect(test({ sdkAppId: 7 })).toMatchObject({ status: 'OK' });
	});
});
