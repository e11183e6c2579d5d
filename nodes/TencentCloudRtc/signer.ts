/**
 * Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256: proven equal to the signer of Tencent's
 * SDK (tencentcloud-sdk-nodejs-common, `Sign.sign3`) by the tests (fixed vectors and generated
 * requests). POST only: canonical URI "/", empty query, `content-type` and `host` signed.
 */
import { createHmac } from 'crypto';

import { sha256Hex } from '../shared/crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
export const SIGNED_HEADERS = 'content-type;host';

export interface Tc3Request {
	/** The Host header as sent (no port for Tencent's endpoints), unpadded. */
	host: string;
	/** The Content-Type header as sent, byte for byte (e.g. `application/json`), unpadded. */
	contentType: string;
	/** The exact body bytes sent. */
	body: string | Buffer;
	/** X-TC-Timestamp: Unix seconds. */
	timestamp: number;
	/** The signing service, e.g. `trtc`. */
	service: string;
}

export interface Tc3Signature {
	canonicalRequest: string;
	stringToSign: string;
	signature: string;
	authorization: string;
}

/** The UTC date (YYYY-MM-DD) of a Unix timestamp in seconds. */
export function utcDate(timestamp: number): string {
	return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

const hmac = (key: string | Buffer, data: string) =>
	createHmac('sha256', key).update(data).digest();

/** Signs a POST request with SecretId/SecretKey: the canonical parts and the Authorization value. */
export function signTc3(request: Tc3Request, secretId: string, secretKey: string): Tc3Signature {
	const date = utcDate(request.timestamp);
	const scope = `${date}/${request.service}/tc3_request`;
	const canonicalRequest = [
		'POST',
		'/',
		'',
		`content-type:${request.contentType}\nhost:${request.host}\n`,
		SIGNED_HEADERS,
		sha256Hex(request.body),
	].join('\n');
	const stringToSign = [
		TC3_ALGORITHM,
		String(request.timestamp),
		scope,
		sha256Hex(canonicalRequest),
	].join('\n');
	const kSigning = hmac(hmac(hmac(`TC3${secretKey}`, date), request.service), 'tc3_request');
	const signature = createHmac('sha256', kSigning).update(stringToSign).digest('hex');
	return {
		canonicalRequest,
		stringToSign,
		signature,
		authorization: `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`,
	};
}
