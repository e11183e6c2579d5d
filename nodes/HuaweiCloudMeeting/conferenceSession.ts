/**
 * One conference-control push session: conference token → WebSocket token → WebSocket → Subscribe,
 * heartbeats, token keep-alive before expiry, reconnection with backoff after a drop, and messages
 * de-duplicated by msgID across reconnections. Uses the runtime's global WebSocket (Node ≥ 22) and
 * n8n-workflow's sleep (no timer globals).
 */
import type { IDataObject, IHttpRequestOptions, Logger } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

interface WsEvent {
	data?: unknown;
	code?: number;
	reason?: string;
}
interface WsLike {
	readyState: number;
	send(data: string): void;
	close(code?: number, reason?: string): void;
	onopen: ((event: WsEvent) => void) | null;
	onmessage: ((event: WsEvent) => void) | null;
	onclose: ((event: WsEvent) => void) | null;
	onerror: ((event: WsEvent) => void) | null;
}
declare const WebSocket: (new (url: string) => WsLike) | undefined;

const OPEN = 1;
const SLICE_MS = 100;
const MAX_SEEN = 5000;

/** True when the runtime has a global WebSocket (Node ≥ 22; n8n 2.x runs on Node ≥ 24). */
export function webSocketAvailable(): boolean {
	return typeof WebSocket === 'function';
}

export class ConferenceError extends Error {
	constructor(
		message: string,
		readonly permanent: boolean,
	) {
		super(message);
	}
}

export interface SessionOptions {
	baseUrl: string;
	conferenceId: string;
	hostPassword: string;
	types: string[];
	heartbeatMs: number;
	/** Reconnection backoff: first delay and cap (ms). */
	backoffMs?: [number, number];
	/** Renew the conference token this long before it expires (ms). */
	renewBeforeMs?: number;
	stopWhenMeetingEnds: boolean;
	http: (options: IHttpRequestOptions) => Promise<unknown>;
	onMessage: (message: IDataObject) => void;
	onEnded?: () => void;
	logger?: Logger;
}

/** Sequence numbers: 20–30 characters as documented; heartbeats use the zero-padded ms timestamp. */
function sequence(): string {
	return String(Date.now()).padStart(30, '0');
}

export class ConferenceSession {
	private closed = false;
	private ended = false;
	private ws?: WsLike;
	private token = '';
	private tokenExpiresAt = 0;
	private wsBase = '';
	private lastPong = 0;
	private readonly seen = new Set<string>();
	private readonly loops: Array<Promise<void>> = [];
	private reconnecting = false;

	constructor(private readonly options: SessionOptions) {}

	/** Connects and subscribes; throws (permanent or not) when that fails. */
	async start(): Promise<void> {
		await this.fetchToken(false);
		await this.connect();
		this.loops.push(this.heartbeatLoop(), this.tokenLoop());
	}

	/** Closes the socket and ends every loop (within ~100 ms). Never throws. */
	async stop(): Promise<void> {
		this.closed = true;
		try {
			this.ws?.close(1000, 'stopped');
		} catch {
			// already closed
		}
		await Promise.allSettled(this.loops);
	}

	private async pause(ms: number): Promise<void> {
		const until = Date.now() + ms;
		while (!this.closed && Date.now() < until) await sleep(Math.min(SLICE_MS, until - Date.now()));
	}

	private async call(method: 'GET', path: string, headers: IDataObject): Promise<IDataObject> {
		let response: IDataObject | undefined;
		let failure: ConferenceError | undefined;
		try {
			response = (await this.options.http({
				method,
				url: `${this.options.baseUrl}${path}`,
				qs: { conferenceID: this.options.conferenceId },
				headers,
				json: true,
				timeout: 15_000,
			})) as IDataObject;
		} catch (error) {
			const e = error as {
				response?: { status?: number; data?: { error_code?: string; error_msg?: string } };
				message?: string;
			};
			const status = e.response?.status;
			const body = e.response?.data;
			const detail = body?.error_code
				? `${body.error_code}: ${body.error_msg ?? ''}`
				: status
					? `HTTP ${status}`
					: (e.message ?? 'no answer');
			const permanent = status !== undefined && status >= 400 && status < 500 && status !== 429;
			failure = new ConferenceError(
				`Huawei Cloud Meeting conference control refused ${path.split('/').pop()} (${detail})`,
				permanent,
			);
		}
		if (failure) throw failure;
		return ((response?.data as IDataObject | undefined) ?? response ?? {}) as IDataObject;
	}

