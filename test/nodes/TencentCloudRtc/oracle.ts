/** Tencent's own TC3-HMAC-SHA256 signer (tencentcloud-sdk-nodejs-common, devDependency only): the tests' oracle. */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign').default as {
	sign3(args: {
		method: string;
		url: string;
		payload: unknown;
		timestamp: number;
		service: string;
		secretId: string;
		secretKey: string;
		multipart: boolean;
		boundary?: string;
		headers: Record<string, string>;
	}): string;
};

/**
 * The Authorization value Tencent's SDK computes for a POST of `body` (given as bytes: the SDK would
 * re-serialise anything else with json-bigint).
 */
export function oracleAuthorization(
	url: string,
	contentType: string,
	body: string,
	timestamp: number,
	secretId: string,
	secretKey: string,
	service = 'trtc',
): string {
	return Sign.sign3({
		method: 'POST',
		url,
		payload: Buffer.from(body, 'utf8'),
		timestamp,
		service,
		secretId,
		secretKey,
		multipart: false,
		headers: { 'Content-Type': contentType },
	});
}
