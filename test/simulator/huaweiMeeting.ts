/**
 * Huawei Cloud Meeting, as documented (see docs/providers/huawei-cloud-meeting.md): App ID and
 * account authentication, tokens, enterprise event-push configuration (link-config, change-status)
 * and signed event delivery with the meeting.verify handshake and retries.
 *
 * Written from the documentation, independently of the node code it tests.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

import type { SimRequest, SimResponse } from './server';
import { errorBody, post, SimServer } from './server';
import { meetingRoutes, MeetingStore } from './huaweiMeetings';
import { listRoutes, MeetingTimeline } from './huaweiMeetingLists';

export interface MeetingApp {
	appKey: string;
	/** Multi-tenant (SP) App ID: the signed string includes the corp ID. */
	sp?: boolean;
}

export interface PushConfig {
	id: string;
	scope: string;
	corpId?: string;
	spId?: string;
	subscriberId: string;
	subscriberKey: string;
	url: string;
	status: number;
}

export interface DeliveryResult {
	status: number;
	body: unknown;
	attempts: number;
}

const STATUS_ENABLED = 0;
const STATUS_DISABLED = 1;

function hmacHex(key: string, data: string): string {
	return createHmac('sha256', key).update(data).digest('hex');
}

export class HuaweiMeetingSimulator extends SimServer {
	apps = new Map<string, MeetingApp>();
	accounts = new Map<string, string>();
	tokens = new Map<string, { expiresAt: number; subject: string }>();
	configs = new Map<string, PushConfig>();
	/** Seconds a new token is valid. */
	tokenLifetimeSeconds = 12 * 3600;
	/** Delays between delivery attempts (documented: 30 s, and 30 min after 3 failures; shortened here). */
	retryDelaysMs = [50, 50, 50];
	/** The documentation requires HTTPS push URLs; loopback tests use HTTP. */
	requireHttps = false;
	authCalls = 0;
	/** Meetings, participants and recordings (see huaweiMeetings.ts). */
	readonly meetings = new MeetingStore();
	/** Moves meetings scheduled → running → ended and makes recordings ready (huaweiMeetingLists.ts). */
	readonly timeline = new MeetingTimeline(this.meetings);

	constructor() {
		super();
		for (const [method, path, handler] of [
			...meetingRoutes(this.meetings),
			...listRoutes(this.meetings),
		]) {
			this.route(method, path, (r) => this.withToken(r, () => handler(r)));
		}
		this.route('POST', '/v2/usg/acs/auth/appauth', (r) => this.appAuth(r));
		this.route('POST', '/v1/usg/acs/auth/account', (r) => this.accountAuth(r));
		this.route('POST', '/v1/usg/acs/token/validate', (r) => this.validate(r));
		this.route('POST', '/v1/mmc/management/webhook/link-config', (r) =>
			this.withToken(r, () => this.setConfig(r)),
		);
		this.route('GET', '/v1/mmc/management/webhook/link-config', (r) =>
			this.withToken(r, () => this.showConfig(r)),
		);
		this.route('DELETE', '/v1/mmc/management/webhook/link-config', (r) =>
			this.withToken(r, () => this.deleteConfig(r)),
		);
		this.route('PUT', '/v1/mmc/management/webhook/change-status', (r) =>
			this.withToken(r, () => this.changeStatus(r)),
		);
	}

