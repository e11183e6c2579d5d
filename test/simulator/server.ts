/**
 * A minimal HTTP server for provider simulators: loopback only, JSON helpers, a request log for
 * assertions, and injectable faults (status, delay) per route.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	json?: unknown;
	/** When the request arrived (ms). */
	receivedAt: number;
}

export interface SimResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Handler = (req: SimRequest) => Promise<SimResponse> | SimResponse;

export interface Fault {
	/** Answer with this status and body instead of handling. */
	status?: number;
	body?: unknown;
	/** Wait this long before answering (ms). */
	delayMs?: number;
	/** How many requests the fault applies to (default: 1). */
	times?: number;
	/** After the delay, drop the connection without handling the request (a lost request). */
	drop?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SimServer {
	readonly log: SimRequest[] = [];
	private readonly routes = new Map<string, Handler>();
	private readonly patterns: Array<{
		method: string;
		pattern: RegExp;
		handler: (req: SimRequest, match: RegExpExecArray) => Promise<SimResponse> | SimResponse;
	}> = [];
	private readonly faults = new Map<string, Fault[]>();
	private server?: http.Server;
	private readonly sockets = new Set<import('node:net').Socket>();
	baseUrl = '';

	route(method: string, path: string, handler: Handler): void {
		this.routes.set(`${method} ${path}`, handler);
	}

	/** A route whose path matches a pattern (path parameters come as the match). */
	routePattern(
		method: string,
		pattern: RegExp,
		handler: (req: SimRequest, match: RegExpExecArray) => Promise<SimResponse> | SimResponse,
	): void {
		this.patterns.push({ method, pattern, handler });
	}

	/** Makes the next request(s) to `method path` fail or stall. */
	fault(method: string, path: string, fault: Fault): void {
		const list = this.faults.get(`${method} ${path}`) ?? [];
		list.push({ times: 1, ...fault });
		this.faults.set(`${method} ${path}`, list);
	}

	/** The underlying HTTP server (for protocols that upgrade, like WebSocket). */
	get httpServer(): http.Server | undefined {
		return this.server;
	}

	requests(method?: string, path?: string): SimRequest[] {
		return this.log.filter((r) => (!method || r.method === method) && (!path || r.path === path));
	}

	async start(port = 0): Promise<string> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		const { port: actual } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${actual}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	private patternHandler(req: SimRequest): Handler | undefined {
		for (const { method, pattern, handler } of this.patterns) {
			const match = method === req.method ? pattern.exec(req.path) : null;
			if (match) return (r) => handler(r, match);
		}
		return undefined;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const rawBody = Buffer.concat(chunks).toString('utf8');
		let json: unknown;
		try {
			json = rawBody ? JSON.parse(rawBody) : undefined;
		} catch {
			json = undefined;
		}
		const simReq: SimRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			rawBody,
			json,
			receivedAt: Date.now(),
		};
		this.log.push(simReq);
		const key = `${simReq.method} ${simReq.path}`;
		let answer: SimResponse;
		const faults = this.faults.get(key);
		const fault = faults?.[0];
		if (fault) {
			fault.times = (fault.times ?? 1) - 1;
			if (fault.times <= 0) faults.shift();
			if (fault.delayMs) await sleep(fault.delayMs);
			if (fault.drop) {
				res.destroy();
				return;
			}
		}
		if (fault?.status) {
			answer = { status: fault.status, body: fault.body };
		} else {
			const handler = this.routes.get(key) ?? this.patternHandler(simReq);
			try {
				answer = handler
					? await handler(simReq)
					: { status: 404, body: { error_code: 'SIM.404', error_msg: `No route ${key}` } };
			} catch (error) {
				answer = {
					status: 500,
					body: { error_code: 'SIM.500', error_msg: (error as Error).message },
				};
			}
		}
		if (res.destroyed) return;
		const headers: Record<string, string> = {
			'X-Request-Id': `sim-${this.log.length}`,
			...(answer.headers ?? {}),
		};
		if (answer.body === undefined) {
			res.writeHead(answer.status, headers).end();
		} else if (typeof answer.body === 'string') {
			res.writeHead(answer.status, { 'Content-Type': 'text/plain', ...headers }).end(answer.body);
		} else {
			res.writeHead(answer.status, {
				'Content-Type': 'application/json;charset=UTF-8',
				...headers,
			});
			res.end(JSON.stringify(answer.body));
		}
	}
}

/** POSTs a body to a URL (a webhook) and returns status and parsed body. Loopback only. */
export async function post(
	url: string,
	body: string,
	headers: Record<string, string> = { 'Content-Type': 'application/json' },
	timeoutMs = 10_000,
): Promise<{ status: number; body: unknown; text: string }> {
	const target = new URL(url);
	if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
		throw new Error(`Simulator deliveries only go to loopback addresses, not ${target.hostname}`);
	}
	return await new Promise((resolve, reject) => {
		const req = http.request(
			target,
			{
				method: 'POST',
				headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
				agent: false,
				timeout: timeoutMs,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed: unknown = text;
					try {
						parsed = text ? JSON.parse(text) : undefined;
					} catch {
						parsed = text;
					}
					resolve({ status: res.statusCode ?? 0, body: parsed, text });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', reject);
		req.end(body);
	});
}

export function errorBody(code: string, msg: string) {
	return { error_code: code, error_msg: msg };
}
