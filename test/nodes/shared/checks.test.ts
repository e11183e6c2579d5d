/**
 * The security checks at their edges: signature comparison, time windows (both directions, the
 * boundary itself), header formats, duplicate identities and the duplicate guard's memory, the
 * Tencent credential cache and Signs across tenants. Written from StrykerJS' surviving mutants
 * (`npm run mutate`): each test fails when one of those one-line defects is put back.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { z } from 'zod/v4';

import {
	DEFAULT_MAX_AGE_MINUTES,
	deliveryIdentity,
	maxAgeMs,
	parseEnvelope,
	withinWindow as meetingWithinWindow,
} from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers';
import type { MeetingEnvelope } from '../../../nodes/HuaweiCloudMeeting/events';
import type { RecordingEvent } from '../../../nodes/HuaweiCloudSparkRtc/events';
import {
	callbackIdentity,
	DEDUPE_WINDOW_MS,
	signedHeaders,
	withinWindow as rtcWithinWindow,
} from '../../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTriggerHelpers';
import {
	clearCredentialCache,
	credentialCacheLimits,
	REJECT,
	roomCallbackSign,
	verifyCallback,
} from '../../../nodes/TencentCloudRoom/TencentCloudRoomTriggerHelpers';
import { hexSignaturesMatch, randomNonce, sha256Hex } from '../../../nodes/shared/crypto';
import { bodyIdentity, DeliveryGuard } from '../../../nodes/shared/dedupe';
import { parseJsonBody, topLevelMemberText } from '../../../nodes/shared/json';
import { asItems, collectPages, nextOffset } from '../../../nodes/shared/paging';
import { header, replayWindowMs } from '../../../nodes/shared/webhook';
import { zodSummary } from '../../../nodes/shared/zod';
import {
	beforeRenewTime,
	epochToIso,
	isoString,
	msToIso,
	renewTime,
	secondsToIso,
	toNumber,
	toUtcMinutes,
	utcMinutesToIso,
} from '../../../nodes/shared/time';

describe('hexSignaturesMatch', () => {
	const sig = sha256Hex('payload');

	it('accepts the same hex in either case and around whitespace', () => {
		expect(hexSignaturesMatch(sig, sig)).toBe(true);
		expect(hexSignaturesMatch(sig, sig.toUpperCase())).toBe(true);
		expect(hexSignaturesMatch(sig.toUpperCase(), sig)).toBe(true);
		expect(hexSignaturesMatch(sig, ` ${sig}\n`)).toBe(true);
	});

	it('refuses missing values without throwing, and any other length', () => {
		for (const value of [undefined, null, 42, {}, ['a'], '']) {
			expect(hexSignaturesMatch(sig, value)).toBe(false);
		}
		expect(hexSignaturesMatch(sig, `${sig}0`)).toBe(false);
		expect(hexSignaturesMatch(sig, `${sig}${sig}`)).toBe(false);
		expect(hexSignaturesMatch(sig, sig.slice(0, -1))).toBe(false);
		expect(hexSignaturesMatch(sig, sig.slice(0, 1))).toBe(false);
		// An empty signature matches nothing, not even an empty expected value (a key that was never set).
		expect(hexSignaturesMatch('', '')).toBe(false);
		expect(hexSignaturesMatch('', '   ')).toBe(false);
		expect(hexSignaturesMatch(sig, `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`)).toBe(
			false,
		);
	});
});

describe('replayWindowMs', () => {
	it('is twice the time window (dated up to the window ahead, then up to it behind), never under the floor', () => {
		expect(replayWindowMs(600_000, 300_000)).toBe(1_200_000);
		expect(replayWindowMs(100_000, 300_000)).toBe(300_000);
		expect(replayWindowMs(150_000, 300_000)).toBe(300_000);
		// No time check: the floor alone.
		expect(replayWindowMs(0, 300_000)).toBe(300_000);
	});
});

describe('randomNonce', () => {
	it('has exactly the length asked for, from the alphanumeric alphabet', () => {
		for (const length of [1, 16, 32])
			expect(randomNonce(length)).toMatch(new RegExp(`^[A-Za-z0-9]{${length}}$`));
		expect(randomNonce()).toHaveLength(32);
	});
});

describe('DeliveryGuard', () => {
	it('forgets a key exactly when its window ends', () => {
		const guard = new DeliveryGuard();
		expect(guard.firstSeen('a', 1000, 0)).toBe(true);
		expect(guard.firstSeen('a', 1000, 999)).toBe(false);
		expect(guard.firstSeen('a', 1000, 1000)).toBe(true);
		expect(guard.firstSeen('a', 1000, 1999)).toBe(false);
	});

	it('keeps at most maxEntries keys, forgetting the oldest first', () => {
		const guard = new DeliveryGuard(3);
		for (const key of ['a', 'b', 'c', 'd']) expect(guard.firstSeen(key, 60_000, 0)).toBe(true);
		expect(guard.size).toBe(3);
		// 'a' was evicted by 'd'; 'b', 'c', 'd' are still held.
		expect(guard.firstSeen('b', 60_000, 1)).toBe(false);
		expect(guard.firstSeen('d', 60_000, 1)).toBe(false);
		expect(guard.firstSeen('a', 60_000, 1)).toBe(true);
		for (let i = 0; i < 50; i++) guard.firstSeen(`k${i}`, 60_000, 2);
		expect(guard.size).toBe(3);
		expect(guard.firstSeen('k49', 60_000, 3)).toBe(false);
		expect(guard.firstSeen('k46', 60_000, 3)).toBe(true);
	});
});

describe('bodyIdentity', () => {
	it('keeps bodies up to 2048 characters as they are, hashes longer ones', () => {
		const short = 'x'.repeat(2048);
		const long = 'x'.repeat(2049);
		expect(bodyIdentity(short)).toBe(short);
		expect(bodyIdentity(long)).toBe(sha256Hex(long));
		expect(bodyIdentity('{}')).toBe('{}');
	});
});

describe('Huawei Cloud Meeting: window, envelope and identity', () => {
	const at = (timestamp: number) => ({ timestamp }) as unknown as MeetingEnvelope;

	it('defaults to 25 hours (Huawei retries for 24 h)', () => {
		expect(DEFAULT_MAX_AGE_MINUTES).toBe(1500);
		expect(maxAgeMs({})).toBe(25 * 3600_000);
		expect(maxAgeMs({ maxAgeMinutes: 2 })).toBe(120_000);
	});

	it('accepts up to the window in either direction and nothing beyond; 0 turns it off', () => {
		const now = 10_000_000;
		expect(meetingWithinWindow(at(now - 5000), 5000, now)).toBe(true);
		expect(meetingWithinWindow(at(now + 5000), 5000, now)).toBe(true);
		expect(meetingWithinWindow(at(now - 5001), 5000, now)).toBe(false);
		expect(meetingWithinWindow(at(now + 5001), 5000, now)).toBe(false);
		expect(meetingWithinWindow(at(0), 0, now)).toBe(true);
		expect(meetingWithinWindow(at(now + 10 ** 9), 0, now)).toBe(true);
		expect(meetingWithinWindow(at(now - 1), 1, now)).toBe(true);
	});

	it('answers malformed bodies 400 with what is wrong', () => {
		const answer = (raw: string) =>
			'answer' in parseEnvelope(raw) ? parseEnvelope(raw) : undefined;
		expect(answer('{"appID":')).toEqual({
			answer: { status: 400, body: { error: expect.stringMatching(/JSON/i) } },
		});
		expect(answer('{"appID":"a"}')).toEqual({
			answer: {
				status: 400,
				body: { error: expect.stringMatching(/^Not a Huawei Cloud Meeting event push: /) },
			},
		});
	});

	it('an identity tells apart deliveries that differ in any part, including where parts meet', () => {
		const envelope = (nonce: string, timestamp: string, event: string, meetingUUID?: string) =>
			({
				nonce,
				timestamp,
				eventInfo: { event, payload: meetingUUID ? { meetingInfo: { meetingUUID } } : {} },
			}) as unknown as MeetingEnvelope;
		const base = deliveryIdentity(envelope('12', '3', 'meeting.started', 'u1'));
		expect(deliveryIdentity(envelope('1', '23', 'meeting.started', 'u1'))).not.toBe(base);
		expect(deliveryIdentity(envelope('12', '3', 'meeting.started', 'u2'))).not.toBe(base);
		expect(deliveryIdentity(envelope('12', '3', 'meeting.started'))).not.toBe(base);
		expect(deliveryIdentity(envelope('12', '3', 'meeting.started', 'u1'))).toBe(base);
		expect(deliveryIdentity(envelope('12', '3', 'meeting.started'))).toBe('12|3|meeting.started|');
	});
});

describe('Huawei Cloud SparkRTC: headers, window and identity', () => {
	const ctx = (headers: IDataObject) =>
		({ getHeaderData: () => headers }) as unknown as IWebhookFunctions;
	const good = { 'x-rtc-rand': 'r1', 'x-rtc-timestamp': '1700000000', 'x-rtc-signature': 'ab' };

	it('needs every X-Rtc header, and a timestamp of 1 to 16 digits only', () => {
		expect(signedHeaders(ctx(good))).toEqual({
			rand: 'r1',
			timestamp: '1700000000',
			signature: 'ab',
		});
		for (const timestamp of [
			'',
			'a1700000000',
			'1700000000a',
			'17000 00000',
			'12345678901234567',
			'-1',
		])
			expect(signedHeaders(ctx({ ...good, 'x-rtc-timestamp': timestamp }))).toBeUndefined();
		for (const name of Object.keys(good))
			expect(signedHeaders(ctx({ ...good, [name]: undefined }))).toBeUndefined();
	});

	it('accepts up to the window either way, in seconds or milliseconds; 0 turns it off', () => {
		const now = 1_700_000_000_000;
		expect(rtcWithinWindow('1700000600', 600, now)).toBe(true);
		expect(rtcWithinWindow('1699999400', 600, now)).toBe(true);
		expect(rtcWithinWindow('1700000601', 600, now)).toBe(false);
		expect(rtcWithinWindow('1699999399', 600, now)).toBe(false);
		expect(rtcWithinWindow('1700000600000', 600, now)).toBe(true);
		expect(rtcWithinWindow('1700000600001', 600, now)).toBe(false);
		expect(rtcWithinWindow('1', 0, now)).toBe(true);
		expect(rtcWithinWindow('1', -1, now)).toBe(true);
	});

	it('one job with several files, or one file at other times, gives several identities', () => {
		const event = (extra: Partial<RecordingEvent>) =>
			({ job_id: 'job-1', event_type: 'RECORD_FILE_COMPLETE', ...extra }) as RecordingEvent;
		const ids = [
			callbackIdentity(event({ obs_object: 'a.mp4', start_time: '1', end_time: '2' }), ''),
			callbackIdentity(event({ obs_object: 'b.mp4', start_time: '1', end_time: '2' }), ''),
			callbackIdentity(event({ obs_object: 'a.mp4', start_time: '3', end_time: '2' }), ''),
			callbackIdentity(event({ obs_object: 'a.mp4', start_time: '1', end_time: '4' }), ''),
			callbackIdentity(event({}), ''),
		];
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids[4]).toBe('job-1|RECORD_FILE_COMPLETE|||');
		expect(callbackIdentity({ event_type: 'X' } as RecordingEvent, '{"a":1}')).toBe('{"a":1}');
		expect(DEDUPE_WINDOW_MS).toBe(86_400_000);
	});
});

describe('Tencent Cloud Room: Sign, window and the credential cache', () => {
	const now = 1_700_000_000_000;
	const requestTime = String(now / 1000);
	let reads = 0;
	const credentialFor: Record<string, IDataObject> = {};
	const ctx = (workflowId: string, credentialId: string) =>
		({
			getNode: () => ({
				id: 'n1',
				name: 'Trigger',
				credentials: { tencentCloudChatApi: { id: credentialId } },
			}),
			getWorkflow: () => ({ id: workflowId }),
			getCredentials: async () => {
				reads++;
				return credentialFor[credentialId];
			},
		}) as unknown as IWebhookFunctions;
	const query = (sdkAppId: string, token: string, time = requestTime) => ({
		SdkAppid: sdkAppId,
		RequestTime: time,
		Sign: roomCallbackSign(token, time),
	});

	beforeEach(() => {
		clearCredentialCache();
		reads = 0;
		credentialFor.a = { sdkAppId: '1400000001', callbackToken: 'token-a' };
		credentialFor.b = { sdkAppId: '1400000002', callbackToken: 'token-b' };
	});

	it('names each refusal with its code and text', async () => {
		const a = ctx('wf', 'a');
		expect(await verifyCallback(a, query('1400000001', 'token-a'), {}, now)).toEqual({
			sdkAppId: '1400000001',
		});
		expect(await verifyCallback(a, query('1400000002', 'token-a'), {}, now)).toEqual({
			rejection: { code: REJECT.foreignApp, info: 'SdkAppid does not match' },
		});
		expect(
			await verifyCallback(a, { ...query('1400000001', 'token-a'), Sign: undefined }, {}, now),
		).toEqual({
			rejection: { code: REJECT.badSign, info: 'Sign and RequestTime are required' },
		});
		expect(await verifyCallback(a, query('1400000001', 'token-b'), {}, now)).toEqual({
			rejection: { code: REJECT.badSign, info: 'Invalid Sign' },
		});
		expect(
			await verifyCallback(a, query('1400000001', 'token-a', String(now / 1000 - 301)), {}, now),
		).toEqual({
			rejection: { code: REJECT.staleRequest, info: 'RequestTime is outside the allowed window' },
		});
	});

	it('RequestTime must be 1 to 12 digits, nothing around them', async () => {
		const a = ctx('wf', 'a');
		for (const time of [`x${requestTime}`, `${requestTime}x`, '1234567890123', '', ' 1'])
			expect(await verifyCallback(a, query('1400000001', 'token-a', time), {}, now)).toEqual({
				rejection: { code: REJECT.badSign, info: 'Sign and RequestTime are required' },
			});
	});

	it('the window includes its boundary in both directions and is configurable', async () => {
		const a = ctx('wf', 'a');
		const at = (offset: number, options: IDataObject = {}) =>
			verifyCallback(a, query('1400000001', 'token-a', String(now / 1000 + offset)), options, now);
		expect(await at(300)).toEqual({ sdkAppId: '1400000001' });
		expect(await at(-300)).toEqual({ sdkAppId: '1400000001' });
		expect(await at(301)).toHaveProperty('rejection.code', REJECT.staleRequest);
		expect(await at(-301)).toHaveProperty('rejection.code', REJECT.staleRequest);
		expect(await at(-30, { requestTimeWindow: 30 })).toEqual({ sdkAppId: '1400000001' });
		expect(await at(-31, { requestTimeWindow: 30 })).toHaveProperty(
			'rejection.code',
			REJECT.staleRequest,
		);
	});

	it("another tenant's Sign of the same second is refused", async () => {
		const a = ctx('wf-a', 'a');
		const b = ctx('wf-b', 'b');
		expect(await verifyCallback(a, query('1400000001', 'token-a'), {}, now)).toEqual({
			sdkAppId: '1400000001',
		});
		expect(await verifyCallback(b, query('1400000002', 'token-a'), {}, now)).toHaveProperty(
			'rejection.info',
			'Invalid Sign',
		);
		expect(await verifyCallback(b, query('1400000002', 'token-b'), {}, now)).toEqual({
			sdkAppId: '1400000002',
		});
		expect(await verifyCallback(a, query('1400000001', 'token-b'), {}, now)).toHaveProperty(
			'rejection.info',
			'Invalid Sign',
		);
		// The next second needs its own Sign.
		const next = String(now / 1000 + 1);
		expect(
			await verifyCallback(
				a,
				{ ...query('1400000001', 'token-a', next), Sign: roomCallbackSign('token-a', requestTime) },
				{},
				now,
			),
		).toHaveProperty('rejection.info', 'Invalid Sign');
		expect(await verifyCallback(a, query('1400000001', 'token-a', next), {}, now)).toEqual({
			sdkAppId: '1400000001',
		});
	});

	it('reads the credential once per workflow node and credential, until the TTL ends', async () => {
		const a = ctx('wf', 'a');
		await verifyCallback(a, query('1400000001', 'token-a'), {}, now);
		await verifyCallback(a, query('1400000001', 'token-a'), {}, now + 1);
		expect(reads).toBe(1);
		// Exactly at the end of the TTL the kept copy no longer serves.
		await verifyCallback(
			a,
			query('1400000001', 'token-a', String((now + credentialCacheLimits.ttlMs) / 1000)),
			{},
			now + credentialCacheLimits.ttlMs,
		);
		expect(reads).toBe(2);
		// The same node given another credential reads that one (no refusal, no second read).
		credentialFor.c = { ...credentialFor.a };
		await verifyCallback(
			ctx('wf', 'c'),
			query('1400000001', 'token-a', String((now + credentialCacheLimits.ttlMs) / 1000)),
			{},
			now + credentialCacheLimits.ttlMs,
		);
		expect(reads).toBe(3);
	});

	it('keeps at most maxEntries workflow nodes', async () => {
		const limit = credentialCacheLimits.maxEntries;
		credentialCacheLimits.maxEntries = 2;
		try {
			for (const wf of ['w1', 'w2', 'w3'])
				await verifyCallback(ctx(wf, 'a'), query('1400000001', 'token-a'), {}, now);
			expect(reads).toBe(3);
			await verifyCallback(ctx('w3', 'a'), query('1400000001', 'token-a'), {}, now);
			await verifyCallback(ctx('w2', 'a'), query('1400000001', 'token-a'), {}, now);
			expect(reads).toBe(3);
			await verifyCallback(ctx('w1', 'a'), query('1400000001', 'token-a'), {}, now);
			expect(reads).toBe(4);
		} finally {
			credentialCacheLimits.maxEntries = limit;
		}
	});

	it('a callback the kept copy refuses is checked again with a fresh read', async () => {
		const a = ctx('wf', 'a');
		await verifyCallback(a, query('1400000001', 'token-a'), {}, now);
		credentialFor.a = { sdkAppId: '1400000001', callbackToken: 'token-new' };
		expect(await verifyCallback(a, query('1400000001', 'token-new'), {}, now)).toEqual({
			sdkAppId: '1400000001',
		});
		expect(reads).toBe(2);
		// A stale callback is not worth a second read.
		await verifyCallback(a, query('1400000001', 'token-new', String(now / 1000 - 1000)), {}, now);
		expect(reads).toBe(2);
	});
});

describe('token renewal and time parsing at their edges', () => {
	it('renews a margin before expiry, or halfway through a shorter life; never after expiry', () => {
		expect(renewTime(100_000, 0, 10_000)).toBe(90_000);
		expect(renewTime(100_000, 90_000, 10_000)).toBe(95_000);
		expect(renewTime(100_000, 80_000, 10_000)).toBe(90_000);
		expect(renewTime(100_000, 120_000, 10_000)).toBe(100_000);
	});

	it('a cached token is sent only strictly before its renewal time; 0 or unknown means no limit', () => {
		expect(beforeRenewTime(1000, 999)).toBe(true);
		expect(beforeRenewTime(1000, 1000)).toBe(false);
		expect(beforeRenewTime('1000', 1001)).toBe(false);
		expect(beforeRenewTime(0, 10 ** 12)).toBe(true);
		expect(beforeRenewTime(undefined, 10 ** 12)).toBe(true);
		expect(beforeRenewTime('soon', 10 ** 12)).toBe(true);
	});

	it('epoch values below 1e11 are seconds, from 1e11 milliseconds; zero and negatives are no time', () => {
		expect(epochToIso(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
		expect(epochToIso('1700000000000')).toBe('2023-11-14T22:13:20.000Z');
		expect(epochToIso(99_999_999_999)).toBe(new Date(99_999_999_999_000).toISOString());
		expect(epochToIso(100_000_000_000)).toBe('1973-03-03T09:46:40.000Z');
		expect(msToIso(0)).toBeUndefined();
		expect(msToIso(-5)).toBeUndefined();
		expect(msToIso(1)).toBe('1970-01-01T00:00:00.001Z');
		expect(secondsToIso('x')).toBeUndefined();
		expect(epochToIso(undefined)).toBeUndefined();
		expect(msToIso(9e15)).toBeUndefined();
	});

	it('numbers: finite numbers and plain decimal strings only', () => {
		expect(toNumber(12)).toBe(12);
		expect(toNumber(Number.NaN)).toBeUndefined();
		expect(toNumber(Infinity)).toBeUndefined();
		expect(toNumber(' -12.5 ')).toBe(-12.5);
		expect(toNumber('12a')).toBeUndefined();
		expect(toNumber('a12')).toBeUndefined();
		expect(toNumber('1e3')).toBeUndefined();
		expect(toNumber('')).toBeUndefined();
		expect(toNumber(null)).toBeUndefined();
	});

	it('ISO strings: the common UTC form gains milliseconds; other forms are parsed; junk is undefined', () => {
		expect(isoString('2021-04-28T08:56:57Z')).toBe('2021-04-28T08:56:57.000Z');
		expect(isoString('2021-04-28T08:56:57+02:00')).toBe('2021-04-28T06:56:57.000Z');
		expect(isoString('x2021-04-28T08:56:57Z')).toBeUndefined();
		expect(isoString('2021-13-45T08:56:57Z')).toBeUndefined();
		expect(isoString('  ')).toBeUndefined();
		expect(isoString(5)).toBeUndefined();
		expect(isoString('not a date')).toBeUndefined();
	});

	it("Huawei's UTC minutes both ways", () => {
		expect(utcMinutesToIso('2026-11-25 10:00')).toBe('2026-11-25T10:00:00.000Z');
		expect(utcMinutesToIso(' 2026-11-25 10:00:30 ')).toBe('2026-11-25T10:00:30.000Z');
		expect(utcMinutesToIso('2026-11-25T10:00')).toBeUndefined();
		expect(utcMinutesToIso('x2026-11-25 10:00')).toBeUndefined();
		expect(utcMinutesToIso('2026-11-25 10:00x')).toBeUndefined();
		expect(utcMinutesToIso('2026-13-25 10:00')).toBeUndefined();
		expect(utcMinutesToIso(20261125)).toBeUndefined();
		expect(toUtcMinutes('2026-11-25T10:00:59.999Z')).toBe('2026-11-25 10:00');
		expect(toUtcMinutes(new Date(0))).toBe('1970-01-01 00:00');
		expect(toUtcMinutes(0)).toBe('1970-01-01 00:00');
		expect(toUtcMinutes('never')).toBeUndefined();
	});
});

describe('lossless JSON at its edges', () => {
	it('keeps long integers exact wherever they are, and leaves every other value as JSON.parse gives it', () => {
		expect(
			parseJsonBody(
				'{"a":12345678901234567890,"b":1.5,"c":1e21,"d":[12345678901234567891,-2,true,false,null,"s"],"e":{"f":-12345678901234567890}}',
			),
		).toEqual({
			a: '12345678901234567890',
			b: 1.5,
			c: 1e21,
			d: ['12345678901234567891', -2, true, false, null, 's'],
			e: { f: '-12345678901234567890' },
		});
		expect(parseJsonBody('[12345678901234567890]')).toEqual(['12345678901234567890']);
		expect(parseJsonBody(' {"a":[],"b":{},"c":9007199254740993} ')).toEqual({
			a: [],
			b: {},
			c: '9007199254740993',
		});
		expect(parseJsonBody('{"c":9007199254740991}')).toEqual({ c: 9007199254740991 });
		expect(parseJsonBody('\t{ "a" :\r\n[ 12345678901234567890 , { } , [ ] ] }\n')).toEqual({
			a: ['12345678901234567890', {}, []],
		});
		const withProto = parseJsonBody('{"__proto__":{"x":1},"n":12345678901234567890}') as object;
		expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);
		expect(Object.getOwnPropertyDescriptor(withProto, '__proto__')?.value).toEqual({ x: 1 });
		// Members are plain data properties, as JSON.parse makes them: later nodes may change or delete them.
		expect(Object.getOwnPropertyDescriptor(withProto, 'n')).toEqual({
			value: '12345678901234567890',
			writable: true,
			enumerable: true,
			configurable: true,
		});
		expect(parseJsonBody('{"s":"a\\"b\\\\c\\u00e9","n":12345678901234567890}')).toEqual({
			s: 'a"b\\cé',
			n: '12345678901234567890',
		});
	});

	it('says why a body is refused', () => {
		expect(() => parseJsonBody('  ')).toThrow('The request body is empty');
		expect(() => parseJsonBody('{')).toThrow(/^The request body is not valid JSON: /);
	});

	it("topLevelMemberText finds a member's text only in a well-formed top-level object", () => {
		expect(topLevelMemberText(' { "a" : [ 1 , { "x" : "y" } ] , "b" : 2 } ', 'a')).toBe(
			'[ 1 , { "x" : "y" } ]',
		);
		expect(topLevelMemberText('{"a":1,"b":true}', 'b')).toBe('true');
		expect(topLevelMemberText('{"a":"\\"q\\"","b":null}', 'a')).toBe('"\\"q\\""');
		expect(topLevelMemberText('{}', 'a')).toBeUndefined();
		expect(topLevelMemberText('{"a":1}', 'b')).toBeUndefined();
		for (const bad of [
			'{"a":1 "b":2}',
			'{"a":[1,2 3],"b":1}',
			'{"a":{"x":1 "y":2},"b":1}',
			'{"a":tru,"b":1}',
			'{"a":+1,"b":2}',
			'{"a" 1,"b":2}',
			'{"a":"\u0001","b":1}',
			'{"a":"\\q","b":1}',
			'{"a":"open,"b":1',
			'{a:1,"b":1}',
			'["b",1]',
			// A wrong delimiter after a member, an item or a nested member, with a well-formed rest.
			'{"a":1;"b":2}',
			'{"a":[1;2],"b":1}',
			'{"a":{"x":1;"y":2},"b":1}',
			// A number that is not one, followed by a number further on.
			'{"a":-,"b":2}',
			'{"a":"\t","b":1}',
			'{"a":"unterminated',
			'{"b',
		])
			expect(topLevelMemberText(bad, 'b')).toBeUndefined();
	});
});

describe('paging, summaries and headers at their edges', () => {
	it('collects pages until the last, a repeated cursor, an empty page or the limit', async () => {
		const asked: Array<[number | undefined, number]> = [];
		const pages =
			(sizes: number[], repeat = false) =>
			async (cursor: number | undefined, size: number) => {
				asked.push([cursor, size]);
				const index = cursor ?? 0;
				const items = Array.from({ length: sizes[index] ?? 0 }, (_, k) => `${index}-${k}`);
				return { items, next: repeat ? 0 : index + 1 < sizes.length ? index + 1 : undefined };
			};
		expect(await collectPages(pages([2, 2, 1]), 2)).toHaveLength(5);
		expect(asked).toEqual([
			[undefined, 2],
			[1, 2],
			[2, 2],
		]);
		asked.length = 0;
		expect(await collectPages(pages([2, 2, 2]), 2, 3)).toEqual(['0-0', '0-1', '1-0']);
		expect(asked).toEqual([
			[undefined, 2],
			[1, 1],
		]);
		asked.length = 0;
		expect(await collectPages(pages([2, 2], true), 2)).toEqual(['0-0', '0-1', '0-0', '0-1']);
		expect(asked).toHaveLength(2);
		expect(await collectPages(pages([2, 0, 2]), 2)).toEqual(['0-0', '0-1']);
		expect(await collectPages(pages([5]), 10, 2)).toEqual(['0-0', '0-1']);
	});

	it('asks for at most 10,000 pages, whatever the provider answers', async () => {
		let calls = 0;
		const endless = async (cursor: number | undefined) => {
			calls++;
			return { items: [cursor ?? 0], next: (cursor ?? 0) + 1 };
		};
		expect(await collectPages(endless, 1)).toHaveLength(10_000);
		expect(calls).toBe(10_000);
	});

	it("Huawei's offset paging: the next offset only while fewer than count were read", () => {
		expect(nextOffset(0, 500, 1102)).toBe(500);
		expect(nextOffset(1000, 102, 1102)).toBeUndefined();
		expect(nextOffset(1000, 101, '1102')).toBe(1101);
		expect(nextOffset(0, 0, 10)).toBeUndefined();
		expect(nextOffset(0, 5, 'many')).toBeUndefined();
		expect(nextOffset(0, 5, undefined)).toBeUndefined();
	});

	it('list entries become items; other values are wrapped', () => {
		expect(asItems([{ a: 1 }, 'x', null, 3])).toEqual([
			{ a: 1 },
			{ value: 'x' },
			{ value: null },
			{ value: 3 },
		]);
	});

	it('zod summaries name at most five fields, never their values', () => {
		const schema = z.object({ a: z.string(), b: z.array(z.object({ c: z.number() })) });
		const result = schema.safeParse({ a: 1, b: [{ c: 'secret-value' }] });
		expect(zodSummary(result.error)).toBe(
			'a: Invalid input: expected string, received number; b.0.c: Invalid input: expected number, received string',
		);
		const many = z.object(Object.fromEntries('abcdefg'.split('').map((k) => [k, z.string()])));
		expect(zodSummary(many.safeParse({}).error).split('; ')).toHaveLength(5);
		expect(zodSummary(z.string().safeParse(1).error)).toBe(
			'(body): Invalid input: expected string, received number',
		);
		expect(zodSummary(new Error('plain'))).toBe('plain');
		expect(zodSummary(undefined)).toBe('undefined');
		expect(zodSummary(null)).toBe('null');
		expect(zodSummary('text')).toBe('text');
	});

	it('a header is read case-insensitively, the first of repeated ones, strings only', () => {
		const ctx = (headers: IDataObject) =>
			({ getHeaderData: () => headers }) as unknown as IWebhookFunctions;
		expect(header(ctx({ 'x-a': 'v' }), 'X-A')).toBe('v');
		expect(header(ctx({ 'x-a': ['v1', 'v2'] }), 'x-a')).toBe('v1');
		expect(header(ctx({ 'x-a': 5 }), 'x-a')).toBeUndefined();
		expect(header(ctx({}), 'x-a')).toBeUndefined();
	});
});
