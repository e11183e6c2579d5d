/** nodes/shared/zod.ts: what a refused body is told (at most five field paths, never values). */
import { z } from 'zod/v4';

import { zodSummary } from '../../../nodes/shared/zod';

describe('zodSummary', () => {
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
});
