/**
 * Huawei Cloud SparkRTC and IAM, as documented (see docs/providers/huawei-sparkrtc.md): an API
 * gateway that verifies SDK-HMAC-SHA256 signatures (with a clock-skew limit) and IAM tokens, the
 * record-callback configuration (GET/PUT /v2/apps/{app_id}/record-callback), IAM password tokens,
 * and a deliverer of recording events signed with the configured auth key.
 *
 * Written from the documentation, independently of the node code it tests.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

import type { SimRequest, SimResponse } from './server';
import { errorBody, post, SimServer } from './server';
import { RTC_JOB_ROUTES, RtcJobStore } from './sparkRtcJobs';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');
const encode = (value: string) =>
	encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);

export interface AccessKey {
	secretKey: string;
	/** Temporary credentials must send (and sign) X-Security-Token. */
	securityToken?: string;
}

export interface RecordCallbackState {
	url?: string;
	auth_key?: string;
	notify_event_subscription?: string[];
	update_time?: string;
}

const EVENTS = ['RECORD_NEW_FILE_START', 'RECORD_FILE_COMPLETE'];

export class HuaweiSparkRtcSimulator extends SimServer {
	accessKeys = new Map<string, AccessKey>();
	iamUsers = new Map<string, { domain: string; password: string }>();
	tokens = new Map<string, number>();
	apps = new Map<string, RecordCallbackState>();
	/** The gateway rejects X-Sdk-Date further than this from its clock. */
	clockSkewMs = 15 * 60_000;
	tokenLifetimeMs = 24 * 3600_000;
	iamCalls = 0;
	/** Recording jobs, record rules, auto-record mode and rooms (see sparkRtcJobs.ts). */
	readonly jobs = new RtcJobStore();

	constructor() {
		super();
		for (const [method, pattern, handler] of RTC_JOB_ROUTES) {
			this.routePattern(method, pattern, (r, m) =>
				this.gateway(r, () => {
					const appId = decodeURIComponent(m[1]);
					if (!this.apps.has(appId))
						return { status: 404, body: errorBody('RTC.00001003', 'InvalidParameterValue') };
					return handler(this.jobs, this.jobs.app(appId), appId, r, m);
				}),
			);
		}
		this.route('POST', '/v3/auth/tokens', (r) => this.issueToken(r));
		this.route('GET', '/v3/projects', (r) =>
			this.gateway(r, () => ({
				status: 200,
				body: { projects: [{ id: '0123456789abcdef0123456789abcdef', name: 'cn-north-4' }] },
			})),
		);
		this.routePattern('GET', /^\/v2\/apps\/([^/]+)\/record-callback$/, (r, m) =>
			this.gateway(r, () => this.showCallback(decodeURIComponent(m[1]))),
		);
		this.routePattern('PUT', /^\/v2\/apps\/([^/]+)\/record-callback$/, (r, m) =>
			this.gateway(r, () => this.updateCallback(decodeURIComponent(m[1]), r)),
		);
	}

	private issueToken(r: SimRequest): SimResponse {
		this.iamCalls++;
		const auth = (r.json as { auth?: Record<string, any> } | undefined)?.auth;
		const user = auth?.identity?.password?.user;
		const stored = user ? this.iamUsers.get(user.name) : undefined;
		if (!stored || stored.password !== user.password || stored.domain !== user.domain?.name) {
			return { status: 401, body: errorBody('IAM.0004', 'The username or password is wrong.') };
		}
		const token = `MII${randomBytes(24).toString('base64url')}`;
		const expiresAt = Date.now() + this.tokenLifetimeMs;
		this.tokens.set(token, expiresAt);
		return {
			status: 201,
			headers: { 'X-Subject-Token': token },
			body: {
				token: {
					expires_at: new Date(expiresAt).toISOString(),
					issued_at: new Date().toISOString(),
					methods: ['password'],
					project: { name: auth?.scope?.project?.name },
				},
			},
		};
	}

	expireAllTokens(): void {
		for (const token of this.tokens.keys()) this.tokens.set(token, 0);
	}

	/** The API gateway: a valid IAM token, or a valid AK/SK signature, before the service sees the call. */
	private gateway(r: SimRequest, handler: () => SimResponse): SimResponse {
		const token = r.headers['x-auth-token'];
		if (typeof token === 'string') {
			const expiresAt = this.tokens.get(token);
			if (!expiresAt || expiresAt <= Date.now())
				return {
					status: 401,
					body: errorBody(
						'APIGW.0301',
						'Incorrect IAM authentication information: token expired or invalid',
					),
				};
			return handler();
		}
		const problem = this.verifySignature(r);
		if (problem)
			return {
				status: 401,
				body: errorBody('APIGW.0301', `Incorrect IAM authentication information: ${problem}`),
			};
		if (r.path.startsWith('/v2/') && !r.headers['x-project-id'])
			return { status: 400, body: errorBody('RTC.00001001', 'OperationUnauthorized') };
		return handler();
	}

