/**
 * nodes/shared/crypto.ts: the signature compare every trigger uses (case, surrounding whitespace,
 * any other length, a changed character at every position, values that are not strings) and the
 * random nonce.
 */
import {
	hexSignaturesMatch,
	hmacSha256Hex,
	randomNonce,
	sha256Hex,
} from '../../../nodes/shared/crypto';

describe('hexSignaturesMatch', () => {
	describe('against a SHA-256 digest', () => {
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

	describe('against a 64-character signature', () => {
		const sig = 'ab'.repeat(32);
		it('refuses a valid signature with characters appended, or cut short', () => {
			expect(hexSignaturesMatch(sig, sig)).toBe(true);
			expect(hexSignaturesMatch(sig, `${sig}0`)).toBe(false);
			expect(hexSignaturesMatch(sig, `${sig}${sig}`)).toBe(false);
			expect(hexSignaturesMatch(sig, sig.slice(0, 63))).toBe(false);
			expect(hexSignaturesMatch(sig, sig.slice(0, 1))).toBe(false);
		});
		it('refuses any single changed character, at every position', () => {
			for (let i = 0; i < sig.length; i++) {
				const changed = sig.slice(0, i) + (sig[i] === 'a' ? 'c' : 'a') + sig.slice(i + 1);
				expect(hexSignaturesMatch(sig, changed)).toBe(false);
			}
		});
		it('is case-insensitive and refuses missing or non-string values', () => {
			expect(hexSignaturesMatch(sig, sig.toUpperCase())).toBe(true);
			expect(hexSignaturesMatch(sig.toUpperCase(), sig)).toBe(true);
			for (const v of [undefined, null, '', 42, [sig]])
				expect(hexSignaturesMatch(sig, v)).toBe(false);
		});
	});

	describe('against an HMAC-SHA256', () => {
		const sig = hmacSha256Hex('k', 'data');
		it('matches case-insensitively and refuses anything else', () => {
			expect(hexSignaturesMatch(sig, sig)).toBe(true);
			expect(hexSignaturesMatch(sig, sig.toUpperCase())).toBe(true);
			expect(hexSignaturesMatch(sig, sig.slice(1))).toBe(false);
			expect(
				hexSignaturesMatch(
					sig,
					`${sig.slice(0, -1)}0`.replace(/0$/, sig.endsWith('0') ? '1' : '0'),
				),
			).toBe(false);
			expect(hexSignaturesMatch(sig, undefined)).toBe(false);
			expect(hexSignaturesMatch(sig, 42)).toBe(false);
			expect(hexSignaturesMatch(sig, '')).toBe(false);
		});
	});
});

describe('randomNonce', () => {
	it('has exactly the length asked for, from the alphanumeric alphabet', () => {
		for (const length of [1, 16, 32])
			expect(randomNonce(length)).toMatch(new RegExp(`^[A-Za-z0-9]{${length}}$`));
		expect(randomNonce()).toHaveLength(32);
	});
});
