/**
 * Huawei Cloud Meeting conference control, as documented (docs/providers/huawei-cloud-meeting.md,
 * "Conference control WebSocket"):
 * conference token (host password or keep-alive), single-use WebSocket token, the push WebSocket
 * (Subscribe + ack, HeartBeat echo and enforcement), and a player that publishes a meeting's
 * messages. It shares the HTTP server of a HuaweiMeetingSimulator. On (re)subscription every earlier
 * message of the subscribed types is sent again (a full resync), which clients de-duplicate by msgID.
 * `publishNetCondition` pushes the legacy NetConditionNotify (MCU media quality, meeting_21_1517) only
 * in its documented shape.
 */
import { randomBytes } from 'node:crypto';

import { WebSocketServer, type WebSocket } from 'ws';

import type { HuaweiMeetingSimulator } from './huaweiMeeting';
import type { SimRequest, SimResponse } from './server';
import { errorBody } from './server';

interface Client {
	ws: WebSocket;
	types: Set<string>;
	lastHeartbeat: number;
}

export interface Conference {
	id: string;
	hostPassword: string;
	running: boolean;
	tokens: Map<string, number>;
	wsTokens: Map<string, number>;
	log: Array<Record<string, unknown>>;
	clients: Set<Client>;
	version: number;
}

export class HuaweiConferenceSimulator {
	conferences = new Map<string, Conference>();
	/** The server closes a connection that sent no HeartBeat for this long (documented: 180 s). */
	heartbeatTimeoutMs = 180_000;
	echoHeartbeats = true;
	tokenLifetimeMs = 30 * 60_000;
	readonly tokenRequests: Array<{ keepAlive: boolean }> = [];
	/** The `subscribeType` of every accepted Subscribe, in order. */
	readonly subscriptions: string[][] = [];
	connections = 0;
	private readonly wss: WebSocketServer;
	private watchdog?: ReturnType<typeof setInterval>;

	constructor(private readonly sim: HuaweiMeetingSimulator) {
		sim.route('GET', '/v1/mmc/control/conferences/token', (r) => this.token(r));
		sim.route('GET', '/v1/mmc/control/conferences/wsToken', (r) => this.wsToken(r));
		this.wss = new WebSocketServer({
			server: sim.httpServer!,
			path: '/cms/open/websocket/confctl/increment/conn',
		});
		this.wss.on('connection', (ws, req) =>
			this.connection(ws, new URL(req.url ?? '/', 'http://127.0.0.1')),
		);
		this.watchdog = setInterval(() => this.enforceHeartbeats(), 50);
	}

	async close(): Promise<void> {
		if (this.watchdog) clearInterval(this.watchdog);
		for (const conf of this.conferences.values()) for (const c of conf.clients) c.ws.terminate();
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
	}

	open(id: string, hostPassword: string): Conference {
		const conf: Conference = {
			id,
			hostPassword,
			running: true,
			tokens: new Map(),
			wsTokens: new Map(),
			log: [],
			clients: new Set(),
			version: 0,
		};
		this.conferences.set(id, conf);
		return conf;
	}

	clientCount(id: string): number {
		return this.conferences.get(id)?.clients.size ?? 0;
	}

	private byQuery(r: SimRequest): Conference | undefined {
		const conf = this.conferences.get(r.query.get('conferenceID') ?? '');
		return conf?.running ? conf : undefined;
	}

	private validToken(conf: Conference, token: unknown): boolean {
		const raw = typeof token === 'string' ? token.replace(/^Basic /, '') : '';
		const value =
			typeof token === 'string' && token.startsWith('Basic ')
				? Buffer.from(raw, 'base64').toString('utf8')
				: raw;
		const expiresAt = conf.tokens.get(value);
		return expiresAt !== undefined && expiresAt > Date.now();
	}