	/** What the gateway checks of an AK/SK request; undefined when it is valid. */
	verifySignature(r: SimRequest): string | undefined {
		const match =
			/^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
				String(r.headers.authorization ?? ''),
			);
		if (!match) return 'Authorization header missing or malformed';
		const [, ak, signedHeaderList, signature] = match;
		const key = this.accessKeys.get(ak);
		if (!key) return 'unknown access key';
		const date = String(r.headers['x-sdk-date'] ?? '');
		const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
		if (!m) return 'X-Sdk-Date missing or malformed';
		const when = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
		if (Math.abs(Date.now() - when) > this.clockSkewMs)
			return 'request expired (X-Sdk-Date too far from the server clock)';
		const signed = signedHeaderList.split(';');
		if (!signed.includes('x-sdk-date')) return 'x-sdk-date must be signed';
		if (
			key.securityToken !== undefined &&
			(r.headers['x-security-token'] !== key.securityToken || !signed.includes('x-security-token'))
		) {
			return 'security token missing or invalid';
		}
		const headerLines: string[] = [];
		for (const name of signed) {
			const value = r.headers[name];
			if (value === undefined) return `signed header ${name} is missing`;
			headerLines.push(`${name}:${String(value).trim()}\n`);
		}
		const path = r.path.split('/').map(encode).join('/');
		const params: Array<[string, string]> = [];
		for (const [k, v] of r.query) params.push([encode(k), encode(v)]);
		params.sort((a, b) =>
			a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1,
		);
		const canonical = [
			r.method,
			path.endsWith('/') ? path : `${path}/`,
			params.map(([k, v]) => `${k}=${v}`).join('&'),
			headerLines.join(''),
			signed.join(';'),
			sha256(r.rawBody),
		].join('\n');
		const expected = hmac(key.secretKey, `SDK-HMAC-SHA256\n${date}\n${sha256(canonical)}`);
		return expected === signature ? undefined : 'verify aksk signature fail';
	}

	private showCallback(appId: string): SimResponse {
		const app = this.apps.get(appId);
		if (!app) return { status: 404, body: errorBody('RTC.00001003', 'InvalidParameterValue') };
		return { status: 200, body: { app_id: appId, record_callback: { ...app } } };
	}

	private updateCallback(appId: string, r: SimRequest): SimResponse {
		const app = this.apps.get(appId);
		if (!app) return { status: 404, body: errorBody('RTC.00001003', 'InvalidParameterValue') };
		if (!String(r.headers['content-type'] ?? '').startsWith('application/json'))
			return { status: 400, body: errorBody('RTC.00001002', 'MalformedRequestBody') };
		const body = r.json as Record<string, unknown> | undefined;
		if (!body || typeof body !== 'object')
			return { status: 400, body: errorBody('RTC.00001002', 'MalformedRequestBody') };
		if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))
			return { status: 400, body: errorBody('RTC.00001003', 'InvalidParameterValue') };
		if (
			body.auth_key !== undefined &&
			body.auth_key !== '' &&
			(typeof body.auth_key !== 'string' || body.auth_key.length < 32 || body.auth_key.length > 64)
		) {
			return { status: 400, body: errorBody('RTC.00001003', 'InvalidParameterValue') };
		}
		const events = body.notify_event_subscription;
		if (
			events !== undefined &&
			(!Array.isArray(events) || events.some((e) => !EVENTS.includes(e as string)))
		) {
			return { status: 400, body: errorBody('RTC.00001003', 'InvalidParameterValue') };
		}
		app.url = body.url;
		app.auth_key = (body.auth_key as string | undefined) ?? '';
		if (events !== undefined) app.notify_event_subscription = events as string[];
		app.update_time = new Date().toISOString();
		return { status: 200, body: { app_id: appId, record_callback: { ...app } } };
	}

	/**
	 * POSTs a recording event to the app's callback URL, signed when an auth key is set. Follows the
	 * strictest reading of the undocumented subscription (docs/providers/huawei-sparkrtc.md,
	 * "notify_event_subscription"): when the app stores a non-empty list, an event type not in it is
	 * not sent ({ status: 0, skipped: true }), the job-ended event included (it has no value there).
	 */
	async deliver(
		appId: string,
		event: Record<string, unknown> | string,
		options: { timestamp?: string; rand?: string; key?: string } = {},
	): Promise<{ status: number; body: unknown; text: string; skipped?: boolean }> {
		const app = this.apps.get(appId);
		if (!app?.url) throw new Error(`App ${appId} has no recording callback`);
		const body = typeof event === 'string' ? event : JSON.stringify(event);
		const type = typeof event === 'string' ? undefined : event.event_type;
		const list = app.notify_event_subscription;
		if (list?.length && typeof type === 'string' && !list.includes(type))
			return { status: 0, body: undefined, text: '', skipped: true };
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		const key = options.key ?? app.auth_key;
		if (key) {
			const rand = options.rand ?? String(Math.floor(Math.random() * 1e9));
			const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
			headers['X-Rtc-Rand'] = rand;
			headers['X-Rtc-Timestamp'] = timestamp;
			headers['X-Rtc-Signature'] = hmac(key, rand + timestamp + body);
		}
		return await post(app.url, body, headers);
	}
}