	/** Conference token with the host password, or (keep-alive) with the current token. */
	private async fetchToken(keepAlive: boolean): Promise<void> {
		const headers: IDataObject = { 'X-Login-Type': '1' };
		if (keepAlive && this.token) headers['X-Conference-Authorization'] = this.token;
		else headers['X-Password'] = this.options.hostPassword;
		const data = await this.call('GET', '/v1/mmc/control/conferences/token', headers);
		if (typeof data.token !== 'string' || !data.token)
			throw new ConferenceError('The conference token response has no token', true);
		this.token = data.token;
		if (typeof data.wsURL === 'string' && data.wsURL) {
			const url = new URL(data.wsURL);
			this.wsBase = `${url.protocol === 'http:' ? 'ws:' : url.protocol === 'https:' ? 'wss:' : url.protocol}//${url.host}`;
		}
		const expireMs =
			Number(data.expireTime) ||
			(Number(data.confTokenExpireTime) ? Number(data.confTokenExpireTime) * 1000 : 0);
		this.tokenExpiresAt = expireMs > 0 ? expireMs : Date.now() + 30 * 60_000;
	}

	private async connect(): Promise<void> {
		if (!webSocketAvailable())
			throw new ConferenceError('This n8n runtime has no WebSocket support', true);
		const { webSocketToken } = await this.call('GET', '/v1/mmc/control/conferences/wsToken', {
			'X-Conference-Authorization': this.token,
		});
		if (typeof webSocketToken !== 'string' || !webSocketToken)
			throw new ConferenceError('The WebSocket token response has no webSocketToken', true);
		if (!this.wsBase) throw new ConferenceError('The conference token response has no wsURL', true);
		const url = `${this.wsBase}/cms/open/websocket/confctl/increment/conn?confID=${encodeURIComponent(this.options.conferenceId)}&tmpToken=${encodeURIComponent(webSocketToken)}`;
		const ws = new WebSocket!(url);
		this.ws = ws;
		let subscribed: ((ok: boolean, reason?: string) => void) | undefined;
		const ready = new Promise<{ ok: boolean; reason?: string }>((resolve) => {
			subscribed = (ok, reason) => resolve({ ok, reason });
		});
		const subscribeSequence = `${Date.now()}`.padStart(24, '0');
		ws.onopen = () => {
			ws.send(
				JSON.stringify({
					sequence: subscribeSequence,
					action: 'Subscribe',
					data: JSON.stringify({
						conferenceID: this.options.conferenceId,
						subscribeType: this.options.types,
						confToken: this.token,
					}),
				}),
			);
		};
		ws.onmessage = (event) => this.handle(ws, event.data, subscribed);
		ws.onerror = () => subscribed?.(false, 'connection error');
		ws.onclose = (event) => {
			subscribed?.(false, `closed (${event.code ?? ''} ${event.reason ?? ''})`.trim());
			if (this.ws === ws) this.onDrop();
		};
		let outcome: { ok: boolean; reason?: string } | undefined;
		void ready.then((o) => (outcome = o));
		for (
			let waited = 0;
			outcome === undefined && waited < 15_000 && !this.closed;
			waited += SLICE_MS
		)
			await sleep(SLICE_MS);
		if (this.closed) return;
		if (!outcome?.ok) {
			ws.onclose = null;
			try {
				ws.close();
			} catch {
				// ignore
			}
			throw new ConferenceError(
				`Could not subscribe to the conference: ${outcome?.reason ?? 'no answer within 15 s'}`,
				false,
			);
		}
		this.lastPong = Date.now();
	}