	private token(r: SimRequest): SimResponse {
		const conf = this.byQuery(r);
		if (!conf)
			return {
				status: 400,
				body: errorBody('MMC.111070005', 'conference does not exist or has ended'),
			};
		if (r.headers['x-login-type'] !== '1')
			return { status: 400, body: errorBody('MMC.111000001', 'X-Login-Type must be 1') };
		const keepAlive = r.headers['x-conference-authorization'] !== undefined;
		if (
			keepAlive
				? !this.validToken(conf, r.headers['x-conference-authorization'])
				: r.headers['x-password'] !== conf.hostPassword
		) {
			return {
				status: 401,
				body: errorBody(
					'MMC.111070011',
					keepAlive ? 'conference token invalid' : 'password is incorrect',
				),
			};
		}
		this.tokenRequests.push({ keepAlive });
		const token = randomBytes(18).toString('base64url');
		const expireTime = Date.now() + this.tokenLifetimeMs;
		conf.tokens.set(token, expireTime);
		const tmpWsToken = this.issueWsToken(conf);
		return {
			status: 200,
			body: {
				data: {
					token,
					tmpWsToken,
					wsURL: this.sim.baseUrl.replace(/^http/, 'ws'),
					role: 1,
					expireTime,
					confTokenExpireTime: Math.floor(expireTime / 1000),
					supportNotifyType: ['ConfBasicInfoNotify', 'ConfDynamicInfoNotify', 'ParticipantsNotify'],
				},
			},
		};
	}

	private issueWsToken(conf: Conference): string {
		const wsToken = randomBytes(12).toString('hex');
		conf.wsTokens.set(wsToken, Date.now() + 60_000);
		return wsToken;
	}

	private wsToken(r: SimRequest): SimResponse {
		const conf = this.byQuery(r);
		if (!conf)
			return {
				status: 400,
				body: errorBody('MMC.111070005', 'conference does not exist or has ended'),
			};
		if (!this.validToken(conf, r.headers['x-conference-authorization']))
			return { status: 401, body: errorBody('MMC.111070011', 'conference token invalid') };
		return { status: 200, body: { webSocketToken: this.issueWsToken(conf) } };
	}

	private connection(ws: WebSocket, url: URL): void {
		const conf = this.conferences.get(url.searchParams.get('confID') ?? '');
		const tmp = url.searchParams.get('tmpToken') ?? '';
		const expiresAt = conf?.wsTokens.get(tmp);
		if (!conf || !conf.running || expiresAt === undefined || expiresAt < Date.now()) {
			ws.close(4001, 'authentication failed');
			return;
		}
		conf.wsTokens.delete(tmp); // single use
		this.connections++;
		const client: Client = { ws, types: new Set(), lastHeartbeat: Date.now() };
		conf.clients.add(client);
		ws.on('close', () => conf.clients.delete(client));
		ws.on('message', (data) => {
			let message: Record<string, unknown>;
			try {
				message = JSON.parse(String(data));
			} catch {
				return;
			}
			if (message.action === 'HeartBeat') {
				client.lastHeartbeat = Date.now();
				if (this.echoHeartbeats) ws.send(JSON.stringify(message));
				return;
			}
			if (message.action === 'Subscribe') {
				let request: { subscribeType?: string[]; confToken?: string } = {};
				try {
					request = JSON.parse(String(message.data));
				} catch {
					// answered below
				}
				const ok = Array.isArray(request.subscribeType) && this.validToken(conf, request.confToken);
				ws.send(
					JSON.stringify({
						action: 'Subscribe',
						sequence: message.sequence,
						data: { returnCode: ok ? 0 : 1, 'returnDesc ': ok ? 'SUCCESS' : 'FAILED' },
					}),
				);
				if (!ok) return;
				client.types = new Set(request.subscribeType);
				this.subscriptions.push([...request.subscribeType!]);
				for (const m of conf.log)
					if (client.types.has(m.action as string)) ws.send(JSON.stringify(m));
			}
		});
	}

	private enforceHeartbeats(): void {
		for (const conf of this.conferences.values()) {
			for (const client of conf.clients) {
				if (Date.now() - client.lastHeartbeat > this.heartbeatTimeoutMs)
					client.ws.close(4002, 'heartbeat timeout');
			}
		}
	}

	/** Publishes a message to every subscriber of its type (and keeps it for resyncs). */
	publish(
		id: string,
		action: string,
		fields: Record<string, unknown>,
		msgMode = 0,
	): Record<string, unknown> {
		const conf = this.conferences.get(id)!;
		const now = Date.now();
		conf.version++;
		const message = {
			...fields,
			confID: id,
			msgID: randomBytes(16).toString('hex'),
			msgMode,
			version: msgMode === 0 ? now : conf.version,
			createTime: now,
			action,
		};
		conf.log.push(message);
		for (const client of conf.clients)
			if (client.types.has(action)) client.ws.send(JSON.stringify(message));
		return message;
	}

