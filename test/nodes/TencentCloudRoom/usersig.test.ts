import { inflateSync } from 'node:zlib';

import fc from 'fast-check';

import { genUserSig, zlibStored } from '../../../nodes/TencentCloudRoom/usersig';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Api } = require('tls-sig-api-v2') as {
	Api: new (sdkappid: number, key: string) => { genUserSig(id: string, expire: number): string };
};

function decode(usersig: string): Record<string, unknown> {
	const b64 = usersig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
	return JSON.parse(inflateSync(Buffer.from(b64, 'base64')).toString('utf8'));
}

function oracle(
	sdkappid: number,
	key: string,
	identifier: string,
	expire: number,
	nowMs: number,
): string {
	const spy = jest.spyOn(Date, 'now').mockReturnValue(nowMs);
	try {
		return new Api(sdkappid, key).genUserSig(identifier, expire);
	} finally {
		spy.mockRestore();
	}
}

describe('UserSig', () => {
	// The public README sample key and the vector in docs/providers/tencent-room.md
	// ("UserSig (TLSSigAPIv2)").
	const sampleKey = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

	it('reproduces the documented vector (TLS.sig) and decodes to the same document as tls-sig-api-v2', () => {
		const ours = decode(genUserSig(1400000000, sampleKey, 'administrator', 86400, 1700000000));
		expect(ours['TLS.sig']).toBe('yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=');
		const theirs = oracle(1400000000, sampleKey, 'administrator', 86400, 1700000000123);
		expect(theirs).toBe(
			'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl*UVQBcUp2YkFBZkpSlaGJgZQAJEpycxNVbIyNEcVTa0oyCxKVbKyMDOBCRVnpitZKVX6OKZql5uHh6aGlhYmhVlm6IdEmFuUGhnmh7hnamdaRhUYlhoHFORFmhnYKtUCAK0SM5I_',
		);
		expect(ours).toEqual(decode(theirs));
	});

	it('equals tls-sig-api-v2 on 1,000 generated inputs (identifier, key, app ID, expiry, time)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1400000000, max: 1600000000 }),
				fc.string({ minLength: 1, maxLength: 64 }),
				fc.string({ minLength: 1, maxLength: 32, unit: 'grapheme' }),
				fc.integer({ min: 1, max: 10 * 365 * 86400 }),
				fc.integer({ min: 1_500_000_000_000, max: 2_000_000_000_000 }),
				(sdkappid, key, identifier, expire, nowMs) => {
					const ours = decode(
						genUserSig(sdkappid, key, identifier, expire, Math.floor(nowMs / 1000)),
					);
					expect(ours).toEqual(decode(oracle(sdkappid, key, identifier, expire, nowMs)));
				},
			),
			{ numRuns: 1000 },
		);
	});

	it('carries the expiry as given (TLS.time + TLS.expire is when it stops being valid)', () => {
		const doc = decode(genUserSig(1400000000, 'k', 'admin', 3600, 1_700_000_000));
		expect(doc).toMatchObject({
			'TLS.ver': '2.0',
			'TLS.time': 1_700_000_000,
			'TLS.expire': 3600,
			'TLS.identifier': 'admin',
			'TLS.sdkappid': 1400000000,
		});
	});

	it('writes valid zlib streams of any size, more than one stored block included', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
				const data = Buffer.from(bytes);
				expect(inflateSync(zlibStored(data)).equals(data)).toBe(true);
			}),
			{ numRuns: 300 },
		);
		const big = Buffer.alloc(200_000, 7);
		expect(inflateSync(zlibStored(big)).equals(big)).toBe(true);
	});

	it('is dated now when no time is given', () => {
		const before = Math.floor(Date.now() / 1000);
		const doc = decode(genUserSig(1400000000, 'k'.repeat(64), 'administrator'));
		expect(doc['TLS.time']).toBeGreaterThanOrEqual(before);
		expect(doc['TLS.time']).toBeLessThanOrEqual(before + 5);
	});

	it("keeps base64's padding, written as '_' (the length stays a multiple of 4)", () => {
		let padded = 0;
		for (let i = 0; i < 12; i++) {
			const sig = genUserSig(1400000000, 'k'.repeat(64), `user${'x'.repeat(i)}`, 86400, 1700000000);
			expect(sig).not.toContain('=');
			expect(sig.length % 4).toBe(0);
			if (sig.endsWith('_')) padded++;
		}
		expect(padded).toBeGreaterThan(0);
	});
});
