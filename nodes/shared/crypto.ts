import { createHmac, hash, randomBytes } from 'crypto';

/** Lowercase hex HMAC-SHA256 of `data` under `key` (both UTF-8 strings or bytes). */
export function hmacSha256Hex(key: string | Buffer, data: string | Buffer): string {
	return createHmac('sha256', key).update(data).digest('hex');
}

/** Standard base64 HMAC-SHA256. */
export function hmacSha256Base64(key: string | Buffer, data: string | Buffer): string {
	return createHmac('sha256', key).update(data).digest('base64');
}

/**
 * Lowercase hex SHA-256, with Node's one-shot hash (no Hash object per call: about half the time on
 * short input). Node ≥ 20.12 has it; n8n 1.x needs Node ≥ 20.19, n8n 2.x Node 24.
 */
export function sha256Hex(data: string | Buffer): string {
	return hash('sha256', data, 'hex');
}

/**
 * Constant-time comparison of two hex signatures, case-insensitive: every character is compared
 * whatever the first difference. Returns false (without throwing) for missing or blank values, or
 * values of another length.
 */
export function hexSignaturesMatch(expected: string, received: unknown): boolean {
	if (typeof received !== 'string') return false;
	const given = received.trim().toLowerCase();
	if (given.length === 0) return false;
	const wanted = expected.toLowerCase();
	let diff = given.length ^ wanted.length;
	for (let i = 0; i < wanted.length; i++)
		diff |= wanted.charCodeAt(i) ^ given.charCodeAt(i % given.length);
	return diff === 0;
}

/** A random secret of `bytes` bytes, as lowercase hex (2 × bytes characters). */
export function randomSecret(bytes = 24): string {
	return randomBytes(bytes).toString('hex');
}

/** Random decimal/alphanumeric nonce of exactly `length` characters. */
export function randomNonce(length = 32): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = randomBytes(length);
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
	return out;
}