	/** Makes a token expire now (the next call with it gets 401). */
	expireAllTokens(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	private issueToken(subject: string, corpId = '651543334'): SimResponse {
		this.authCalls++;
		const accessToken = randomBytes(20).toString('base64url');
		const now = Date.now();
		const expireTime = Math.floor(now / 1000) + this.tokenLifetimeSeconds;
		this.tokens.set(accessToken, { expiresAt: expireTime * 1000, subject });
		return {
			status: 200,
			body: {
				accessToken,
				tokenIp: '127.0.0.1',
				validPeriod: this.tokenLifetimeSeconds,
				expireTime,
				createTime: now,
				clientType: 72,
				tokenType: 0,
				user: {
					userId: randomUUID().replace(/-/g, ''),
					companyId: corpId,
					userType: 2,
					thirdAccount: subject,
				},
				refreshToken: randomBytes(20).toString('base64url'),
				refreshValidPeriod: 2592000,
			},
		};
	}

	private appAuth(r: SimRequest): SimResponse {
		const header = String(r.headers.authorization ?? '');
		const match = /^HMAC-SHA256 signature=([0-9a-fA-F]{64})(?:,access=([A-Za-z0-9+/=]+))?$/.exec(
			header,
		);
		if (!match)
			return {
				status: 401,
				body: errorBody('USG.000000001', 'Authorization header is missing or malformed'),
			};
		const body = r.json as Record<string, unknown> | undefined;
		if (!body || typeof body.appId !== 'string' || typeof body.nonce !== 'string') {
			return { status: 400, body: errorBody('USG.000000002', 'appId and nonce are required') };
		}
		if (match[2] && Buffer.from(match[2], 'base64').toString('utf8') !== body.appId) {
			return { status: 401, body: errorBody('USG.000000001', 'access does not match appId') };
		}
		if (body.nonce.length < 32 || body.nonce.length > 64) {
			return { status: 400, body: errorBody('USG.000000002', 'nonce must be 32 to 64 characters') };
		}
		if (typeof body.clientType !== 'number' || typeof body.expireTime !== 'number') {
			return {
				status: 400,
				body: errorBody('USG.000000002', 'clientType and expireTime must be integers'),
			};
		}
		if (body.expireTime !== 0 && body.expireTime * 1000 < Date.now()) {
			return { status: 401, body: errorBody('USG.000000007', 'signature expired') };
		}
		const app = this.apps.get(body.appId);
		if (!app) return { status: 401, body: errorBody('USG.000000001', 'app authentication failed') };
		const userId = typeof body.userId === 'string' ? body.userId : '';
		if (!app.sp && body.corpId !== undefined) {
			return {
				status: 401,
				body: errorBody('USG.000000001', 'corpId is only allowed for SP App IDs'),
			};
		}
		const signed = app.sp
			? [body.appId, (body.corpId as string) ?? '', userId, body.expireTime, body.nonce].join(':')
			: [body.appId, userId, body.expireTime, body.nonce].join(':');
		if (hmacHex(app.appKey, signed) !== match[1].toLowerCase()) {
			return { status: 401, body: errorBody('USG.000000001', 'app authentication failed') };
		}
		return this.issueToken(userId || `${body.appId}-admin`);
	}

	private accountAuth(r: SimRequest): SimResponse {
		const header = String(r.headers.authorization ?? '');
		const decoded = header.startsWith('Basic ')
			? Buffer.from(header.slice(6), 'base64').toString('utf8')
			: '';
		const [account, ...rest] = decoded.split(':');
		if (!account || this.accounts.get(account) !== rest.join(':')) {
			return { status: 401, body: errorBody('USG.000000001', 'account or password is incorrect') };
		}
		return this.issueToken(account);
	}

	private validate(r: SimRequest): SimResponse {
		const token = (r.json as { token?: string } | undefined)?.token ?? '';
		const entry = this.tokens.get(token);
		if (!entry || entry.expiresAt <= Date.now())
			return { status: 401, body: errorBody('USG.000000004', 'token invalid') };
		return {
			status: 200,
			body: { accessToken: token, validPeriod: Math.floor((entry.expiresAt - Date.now()) / 1000) },
		};
	}

	private withToken(r: SimRequest, handler: () => Promise<SimResponse> | SimResponse) {
		const token = String(r.headers['x-access-token'] ?? '');
		const entry = this.tokens.get(token);
		if (!entry || entry.expiresAt <= Date.now()) {
			return { status: 401, body: errorBody('USG.000000004', 'token invalid or expired') };
		}
		return handler();
	}

	private scopeOf(source: { corpId?: unknown; spId?: unknown }): string | undefined {
		if (typeof source.spId === 'string' && source.spId) return `sp:${source.spId}`;
		if (typeof source.corpId === 'string' && source.corpId) return `corp:${source.corpId}`;
		return undefined;
	}

	private setConfig(r: SimRequest): SimResponse {
		const body = r.json as Record<string, unknown> | undefined;
		if (!body)
			return { status: 400, body: errorBody('MMC.111000001', 'request body must be JSON') };
		const scope = this.scopeOf(body);
		for (const field of ['subscriberId', 'subscriberKey', 'url']) {
			if (typeof body[field] !== 'string' || body[field] === '') {
				return { status: 400, body: errorBody('MMC.111000001', `${field} is required`) };
			}
		}
		if (!scope)
			return { status: 400, body: errorBody('MMC.111000001', 'corpId or spId is required') };
		const url = body.url as string;
		if (!/^https?:\/\//.test(url) || (this.requireHttps && !url.startsWith('https://'))) {
			return { status: 400, body: errorBody('MMC.111000001', 'url must use HTTPS') };
		}
		this.configs.set(scope, {
			id: randomUUID().replace(/-/g, ''),
			scope,
			corpId: body.corpId as string | undefined,
			spId: body.spId as string | undefined,
			subscriberId: body.subscriberId as string,
			subscriberKey: body.subscriberKey as string,
			url,
			status: STATUS_DISABLED,
		});
		return { status: 200 };
	}

	private showConfig(r: SimRequest): SimResponse {
		const scope = this.scopeOf({ corpId: r.query.get('corpId'), spId: r.query.get('spId') });
		if (!scope)
			return { status: 400, body: errorBody('MMC.111000001', 'corpId or spId is required') };
		const config = this.configs.get(scope);
		if (!config) return { status: 200, body: { returnCode: 0, returnDesc: 'SUCCESS' } };
		return {
			status: 200,
			body: {
				returnCode: 0,
				returnDesc: 'SUCCESS',
				id: config.id,
				subscriberId: config.subscriberId,
				url: config.url,
				status: config.status,
			},
		};
	}

	private byId(id: string | null): PushConfig | undefined {
		return [...this.configs.values()].find((c) => c.id === id);
	}

	private deleteConfig(r: SimRequest): SimResponse {
		const config = this.byId(r.query.get('id'));
		if (!config)
			return { status: 400, body: errorBody('MMC.111070020', 'configuration does not exist') };
		this.configs.delete(config.scope);
		return { status: 200 };
	}

	private async changeStatus(r: SimRequest): Promise<SimResponse> {
		const config = this.byId(r.query.get('id'));
		const status = r.query.get('status');
		if (!config)
			return { status: 400, body: errorBody('MMC.111070020', 'configuration does not exist') };
		if (!status || !['0', '1', '2'].includes(status)) {
			return { status: 400, body: errorBody('MMC.111000001', 'status must be 0, 1 or 2') };
		}
		if (Number(status) === STATUS_ENABLED && config.status !== STATUS_ENABLED) {
			const nonce = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
			let ok = false;
			try {
				const answer = await this.send(
					config,
					{ event: 'meeting.verify', timestamp: Date.now() },
					nonce,
				);
				const reply = answer.body as { event?: string; nonce?: string } | undefined;
				ok = answer.status === 200 && reply?.event === 'meeting.verify' && reply?.nonce === nonce;
			} catch {
				ok = false;
			}
			if (!ok) return { status: 400, body: errorBody('MMC.111070021', 'url verification failed') };
		}
		config.status = Number(status);
		return { status: 200 };
	}

	/** Signs and POSTs one push (no retry). */
	async send(
		config: PushConfig,
		eventInfo: Record<string, unknown>,
		nonce?: string,
		timestamp = Date.now(),
	) {
		const n = nonce ?? String(10_000_000 + Math.floor(Math.random() * 89_999_999));
		return await post(
			config.url,
			signedPush(config.subscriberId, config.subscriberKey, eventInfo, n, timestamp),
		);
	}

	/** The enabled configuration of a corp (or the only one). */
	activeConfig(corpId?: string): PushConfig | undefined {
		return [...this.configs.values()].find(
			(c) => c.status === STATUS_ENABLED && (corpId === undefined || c.corpId === corpId),
		);
	}

	/**
	 * Delivers an event as Huawei does: signed, retried (shortened schedule) until answered 200.
	 * Returns the last answer and the number of attempts.
	 */
	async deliver(
		event: string,
		payload: Record<string, unknown>,
		corpId?: string,
	): Promise<DeliveryResult> {
		const config = this.activeConfig(corpId);
		if (!config) throw new Error('No enabled event-push configuration');
		const timestamp = Date.now();
		const nonce = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
		const eventInfo = { event, timestamp, payload };
		let last: { status: number; body: unknown } = { status: 0, body: undefined };
		for (let attempt = 0; attempt <= this.retryDelaysMs.length; attempt++) {
			if (attempt > 0)
				await new Promise((resolve) => setTimeout(resolve, this.retryDelaysMs[attempt - 1]));
			try {
				last = await post(
					config.url,
					signedPush(config.subscriberId, config.subscriberKey, eventInfo, nonce, timestamp),
				);
			} catch (error) {
				last = { status: 0, body: (error as Error).message };
			}
			if (last.status === 200) return { ...last, attempts: attempt + 1 };
		}
		return { ...last, attempts: this.retryDelaysMs.length + 1 };
	}
}

/** A push body exactly as Huawei builds it. */
export function signedPush(
	appId: string,
	key: string,
	eventInfo: Record<string, unknown>,
	nonce: string,
	timestamp: number,
): string {
	const eventInfoJson = JSON.stringify(eventInfo);
	const signature = hmacHex(key, `${appId}${timestamp}${nonce}${eventInfoJson}`);
	return `{"appID":${JSON.stringify(appId)},"timestamp":${timestamp},"nonce":${JSON.stringify(nonce)},"signature":"${signature}","eventInfo":${eventInfoJson}}`;
}