	private handle(
		ws: WsLike,
		data: unknown,
		subscribed?: (ok: boolean, reason?: string) => void,
	): void {
		let message: IDataObject;
		try {
			message = JSON.parse(typeof data === 'string' ? data : String(data)) as IDataObject;
		} catch {
			this.options.logger?.debug('Ignored a conference message that is not JSON');
			return;
		}
		if (message.action === 'HeartBeat') {
			this.lastPong = Date.now();
			return;
		}
		if (message.action === 'Subscribe') {
			const ack = (typeof message.data === 'string' ? JSON.parse(message.data) : message.data) as
				| IDataObject
				| undefined;
			const code = ack ? Number(ack.returnCode ?? ack['returnCode ']) : NaN;
			subscribed?.(code === 0, `Subscribe answered ${JSON.stringify(ack ?? {})}`);
			return;
		}
		this.lastPong = Date.now();
		const id = typeof message.msgID === 'string' ? message.msgID : undefined;
		if (id) {
			if (this.seen.has(id)) return;
			this.seen.add(id);
			if (this.seen.size > MAX_SEEN) this.seen.delete(this.seen.values().next().value as string);
		}
		if (ws !== this.ws) return;
		this.options.onMessage(message);
		if (message.action === 'ConfDynamicInfoNotify' && message.state === 'Destroyed')
			this.meetingEnded();
	}

	private meetingEnded(): void {
		if (this.ended) return;
		this.ended = true;
		this.options.onEnded?.();
		if (this.options.stopWhenMeetingEnds) void this.stop();
	}

	private onDrop(): void {
		if (this.closed || this.reconnecting) return;
		this.reconnecting = true;
		this.loops.push(this.reconnectLoop());
	}

	private async reconnectLoop(): Promise<void> {
		const [first, cap] = this.options.backoffMs ?? [1000, 30_000];
		let delay = first;
		try {
			while (!this.closed) {
				await this.pause(delay);
				if (this.closed) return;
				try {
					if (Date.now() > this.tokenExpiresAt - 60_000) await this.fetchToken(false);
					await this.connect();
					this.options.logger?.info('Reconnected to the Huawei Cloud Meeting conference');
					return;
				} catch (error) {
					if (error instanceof ConferenceError && error.permanent) {
						// The meeting is over (or the password changed): nothing to reconnect to.
						this.options.logger?.warn(`Conference session ended: ${error.message}`);
						this.meetingEnded();
						if (!this.options.stopWhenMeetingEnds) await this.pause(cap);
						else return;
					}
					delay = Math.min(cap, delay * 2);
				}
			}
		} finally {
			this.reconnecting = false;
		}
	}

	private async heartbeatLoop(): Promise<void> {
		const interval = this.options.heartbeatMs;
		while (!this.closed) {
			await this.pause(interval);
			const ws = this.ws;
			if (this.closed || !ws || ws.readyState !== OPEN) continue;
			if (Date.now() - this.lastPong > interval * 2 + 1000) {
				this.options.logger?.warn('No heartbeat answer from the conference; reconnecting');
				try {
					ws.close(4000, 'heartbeat timeout');
				} catch {
					// ignore
				}
				continue;
			}
			try {
				ws.send(JSON.stringify({ sequence: sequence(), action: 'HeartBeat' }));
			} catch {
				// the close handler reconnects
			}
		}
	}

	private async tokenLoop(): Promise<void> {
		const before = this.options.renewBeforeMs ?? 5 * 60_000;
		while (!this.closed) {
			await this.pause(Math.max(1000, this.tokenExpiresAt - before - Date.now()));
			if (this.closed) return;
			try {
				await this.fetchToken(true);
			} catch (error) {
				this.options.logger?.warn(
					`Could not renew the conference token: ${(error as Error).message}`,
				);
				await this.pause(5000);
			}
		}
	}
}
