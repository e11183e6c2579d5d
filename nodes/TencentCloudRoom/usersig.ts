/**
 * Tencent Cloud UserSig (TLSSigAPIv2), generated locally.
 *
 * n8n's verified-node rules allow no `zlib` import, so the zlib stream is written with "stored"
 * (uncompressed) deflate blocks: a valid zlib stream that any inflater, Tencent's included, reads.
 * The decoded document is identical to the one `tls-sig-api-v2` produces (checked in the tests).
 */
import { hmacSha256Base64 } from '../shared/crypto';

export const DEFAULT_USERSIG_EXPIRE_SECONDS = 86_400;

/** Adler-32 checksum (RFC 1950). */
function adler32(data: Buffer): number {
	let a = 1;
	let b = 0;
	for (let i = 0; i < data.length; i++) {
		a = (a + data[i]) % 65521;
		b = (b + a) % 65521;
	}
	return ((b << 16) | a) >>> 0;
}

/** A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4). */
export function zlibStored(data: Buffer): Buffer {
	const parts: Buffer[] = [Buffer.from([0x78, 0x01])];
	let offset = 0;
	do {
		const length = Math.min(65_535, data.length - offset);
		const final = offset + length >= data.length;
		const head = Buffer.alloc(5);
		head[0] = final ? 1 : 0;
		head.writeUInt16LE(length, 1);
		head.writeUInt16LE(~length & 0xffff, 3);
		parts.push(head, data.subarray(offset, offset + length));
		offset += length;
	} while (offset < data.length);
	const trailer = Buffer.alloc(4);
	trailer.writeUInt32BE(adler32(data), 0);
	parts.push(trailer);
	return Buffer.concat(parts);
}

/** The string Tencent signs. */
export function userSigContent(
	sdkAppId: number,
	identifier: string,
	time: number,
	expire: number,
): string {
	return `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
}

/** A UserSig for `identifier`, valid `expire` seconds from `nowSeconds`. */
export function genUserSig(
	sdkAppId: number,
	key: string,
	identifier: string,
	expire = DEFAULT_USERSIG_EXPIRE_SECONDS,
	nowSeconds = Math.floor(Date.now() / 1000),
): string {
	const doc = {
		'TLS.ver': '2.0',
		'TLS.identifier': identifier,
		'TLS.sdkappid': sdkAppId,
		'TLS.time': nowSeconds,
		'TLS.expire': expire,
		'TLS.sig': hmacSha256Base64(key, userSigContent(sdkAppId, identifier, nowSeconds, expire)),
	};
	return zlibStored(Buffer.from(JSON.stringify(doc), 'utf8'))
		.toString('base64')
		.replace(/\+/g, '*')
		.replace(/\//g, '-')
		.replace(/=/g, '_');
}
