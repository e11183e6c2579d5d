/**
 * Tencent Cloud API 3.0, service `trtc`, version 2019-07-22, as documented (see
 * docs/providers/tencent-rtc.md): one POST "/" per action, the TC3-HMAC-SHA256 gateway checks
 * (credential scope, signed headers, a 5-minute clock window, SecretId, session token, signature),
 * X-TC-Version and X-TC-Region per action, then the action (tencentRtcActions.ts). Every answer is
 * HTTP 200 `{"Response":{…,"RequestId"}}`, a failure with `Response.Error` {Code, Message}.
 *
 * Written from the documentation, independently of the node code it tests.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';

import { ACTIONS, RtcState, TencentError } from './tencentRtcActions';
import type { SimRequest, SimResponse } from './server';
import { SimServer } from './server';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) =>
	createHmac('sha256', key).update(data).digest();

export interface ApiKey {
	secretKey: string;
	/** Temporary keys: X-TC-Token must carry it. */
	token?: string;
}

const AUTH =
	/^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export class TencentRtcApiSimulator extends SimServer {
	readonly keys = new Map<string, ApiKey>();
	readonly state = new RtcState();
	/** X-TC-Timestamp further than this from the clock is refused (AuthFailure.SignatureExpire). */
	clockSkewSeconds = 300;
	/** What answered, per request (the action and the error code, if any). */
	readonly answers: Array<{ action: string; code?: string; body: unknown }> = [];

	constructor() {
		super();
		this.route('POST', '/', (r) => this.handleCall(r));
	}

	/** The requests of one action, with their parsed bodies. */
	calls(action: string): SimRequest[] {
		return this.requests('POST', '/').filter((r) => r.headers['x-tc-action'] === action);
	}

	private handleCall(r: SimRequest): SimResponse {
		const action = String(r.headers['x-tc-action'] ?? '');
		const requestId = randomUUID();
		let body: Record<string, unknown>;
		try {
			body = { ...this.call(r, action), RequestId: requestId };
		} catch (error) {
			if (!(error instanceof TencentError)) throw error;
			body = { Error: { Code: error.code, Message: error.message }, RequestId: requestId };
		}
		const code = (body.Error as { Code?: string } | undefined)?.Code;
		this.answers.push({ action, code, body });
		return { status: 200, body: { Response: body } };
	}

	private call(r: SimRequest, action: string): Record<string, unknown> {
		this.checkSignature(r);
		if (!action) throw new TencentError('MissingParameter', 'The request is missing X-TC-Action.');
		const version = r.headers['x-tc-version'];
		if (version !== '2019-07-22')
			throw new TencentError(
				'NoSuchVersion',
				`The API version \`${String(version)}\` does not exist.`,
			);
		const handler = ACTIONS[action];
		if (!handler)
			throw new TencentError('InvalidAction', `The action \`${action}\` does not exist.`);
		const region = String(r.headers['x-tc-region'] ?? '');
		if (!region) throw new TencentError('MissingParameter', 'The request is missing X-TC-Region.');
		if (!handler.regions.includes(region))
			throw new TencentError(
				'UnsupportedRegion',
				`${action} does not support the region \`${region}\`.`,
			);
		if (!r.json || typeof r.json !== 'object' || Array.isArray(r.json))
			throw new TencentError('InvalidParameter', 'The request body is not a JSON object.');
		return handler.run(this.state, r.json as Record<string, unknown>);
	}

	/** The gateway: the request as TC3-HMAC-SHA256 requires it, recomputed with the key's secret. */
	private checkSignature(r: SimRequest): void {
		const match = AUTH.exec(String(r.headers.authorization ?? ''));
		if (!match)
			throw new TencentError(
				'AuthFailure.InvalidAuthorization',
				'The Authorization header is not TC3-HMAC-SHA256.',
			);
		const [, secretId, date, service, signedHeaders, signature] = match;
		const timestamp = Number(r.headers['x-tc-timestamp']);
		if (!/^\d{9,10}$/.test(String(r.headers['x-tc-timestamp'] ?? '')))
			throw new TencentError('MissingParameter', 'X-TC-Timestamp must be Unix seconds.');
		if (Math.abs(Date.now() / 1000 - timestamp) > this.clockSkewSeconds)
			throw new TencentError(
				'AuthFailure.SignatureExpire',
				'The request timestamp is outside the 5-minute window.',
			);
		if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10) || service !== 'trtc')
			throw new TencentError(
				'AuthFailure.SignatureFailure',
				'The credential scope does not match the request.',
			);
		const names = signedHeaders.split(';');
		if (
			!names.includes('content-type') ||
			!names.includes('host') ||
			[...names].sort().join(';') !== signedHeaders
		)
			throw new TencentError(
				'AuthFailure.SignatureFailure',
				'SignedHeaders must list content-type and host, sorted.',
			);
		const key = this.keys.get(secretId);
		if (!key) throw new TencentError('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
		if ((r.headers['x-tc-token'] ?? undefined) !== key.token)
			throw new TencentError('AuthFailure.TokenFailure', 'The session token is not valid.');
		const canonicalHeaders = names
			.map((n) => `${n}:${String(r.headers[n] ?? '').trim()}\n`)
			.join('');
		const canonical = [
			'POST',
			'/',
			'',
			canonicalHeaders,
			signedHeaders,
			sha256(Buffer.from(r.rawBody, 'utf8')),
		].join('\n');
		const toSign = [
			'TC3-HMAC-SHA256',
			String(timestamp),
			`${date}/trtc/tc3_request`,
			sha256(canonical),
		].join('\n');
		const signing = hmac(hmac(hmac(`TC3${key.secretKey}`, date), 'trtc'), 'tc3_request');
		if (createHmac('sha256', signing).update(toSign).digest('hex') !== signature)
			throw new TencentError(
				'AuthFailure.SignatureFailure',
				'The provided credentials could not be validated.',
			);
		if (!/^application\/json(; ?charset=utf-8)?$/i.test(String(r.headers['content-type'])))
			throw new TencentError('InvalidParameter', 'POST requests must be application/json.');
	}
}
