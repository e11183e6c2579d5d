/**
 * nodes/shared/json.ts: lossless JSON (integers beyond 2^53 kept as exact decimal strings, every
 * other value as JSON.parse gives it, the same refusals, with a reason) and topLevelMemberText (the
 * exact source text of one top-level member, only in a well-formed object).
 */
import fc from 'fast-check';

import { JsonBodyError, parseJsonBody, topLevelMemberText } from '../../../nodes/shared/json';

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

	it('gives no text for a repeated member, whose value JSON.parse takes from the last copy', () => {
		const text = '{"eventInfo":{"event":"a"},"x":1,"eventInfo":{"event":"b"}}';
		expect(JSON.parse(text).eventInfo.event).toBe('b');
		expect(topLevelMemberText(text, 'eventInfo')).toBeUndefined();
		// Also when the name is spelled with an escape in one copy.
		expect(topLevelMemberText('{"a":1,"\u0061":2}', 'a')).toBeUndefined();
		// Other members may repeat.
		expect(topLevelMemberText('{"x":1,"a":2,"x":3}', 'a')).toBe('2');
		// The text after the member must be well-formed too.
		expect(topLevelMemberText('{"a":2,"x":3;}', 'a')).toBeUndefined();
	});
});
