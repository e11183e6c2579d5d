import fc from 'fast-check';

import { hexSignaturesMatch, hmacSha256Hex } from '../../../nodes/shared/crypto';
import { DeliveryGuard } from '../../../nodes/shared/dedupe';
import { JsonBodyError, parseJsonBody, topLevelMemberText } from '../../../nodes/shared/json';
import { epochToIso, isoString, msToIso, secondsToIso } from '../../../nodes/shared/time';
import { readRawBody } from '../../../nodes/shared/webhook';

describe('parseJsonBody', () => {
	it('keeps integers beyond 2^53 as exact decimal strings', () => {
		const value = parseJsonBody(
			'{"Member_Account":144115233775727695,"Index":1,"n":-9007199254740993,"f":1.5e3}',
		);
		expect(value).toEqual({
			Member_Account: '144115233775727695',
			Index: 1,
			n: '-9007199254740993',
			f: 1500,
		});
	});

	it('agrees with JSON.parse on any JSON without long integers', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
				const text = JSON.stringify(v);
				fc.pre(!/\d{16,}/.test(text));
				expect(parseJsonBody(text)).toEqual(JSON.parse(text));
			}),
			{ numRuns: 500 },
		);
	});

	it('agrees with JSON.parse on safe values even through the lossless path', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => {
				fc.pre(!/\d{16,}/.test(JSON.stringify(v)));
				const text = `{"pad":1234567890123456789,"v":${JSON.stringify(v)}}`;
				expect((parseJsonBody(text) as { v: unknown }).v).toEqual(JSON.parse(text).v);
			}),
			{ numRuns: 300 },
		);
	});

	it('rejects what JSON.parse rejects, with a JsonBodyError', () => {
		for (const bad of [
			'',
			' ',
			'{',
			'{"a":1,}',
			'[1 2]',
			'{"a":12345678901234567890',
			'nul',
			'{"a":"\u0001"}',
			'{"a":1} x',
		]) {
			expect(() => parseJsonBody(bad)).toThrow(JsonBodyError);
		}
		fc.assert(
			fc.property(fc.string({ maxLength: 40 }), (s) => {
				let ok = true;
				try {
					JSON.parse(s);
				} catch {
					ok = false;
				}
				if (ok && s.trim() !== '') expect(() => parseJsonBody(s)).not.toThrow();
				else expect(() => parseJsonBody(s)).toThrow(JsonBodyError);
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('topLevelMemberText', () => {
	it('returns the exact source of one top-level member', () => {
		const text =
			'{"a": {"x": "}\\"", "y": [1, {"z": 2}]} , "eventInfo" :{"event":"\\u00e9", "n": 1 },"b":2}';
		expect(topLevelMemberText(text, 'eventInfo')).toBe('{"event":"\\u00e9", "n": 1 }');
		expect(topLevelMemberText(text, 'a')).toBe('{"x": "}\\"", "y": [1, {"z": 2}]}');
		expect(topLevelMemberText(text, 'missing')).toBeUndefined();
		expect(topLevelMemberText('[1]', 'a')).toBeUndefined();
	});
});

describe('hexSignaturesMatch', () => {
	const sig = hmacSha256Hex('k', 'data');
	it('matches case-insensitively and refuses anything else', () => {
		expect(hexSignaturesMatch(sig, sig)).toBe(true);
		expect(hexSignaturesMatch(sig, sig.toUpperCase())).toBe(true);
		expect(hexSignaturesMatch(sig, sig.slice(1))).toBe(false);
		expect(
			hexSignaturesMatch(sig, `${sig.slice(0, -1)}0`.replace(/0$/, sig.endsWith('0') ? '1' : '0')),
		).toBe(false);
		expect(hexSignaturesMatch(sig, undefined)).toBe(false);
		expect(hexSignaturesMatch(sig, 42)).toBe(false);
		expect(hexSignaturesMatch(sig, '')).toBe(false);
	});
});

describe('DeliveryGuard', () => {
	it('lets a key through once per window', () => {
		const guard = new DeliveryGuard();
		expect(guard.firstSeen('a', 1000, 0)).toBe(true);
		expect(guard.firstSeen('a', 1000, 999)).toBe(false);
		expect(guard.firstSeen('a', 1000, 1000)).toBe(true);
	});

	it('keeps memory bounded', () => {
		const guard = new DeliveryGuard(100);
		for (let i = 0; i < 10_000; i++) guard.firstSeen(`k${i}`, 60_000, i);
		expect(guard.size).toBe(100);
		expect(guard.firstSeen('k9999', 60_000, 10_000)).toBe(false);
		expect(guard.firstSeen('k0', 60_000, 10_000)).toBe(true);
	});

	it('lets an expired key through again, without growing', () => {
		const guard = new DeliveryGuard(10);
		for (let i = 0; i < 50; i++) guard.firstSeen(`k${i}`, 10, 0);
		expect(guard.size).toBe(10);
		expect(guard.firstSeen('k49', 10, 100)).toBe(true);
		expect(guard.firstSeen('k49', 10, 105)).toBe(false);
		expect(guard.size).toBe(10);
	});
});

describe('time helpers', () => {
	it('give ISO strings for seconds, milliseconds, numeric strings and ISO input', () => {
		expect(msToIso(1670574414123)).toBe('2022-12-09T08:26:54.123Z');
		expect(msToIso('1611988484164')).toBe('2021-01-30T06:34:44.164Z');
		expect(secondsToIso(1703589922)).toBe('2023-12-26T11:25:22.000Z');
		expect(epochToIso(1703589922)).toBe('2023-12-26T11:25:22.000Z');
		expect(epochToIso(1703589922780)).toBe('2023-12-26T11:25:22.780Z');
		expect(isoString('2021-04-28T08:56:57Z')).toBe('2021-04-28T08:56:57.000Z');
		expect([msToIso(0), msToIso('x'), msToIso(undefined), isoString('nope')]).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
		]);
	});
});

describe('readRawBody', () => {
	const ctx = (req: Record<string, unknown>, body: Record<string, unknown> = {}) =>
		({ getRequestObject: () => req, getBodyData: () => body }) as never;

	it('uses rawBody when n8n filled it (typeVersion 1, or a content type n8n parses)', async () => {
		const read = jest.fn();
		expect(await readRawBody(ctx({ rawBody: Buffer.from('{"a":1}'), readRawBody: read }))).toBe(
			'{"a":1}',
		);
		expect(read).not.toHaveBeenCalled();
	});

	it('reads the stream itself when n8n did not (typeVersion 1.1 and a content type n8n does not parse)', async () => {
		const req: Record<string, unknown> = {};
		req.readRawBody = async () => {
			req.rawBody = Buffer.from('{"CallbackCommand":"x","n":144115233775727695}');
		};
		expect(await readRawBody(ctx(req))).toBe('{"CallbackCommand":"x","n":144115233775727695}');
	});

	it('falls back to the parsed body only when there is no stream to read', async () => {
		expect(await readRawBody(ctx({}, { a: 1 }))).toBe('{"a":1}');
		expect(await readRawBody(ctx({}))).toBe('');
	});
});
