/**
 * Tencent Cloud Chat / TUIRoomKit, as documented (see shared/reference/tencent-room.md): REST
 * commands under /v4/<service>/<command> that check sdkappid, identifier and UserSig and always
 * answer HTTP 200 with ActionStatus / ErrorCode / ErrorInfo; the room_config callback
 * configuration (one per app); and a deliverer of Room.* / Mic.* callbacks, signed or not.
 *
 * Written from the documentation, independently of the node code it tests.
 */
import { createHash, createHmac } from 'node:crypto';
import { inflateSync } from 'node:zlib';

import type { SimRequest, SimResponse } from './server';
import { post, SimServer } from './server';

export interface Room {
	RoomId: string;
	RoomType: string;
	[key: string]: unknown;
}

export class TencentRoomSimulator extends SimServer {
	admins = new Set(['administrator']);
	rooms = new Map<string, Room>();
	members = new Map<string, string[]>();
	seats = new Map<string, Array<Record<string, unknown>>>();
	callback?: { Url: string; CallbackCommandList: string[] };

	constructor(
		readonly sdkAppId: number,
		private readonly key: string,
	) {
		super();
		const commands: Record<string, (body: Record<string, unknown>) => SimResponse['body']> = {
			'room_engine_http_srv/create_room': (b) => this.createRoom(b),
			'room_engine_http_srv/get_room_info': (b) => this.withRoom(b, (room) => this.ok({ Response: { RoomInfo: room } })),
			'room_engine_http_srv/update_room_info': (b) => this.updateRoom(b),
			'room_engine_http_srv/destroy_room': (b) =>
				this.withRoom(b, (room) => {
					this.rooms.delete(room.RoomId);
					return this.ok();
				}),
			'room_engine_http_srv/get_room_member_list': (b) =>
				this.withRoom(b, (room) => this.ok({ Response: { MemberList: (this.members.get(room.RoomId) ?? []).map((m) => ({ Member_Account: m })) } })),
			'room_engine_http_srv/kick_user_out': (b) =>
				this.withRoom(b, (room) => {
					const out = (b.MemberList_Account as string[] | undefined) ?? [];
					if (!Array.isArray(b.MemberList_Account) || out.length === 0) return this.fail(100002, 'MemberList_Account is required');
					this.members.set(room.RoomId, (this.members.get(room.RoomId) ?? []).filter((m) => !out.includes(m)));
					return this.ok();
				}),
			'room_engine_http_srv/change_room_owner': (b) =>
				this.withRoom(b, (room) => {
					if (typeof b.NewOwner_Account !== 'string' || !b.NewOwner_Account) return this.fail(100002, 'NewOwner_Account is required');
					if (!(this.members.get(room.RoomId) ?? []).includes(b.NewOwner_Account)) return this.fail(100005, 'not a room member');
					room.Owner_Account = b.NewOwner_Account;
					return this.ok();
				}),
			'room_engine_http_mic/get_seat_list': (b) => this.withRoom(b, (room) => this.ok({ Response: { SeatList: this.seats.get(room.RoomId) ?? [] } })),
			'room_engine_http_mic/pick_user_on_seat': (b) =>
				this.withRoom(b, (room) => {
					const list = this.seats.get(room.RoomId) ?? [];
					list.push({ Index: b.Index, Member_Account: b.Member_Account, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
					this.seats.set(room.RoomId, list);
					return this.ok();
				}),
			'room_engine_http_mic/kick_user_off_seat': (b) =>
				this.withRoom(b, (room) => {
					this.seats.set(room.RoomId, (this.seats.get(room.RoomId) ?? []).filter((s) => s.Member_Account !== b.Member_Account));
					return this.ok();
				}),
			'room_config/set_callback': (b) => {
				if (this.callback) return this.fail(100300, 'callback config already exists');
				return this.saveCallback(b);
			},
			'room_config/update_callback': (b) => this.saveCallback(b),
			'room_config/get_callback': () => this.ok({ Response: this.callback ? { ...this.callback } : {} }),
			'room_config/delete_callback': () => {
				this.callback = undefined;
				return this.ok();
			},
		};
		for (const [path, handler] of Object.entries(commands)) {
			this.route('POST', `/v4/${path}`, (r) => this.rest(r, handler));
		}
	}

	private ok(extra: Record<string, unknown> = {}) {
		return { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, RequestId: `Id-${this.log.length}`, ...extra };
	}

	private fail(code: number, info: string) {
		return { ActionStatus: 'FAIL', ErrorInfo: info, ErrorCode: code, RequestId: `Id-${this.log.length}` };
	}

	/** Checks the common query parameters and the UserSig, then runs the command. Always HTTP 200. */
	private rest(r: SimRequest, handler: (body: Record<string, unknown>) => SimResponse['body']): SimResponse {
		const q = r.query;
		if (!q.get('sdkappid')) return { status: 200, body: this.fail(60012, 'sdkappid is missing') };
		if (Number(q.get('sdkappid')) !== this.sdkAppId) return { status: 200, body: this.fail(60006, 'invalid SDKAppID') };
		if (q.get('contenttype') !== 'json') return { status: 200, body: this.fail(60002, 'contenttype must be json') };
		const random = Number(q.get('random'));
		if (!Number.isInteger(random) || random < 0 || random > 4294967295) return { status: 200, body: this.fail(60002, 'invalid random') };
		const identifier = q.get('identifier') ?? '';
		const sigProblem = this.checkUserSig(q.get('usersig') ?? '', identifier);
		if (sigProblem) return { status: 200, body: this.fail(sigProblem[0], sigProblem[1]) };
		if (!this.admins.has(identifier)) return { status: 200, body: this.fail(60010, 'identifier is not an App administrator') };
		if (r.rawBody === '') return { status: 200, body: this.fail(60003, 'empty body') };
		if (r.json === undefined || typeof r.json !== 'object') return { status: 200, body: this.fail(60003, 'invalid JSON body') };
		return { status: 200, body: handler(r.json as Record<string, unknown>) };
	}

	/** Decodes a UserSig as the server does (inflate, JSON, HMAC recomputed, expiry). */
	checkUserSig(usersig: string, identifier: string): [number, string] | undefined {
		let doc: Record<string, unknown>;
		try {
			const b64 = usersig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
			doc = JSON.parse(inflateSync(Buffer.from(b64, 'base64')).toString('utf8'));
		} catch {
			return [60004, 'UserSig cannot be decoded'];
		}
		if (doc['TLS.ver'] !== '2.0' || doc['TLS.identifier'] !== identifier || doc['TLS.sdkappid'] !== this.sdkAppId) {
			return [60004, 'UserSig does not match identifier or SDKAppID'];
		}
		const content = `TLS.identifier:${identifier}\nTLS.sdkappid:${this.sdkAppId}\nTLS.time:${doc['TLS.time']}\nTLS.expire:${doc['TLS.expire']}\n`;
		if (createHmac('sha256', this.key).update(content).digest('base64') !== doc['TLS.sig']) return [60004, 'UserSig signature is invalid'];
		if (Number(doc['TLS.time']) + Number(doc['TLS.expire']) < Date.now() / 1000) return [60004, 'UserSig expired'];
		return undefined;
	}

	private withRoom(b: Record<string, unknown>, fn: (room: Room) => SimResponse['body']) {
		if (typeof b.RoomId !== 'string' || !b.RoomId) return this.fail(100002, 'RoomId is required');
		const room = this.rooms.get(b.RoomId);
		return room ? fn(room) : this.fail(100004, 'room does not exist');
	}

	private createRoom(b: Record<string, unknown>) {
		const info = b.RoomInfo as Record<string, unknown> | undefined;
		if (!info || typeof info.RoomId !== 'string' || typeof info.RoomType !== 'string') return this.fail(100002, 'RoomInfo.RoomId and RoomType are required');
		if (this.rooms.has(info.RoomId)) return this.fail(100002, 'room already exists');
		this.rooms.set(info.RoomId, { RoomStatus: 'Running', CreateTime: Math.floor(Date.now() / 1000), ...info } as unknown as Room);
		return this.ok();
	}

	private updateRoom(b: Record<string, unknown>) {
		const info = b.RoomInfo as Record<string, unknown> | undefined;
		if (!info) return this.fail(100002, 'RoomInfo is required');
		return this.withRoom(info, (room) => {
			Object.assign(room, info);
			return this.ok();
		});
	}

	private saveCallback(b: Record<string, unknown>) {
		if (typeof b.Url !== 'string' || !/^https?:\/\//.test(b.Url)) return this.fail(100002, 'Url must start with http or https');
		if (!Array.isArray(b.CallbackCommandList)) return this.fail(100002, 'CallbackCommandList is required');
		this.callback = { Url: b.Url, CallbackCommandList: b.CallbackCommandList as string[] };
		return this.ok();
	}

	/** Sends a callback to the configured URL, as Tencent does. */
	async deliver(
		body: Record<string, unknown> | string,
		options: { token?: string; requestTime?: number; clientIp?: string; optPlatform?: string; sdkAppId?: number; command?: string } = {},
	) {
		if (!this.callback) throw new Error('No Room callback configured');
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const command = options.command ?? (typeof body === 'string' ? JSON.parse(body).CallbackCommand : body.CallbackCommand);
		return await post(this.callback.Url + callbackQuery(command, options.sdkAppId ?? this.sdkAppId, options), text, {});
	}
}

/** The query string Tencent appends to the callback URL. */
export function callbackQuery(
	command: string,
	sdkAppId: number,
	options: { token?: string; requestTime?: number; clientIp?: string; optPlatform?: string } = {},
): string {
	const q = new URLSearchParams({
		SdkAppid: String(sdkAppId),
		CallbackCommand: command,
		contenttype: 'json',
		ClientIP: options.clientIp ?? '127.0.0.1',
		OptPlatform: options.optPlatform ?? 'RESTAPI',
	});
	if (options.token !== undefined) {
		const requestTime = String(options.requestTime ?? Math.floor(Date.now() / 1000));
		q.set('Sign', createHash('sha256').update(options.token + requestTime).digest('hex'));
		q.set('RequestTime', requestTime);
	}
	return `?${q.toString()}`;
}