	/**
	 * Publishes a NetConditionNotify (meeting_21_1517): `data[]` of NetConditionNotifyDTO, the metrics as
	 * strings, `mode` (0 refresh, 1 remove) and `bandwidth` as integers. Refuses any other shape, so that a
	 * test cannot push what Huawei documents differently (use `publish` for a malformed frame).
	 */
	publishNetCondition(
		id: string,
		data: Array<Record<string, unknown>>,
		msgMode = 0,
	): Record<string, unknown> {
		for (const entry of data) {
			const wrong = netConditionProblem(entry);
			if (wrong) throw new Error(`NetConditionNotify entry not as documented: ${wrong}`);
		}
		return this.publish(id, 'NetConditionNotify', { data }, msgMode);
	}

	/** Cuts every connection of a meeting abruptly. */
	drop(id: string): void {
		for (const client of this.conferences.get(id)?.clients ?? []) client.ws.terminate();
	}

	/** Ends the meeting: a Destroyed status, then the server closes the sockets. */
	end(id: string): void {
		this.publish(
			id,
			'ConfDynamicInfoNotify',
			{ state: 'Destroyed', endTime: String(Date.now()) },
			1,
		);
		const conf = this.conferences.get(id)!;
		conf.running = false;
		for (const client of conf.clients) client.ws.close(1000, 'conference ended');
	}
}

/** Seed 002's ConfBasicInfoNotify fields (with made-up passwords, never real ones). */
export function basicInfo(id: string): Record<string, unknown> {
	return {
		displayID: id,
		title: "Tom's Meeting",
		startTime: '1611988484164',
		guestJoinUri: `https://meeting.example.com/#/j/${id}/29a3cb420d228e2a`,
		pwds: [
			{ role: 'chair', pwd: 'host-pass-123' },
			{ role: 'general', pwd: 'guest-pass-456' },
		],
		recType: 1,
		media: 2,
		owner: 'Tom',
		orgID: '44252',
		aiRecType: 0,
		callInRestriction: 0,
		audienceCallInRestriction: 0,
		confMode: 'COMMON',
		webinar: false,
		realTimeSubtitle: 0,
		supportWatermark: 1,
		userType: 2,
		ownerID: '271682cfdbe14fa9ae3a8b25f7502627',
		scheduledStartTime: '1611988483700',
		supportCohost: 1,
	};
}

/** NetConditionNotifyDTO fields documented as String (meeting_21_1517). */
const NET_CONDITION_STRINGS = [
	'netInfo',
	'delay',
	'jitter',
	'outJitter',
	'audioCodecType',
	'videoCodecType',
	'fluxIn',
	'fluxOut',
	'videoFluxIn',
	'videoFluxOut',
	'assistVideoFluxIn',
	'assistVideoFluxOut',
	'lostPacketRate',
	'audioOutLossPacketRate',
	'videoInLossPacketRate',
	'videoOutLossPacketRate',
	'assistVideoInLossPacketRate',
	'assistVideoOutLossPacketRate',
];

function netConditionProblem(entry: Record<string, unknown>): string | undefined {
	if (typeof entry.participantID !== 'string' || !entry.participantID)
		return 'participantID must be a non-empty string';
	if (entry.mode !== 0 && entry.mode !== 1) return 'mode must be the integer 0 or 1';
	if (entry.bandwidth !== undefined && !Number.isInteger(entry.bandwidth))
		return 'bandwidth must be an integer';
	for (const key of NET_CONDITION_STRINGS)
		if (entry[key] !== undefined && typeof entry[key] !== 'string')
			return `${key} must be a string`;
	return undefined;
}

/**
 * One participant's NetConditionNotifyDTO as documented (meeting_21_1517: `netInfo` "good", codecs
 * AACLD / H264HP, `bandwidth` 61440; loss in 0.01 %, traffic in 100 bit/s, times in ms). The metrics
 * are made up: 32 ms round trip, 0.35 % audio loss terminal → server, 64.5 kbit/s audio server →
 * terminal.
 */
export function netConditionEntry(
	participantID: string,
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		participantID,
		mode: 0,
		netInfo: 'good',
		delay: '32',
		jitter: '4',
		outJitter: '6',
		audioCodecType: 'AACLD',
		videoCodecType: 'H264HP',
		fluxIn: '645',
		fluxOut: '512',
		videoFluxIn: '12000',
		videoFluxOut: '9800',
		assistVideoFluxIn: '0',
		assistVideoFluxOut: '0',
		lostPacketRate: '35',
		audioOutLossPacketRate: '0',
		videoInLossPacketRate: '120',
		videoOutLossPacketRate: '10',
		assistVideoInLossPacketRate: '0',
		assistVideoOutLossPacketRate: '0',
		bandwidth: 61440,
		...overrides,
	};
}
