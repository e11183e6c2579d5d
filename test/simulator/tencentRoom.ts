/**
 * Tencent Cloud Chat / TUIRoomKit, as documented (see docs/providers/tencent-room.md): REST
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

/** A room member as get_room_member_list returns it. */
export interface RoomMember {
	Member_Account: string;
	NameCard: string;
	Role: string;
	Marks: number[];
	CustomInfo: string;
}

type FieldType = 'string' | 'integer' | 'bool' | 'array' | 'object';
/** A command's documented body: field → [type, required]. */
type BodySpec = Record<string, [FieldType, boolean]>;

const ROOM_ID: BodySpec = { RoomId: ['string', true] };
/**
 * Required fields and types per command, from the REST pages (docs/providers/tencent-room.md,
 * "Request bodies").
 */
const BODIES: Record<string, BodySpec> = {
	'room_engine_http_srv/create_room': { RoomInfo: ['object', true] },
	'room_engine_http_srv/get_room_info': ROOM_ID,
	'room_engine_http_srv/update_room_info': { RoomInfo: ['object', true] },
	'room_engine_http_srv/destroy_room': ROOM_ID,
	'room_engine_http_srv/get_room_member_list': {
		...ROOM_ID,
		Count: ['integer', false],
		Next: ['string', false],
	},
	'room_engine_http_srv/update_room_member_info': { ...ROOM_ID, MemberInfo: ['object', true] },
	'room_engine_http_srv/change_room_owner': {
		...ROOM_ID,
		From_Account: ['string', true],
		NewOwner_Account: ['string', true],
	},
	'room_engine_http_srv/mark_room_member': { ...ROOM_ID, MemberList: ['array', true] },
	'room_engine_http_srv/ban_room_member': {
		...ROOM_ID,
		MemberList_Account: ['array', true],
		Reason: ['string', true],
		Duration: ['integer', true],
	},
	'room_engine_http_srv/unban_room_member': { ...ROOM_ID, MemberList_Account: ['array', true] },
	'room_engine_http_srv/get_banned_member_list': {
		...ROOM_ID,
		Limit: ['integer', false],
		Next: ['string', false],
	},
	'room_engine_http_srv/kick_user_out': {
		...ROOM_ID,
		MemberList_Account: ['array', true],
		Reason: ['string', true],
	},
	'room_engine_http_mic/get_seat_list': ROOM_ID,
	'room_engine_http_mic/pick_user_on_seat': {
		...ROOM_ID,
		Index: ['integer', true],
		Member_Account: ['string', true],
	},
	'room_engine_http_mic/kick_user_off_seat': {
		...ROOM_ID,
		Member_Account: ['string', true],
		Data: ['string', true],
	},
	'room_engine_http_mic/lock_seat': {
		...ROOM_ID,
		Index: ['integer', true],
		ForbidTaken: ['bool', false],
		ForbidVideo: ['bool', false],
		ForbidAudio: ['bool', false],
	},
	'room_engine_http_mic/switch_seat': {
		...ROOM_ID,
		ToIndex: ['integer', true],
		Member_Account: ['string', true],
	},
	'room_engine_http_mic/move_user_to_seat': {
		...ROOM_ID,
		SeatIndex: ['integer', true],
		Member_Account: ['string', true],
		Policy: ['integer', true],
	},
};

/** move_user_to_seat's Policy when the target seat is taken: 0 cancel, 1 force, 2 exchange. */
const MOVE_POLICIES = [0, 1, 2];

const isType = (value: unknown, type: FieldType): boolean =>
	type === 'integer'
		? Number.isInteger(value)
		: type === 'array'
			? Array.isArray(value)
			: type === 'object'
				? typeof value === 'object' && value !== null && !Array.isArray(value)
				: type === 'bool'
					? typeof value === 'boolean'
					: typeof value === 'string';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** Members per get_room_member_list page when Count is not sent (documented default). */
const MEMBER_PAGE = 50;

export class TencentRoomSimulator extends SimServer {
	admins = new Set(['administrator']);
	rooms = new Map<string, Room>();
	members = new Map<string, RoomMember[]>();
	banned = new Map<string, Map<string, number>>();
	seats = new Map<string, Array<Record<string, unknown>>>();
	callback?: { Url: string; CallbackCommandList: string[] };

	constructor(
		readonly sdkAppId: number,
		private readonly key: string,
	) {
		super();
		const commands: Record<string, (body: Record<string, unknown>) => SimResponse['body']> = {
			'room_engine_http_srv/create_room': (b) => this.createRoom(b),
			'room_engine_http_srv/get_room_info': (b) =>
				this.withRoom(b, (room) => this.ok({ Response: { RoomInfo: room } })),
			'room_engine_http_srv/update_room_info': (b) => this.updateRoom(b),
			'room_engine_http_srv/destroy_room': (b) =>
				this.withRoom(b, (room) => {
					this.rooms.delete(room.RoomId);
					return this.ok();
				}),
			'room_engine_http_srv/get_room_member_list': (b) =>
				this.withRoom(b, (room) => this.memberPage(room, b)),
			'room_engine_http_srv/update_room_member_info': (b) =>
				this.withRoom(b, (room) =>
					this.updateMember(room, b.MemberInfo as Record<string, unknown>),
				),
			'room_engine_http_srv/change_room_owner': (b) =>
				this.withRoom(b, (room) => {
					if (room.Owner_Account !== undefined && b.From_Account !== room.Owner_Account)
						return this.fail(100006, 'From_Account is not the room owner');
					if (!this.member(room.RoomId, b.NewOwner_Account as string))
						return this.fail(100005, 'not a room member');
					room.Owner_Account = b.NewOwner_Account;
					return this.ok();
				}),
			'room_engine_http_srv/mark_room_member': (b) =>
				this.withRoom(b, (room) => this.mark(room, b)),
			'room_engine_http_srv/ban_room_member': (b) =>
				this.withRoom(b, (room) =>
					this.withAccounts(b, (accounts) => {
						if (bytes(b.Reason as string) > 1000)
							return this.fail(100002, 'Reason is longer than 1000 bytes');
						const list = this.banned.get(room.RoomId) ?? new Map<string, number>();
						for (const a of accounts)
							list.set(a, Math.floor(Date.now() / 1000) + (b.Duration as number));
						this.banned.set(room.RoomId, list);
						this.members.set(
							room.RoomId,
							this.roomMembers(room.RoomId).filter((m) => !accounts.includes(m.Member_Account)),
						);
						return this.ok();
					}),
				),
			'room_engine_http_srv/unban_room_member': (b) =>
				this.withRoom(b, (room) =>
					this.withAccounts(b, (accounts) => {
						for (const a of accounts) this.banned.get(room.RoomId)?.delete(a);
						return this.ok();
					}),
				),
			'room_engine_http_srv/get_banned_member_list': (b) =>
				this.withRoom(b, (room) => this.bannedPage(room, b)),
			'room_engine_http_srv/kick_user_out': (b) =>
				this.withRoom(b, (room) =>
					this.withAccounts(b, (accounts) => {
						if (bytes(b.Reason as string) > 1000)
							return this.fail(100002, 'Reason is longer than 1000 bytes');
						this.members.set(
							room.RoomId,
							this.roomMembers(room.RoomId).filter((m) => !accounts.includes(m.Member_Account)),
						);
						return this.ok();
					}),
				),
			'room_engine_http_mic/get_seat_list': (b) =>
				this.withRoom(b, (room) =>
					this.ok({ Response: { SeatList: this.seats.get(room.RoomId) ?? [] } }),
				),
			'room_engine_http_mic/pick_user_on_seat': (b) =>
				this.withRoom(b, (room) => {
					if (!this.member(room.RoomId, b.Member_Account as string))
						return this.fail(100005, 'not a room member');
					const list = this.seats.get(room.RoomId) ?? [];
					const seat = list.find((s) => s.Index === b.Index);
					if (seat?.IsTakenDisabled) return this.fail(100006, 'the seat is locked');
					if (seat?.Member_Account) return this.fail(100002, 'the seat is taken');
					if (seat) seat.Member_Account = b.Member_Account;
					else
						list.push({
							Index: b.Index,
							Member_Account: b.Member_Account,
							IsTakenDisabled: false,
							IsVideoDisabled: false,
							IsAudioDisabled: false,
						});
					this.seats.set(room.RoomId, list);
					return this.ok();
				}),
			'room_engine_http_mic/kick_user_off_seat': (b) =>
				this.withRoom(b, (room) => {
					this.seats.set(
						room.RoomId,
						(this.seats.get(room.RoomId) ?? []).filter(
							(s) => s.Member_Account !== b.Member_Account,
						),
					);
					return this.ok();
				}),
			'room_engine_http_mic/lock_seat': (b) =>
				this.withRoom(b, (room) => {
					const list = this.seats.get(room.RoomId) ?? [];
					let seat = list.find((s) => s.Index === b.Index);
					if (!seat) list.push((seat = { Index: b.Index, Member_Account: '' }));
					// Locking a taken seat first removes whoever is on it (documented).
					if (b.ForbidTaken === true) seat.Member_Account = '';
					Object.assign(seat, {
						IsTakenDisabled: b.ForbidTaken === true,
						IsVideoDisabled: b.ForbidVideo === true,
						IsAudioDisabled: b.ForbidAudio === true,
					});
					this.seats.set(room.RoomId, list);
					return this.ok();
				}),
			'room_engine_http_mic/switch_seat': (b) =>
				this.withRoom(b, (room) => {
					const list = this.seats.get(room.RoomId) ?? [];
					const from = list.find((s) => s.Member_Account === b.Member_Account);
					if (!from) return this.fail(100002, 'the member is not on a seat');
					const to = list.find((s) => s.Index === b.ToIndex);
					if (to?.Member_Account || to?.IsTakenDisabled)
						return this.fail(100002, 'the target seat is not empty');
					from.Member_Account = '';
					if (to) to.Member_Account = b.Member_Account;
					else
						list.push({
							Index: b.ToIndex,
							Member_Account: b.Member_Account,
							IsTakenDisabled: false,
							IsVideoDisabled: false,
							IsAudioDisabled: false,
						});
					return this.ok();
				}),
			'room_engine_http_mic/move_user_to_seat': (b) =>
				this.withRoom(b, (room) => this.moveToSeat(room, b)),
			'room_config/set_callback': (b) => {
				if (this.callback) return this.fail(100300, 'callback config already exists');
				return this.saveCallback(b);
			},
			'room_config/update_callback': (b) => this.saveCallback(b),
			'room_config/get_callback': () =>
				this.ok({ Response: this.callback ? { ...this.callback } : {} }),
			'room_config/delete_callback': () => {
				this.callback = undefined;
				return this.ok();
			},
		};
		for (const [path, handler] of Object.entries(commands)) {
			this.route('POST', `/v4/${path}`, (r) =>
				this.rest(r, (b) => this.checkBody(path, b) ?? handler(b)),
			);
		}
	}

	/** Adds members (by account) to a room. */
	addMembers(roomId: string, accounts: string[]): void {
		const list = this.roomMembers(roomId);
		for (const a of accounts)
			list.push({ Member_Account: a, NameCard: '', Role: 'Member', Marks: [], CustomInfo: '' });
		this.members.set(roomId, list);
	}

	roomMembers(roomId: string): RoomMember[] {
		return this.members.get(roomId) ?? [];
	}

	private member(roomId: string, account: string): RoomMember | undefined {
		return this.roomMembers(roomId).find((m) => m.Member_Account === account);
	}

	/** The documented body check: a missing or mistyped field is ActionStatus FAIL, 100002. */
	private checkBody(path: string, b: Record<string, unknown>): SimResponse['body'] | undefined {
		for (const [field, [type, required]] of Object.entries(BODIES[path] ?? {})) {
			if (b[field] === undefined) {
				if (required) return this.fail(100002, `${field} is required`);
				continue;
			}
			if (!isType(b[field], type))
				return this.fail(
					100002,
					`${field} must be ${type === 'integer' ? 'an integer' : `a ${type}`}`,
				);
		}
		return undefined;
	}

	private withAccounts(
		b: Record<string, unknown>,
		fn: (accounts: string[]) => SimResponse['body'],
	) {
		const accounts = b.MemberList_Account as unknown[];
		if (accounts.length === 0 || accounts.length > 20)
			return this.fail(100002, 'MemberList_Account holds 1 to 20 accounts');
		if (!accounts.every((a) => typeof a === 'string' && a))
			return this.fail(100002, 'MemberList_Account must hold account strings');
		return fn(accounts as string[]);
	}

	/** A page of members: Count (default 50) from the Next cursor; Next is "" after the last page. */
	private memberPage(room: Room, b: Record<string, unknown>) {
		const all = this.roomMembers(room.RoomId);
		const count = (b.Count as number | undefined) ?? MEMBER_PAGE;
		if (count < 1) return this.fail(100002, 'Count must be positive');
		const next = (b.Next as string | undefined) ?? '';
		if (next !== '' && !/^cursor-\d+$/.test(next))
			return this.fail(100002, 'Next is not a cursor this room returned');
		const offset = next ? Number(next.slice(7)) : 0;
		const page = all.slice(offset, offset + count);
		const after = offset + page.length;
		return this.ok({
			Response: {
				Next: after < all.length ? `cursor-${after}` : '',
				MemberList: page.map((m) => ({ ...m })),
			},
		});
	}

	/** Banned members, Limit (≤ 100) at a time; NextOffset is 0 after the last page (documented). */
	private bannedPage(room: Room, b: Record<string, unknown>) {
		const limit = (b.Limit as number | undefined) ?? 100;
		if (limit < 1 || limit > 100) return this.fail(100002, 'Limit must be 1 to 100');
		const next = (b.Next as string | undefined) ?? '';
		if (next !== '' && !/^\d+$/.test(next))
			return this.fail(100002, 'Next must be the NextOffset of the previous page');
		const all = [...(this.banned.get(room.RoomId) ?? new Map()).entries()].map(
			([Member_Account, BannedUntil]) => ({ Member_Account, BannedUntil }),
		);
		const offset = next ? Number(next) : 0;
		const page = all.slice(offset, offset + limit);
		const after = offset + page.length;
		return this.ok({
			Response: { BannedAccountList: page, NextOffset: after < all.length ? after : 0 },
		});
	}

	private updateMember(room: Room, info: Record<string, unknown>) {
		if (typeof info.Member_Account !== 'string' || !info.Member_Account)
			return this.fail(100002, 'MemberInfo.Member_Account is required');
		const m = this.member(room.RoomId, info.Member_Account);
		if (!m) return this.fail(100005, 'not a room member');
		if (
			info.NameCard !== undefined &&
			(typeof info.NameCard !== 'string' || bytes(info.NameCard) > 32)
		)
			return this.fail(100002, 'NameCard is a string of at most 32 bytes');
		if (info.Role !== undefined && !['Admin', 'Member'].includes(info.Role as string))
			return this.fail(100002, 'Role must be Admin or Member');
		if (
			info.CustomInfo !== undefined &&
			(typeof info.CustomInfo !== 'string' || bytes(info.CustomInfo) > 60)
		)
			return this.fail(100002, 'CustomInfo is a string of at most 60 bytes');
		Object.assign(m, info);
		return this.ok();
	}

	private mark(room: Room, b: Record<string, unknown>) {
		// The field table types CommandType as String, the sample sends the number 1: both accepted.
		const type = Number(b.CommandType);
		if (b.CommandType === undefined) return this.fail(100002, 'CommandType is required');
		if (![1, 2].includes(type))
			return this.fail(100002, 'CommandType must be 1 (set) or 2 (delete)');
		const list = b.MemberList as Array<Record<string, unknown>>;
		if (list.length === 0 || list.length > 10)
			return this.fail(100002, 'MemberList holds 1 to 10 accounts');
		for (const entry of list) {
			if (typeof entry?.Member_Account !== 'string' || !entry.Member_Account)
				return this.fail(100002, 'MemberList[].Member_Account is required');
			const marks = entry.Marks;
			if (
				!Array.isArray(marks) ||
				marks.length === 0 ||
				marks.length > 3 ||
				!marks.every((n) => Number.isInteger(n) && n >= 1000)
			) {
				return this.fail(100002, 'MemberList[].Marks holds 1 to 3 integers of at least 1000');
			}
			if (!this.member(room.RoomId, entry.Member_Account))
				return this.fail(100005, 'not a room member');
		}
		for (const entry of list) {
			const m = this.member(room.RoomId, entry.Member_Account as string)!;
			const marks = entry.Marks as number[];
			m.Marks =
				type === 1
					? [...new Set([...m.Marks, ...marks])]
					: m.Marks.filter((n) => !marks.includes(n));
		}
		return this.ok();
	}

	/**
	 * move_user_to_seat (trtc.io/document/72685): moves a member who is on a seat to SeatIndex. A
	 * locked target is unlocked; a taken one is handled by Policy (0 cancel, 1 force: the occupant is
	 * taken off, 2 exchange). The code for a cancelled move and for a member not on a seat is not
	 * documented: 100002 here.
	 */
	private moveToSeat(room: Room, b: Record<string, unknown>) {
		const policy = b.Policy as number;
		if (!MOVE_POLICIES.includes(policy))
			return this.fail(100002, 'Policy must be 0 (cancel), 1 (force) or 2 (exchange)');
		const index = b.SeatIndex as number;
		if (index < 0) return this.fail(100002, 'SeatIndex must not be negative');
		const account = b.Member_Account as string;
		if (!this.member(room.RoomId, account)) return this.fail(100005, 'not a room member');
		const list = this.seats.get(room.RoomId) ?? [];
		const from = list.find((s) => s.Member_Account === account);
		if (!from) return this.fail(100002, 'the member is not on a seat');
		if (from.Index === index) return this.ok();
		let to = list.find((s) => s.Index === index);
		if (!to) {
			to = {
				Index: index,
				Member_Account: '',
				IsTakenDisabled: false,
				IsVideoDisabled: false,
				IsAudioDisabled: false,
			};
			list.push(to);
		}
		const occupant = (to.Member_Account as string | undefined) ?? '';
		if (occupant && policy === 0)
			return this.fail(100002, 'the target seat is taken (Policy 0: move cancelled)');
		from.Member_Account = occupant && policy === 2 ? occupant : '';
		to.Member_Account = account;
		to.IsTakenDisabled = false;
		this.seats.set(room.RoomId, list);
		return this.ok();
	}

	private ok(extra: Record<string, unknown> = {}) {
		return {
			ActionStatus: 'OK',
			ErrorInfo: '',
			ErrorCode: 0,
			RequestId: `Id-${this.log.length}`,
			...extra,
		};
	}

	private fail(code: number, info: string) {
		return {
			ActionStatus: 'FAIL',
			ErrorInfo: info,
			ErrorCode: code,
			RequestId: `Id-${this.log.length}`,
		};
	}

	/** Checks the common query parameters and the UserSig, then runs the command. Always HTTP 200. */
	private rest(
		r: SimRequest,
		handler: (body: Record<string, unknown>) => SimResponse['body'],
	): SimResponse {
		const q = r.query;
		if (!q.get('sdkappid')) return { status: 200, body: this.fail(60012, 'sdkappid is missing') };
		if (Number(q.get('sdkappid')) !== this.sdkAppId)
			return { status: 200, body: this.fail(60006, 'invalid SDKAppID') };
		if (q.get('contenttype') !== 'json')
			return { status: 200, body: this.fail(60002, 'contenttype must be json') };
		const random = Number(q.get('random'));
		if (!Number.isInteger(random) || random < 0 || random > 4294967295)
			return { status: 200, body: this.fail(60002, 'invalid random') };
		const identifier = q.get('identifier') ?? '';
		const sigProblem = this.checkUserSig(q.get('usersig') ?? '', identifier);
		if (sigProblem) return { status: 200, body: this.fail(sigProblem[0], sigProblem[1]) };
		if (!this.admins.has(identifier))
			return { status: 200, body: this.fail(60010, 'identifier is not an App administrator') };
		if (r.rawBody === '') return { status: 200, body: this.fail(60003, 'empty body') };
		if (r.json === undefined || typeof r.json !== 'object')
			return { status: 200, body: this.fail(60003, 'invalid JSON body') };
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
		if (
			doc['TLS.ver'] !== '2.0' ||
			doc['TLS.identifier'] !== identifier ||
			doc['TLS.sdkappid'] !== this.sdkAppId
		) {
			return [60004, 'UserSig does not match identifier or SDKAppID'];
		}
		const content = `TLS.identifier:${identifier}\nTLS.sdkappid:${this.sdkAppId}\nTLS.time:${doc['TLS.time']}\nTLS.expire:${doc['TLS.expire']}\n`;
		if (createHmac('sha256', this.key).update(content).digest('base64') !== doc['TLS.sig'])
			return [60004, 'UserSig signature is invalid'];
		if (Number(doc['TLS.time']) + Number(doc['TLS.expire']) < Date.now() / 1000)
			return [60004, 'UserSig expired'];
		return undefined;
	}

	private withRoom(b: Record<string, unknown>, fn: (room: Room) => SimResponse['body']) {
		if (typeof b.RoomId !== 'string' || !b.RoomId) return this.fail(100002, 'RoomId is required');
		const room = this.rooms.get(b.RoomId);
		return room ? fn(room) : this.fail(100004, 'room does not exist');
	}

	private createRoom(b: Record<string, unknown>) {
		const info = b.RoomInfo as Record<string, unknown> | undefined;
		if (!info || typeof info.RoomId !== 'string' || typeof info.RoomType !== 'string')
			return this.fail(100002, 'RoomInfo.RoomId and RoomType are required');
		if (this.rooms.has(info.RoomId)) return this.fail(100002, 'room already exists');
		this.rooms.set(info.RoomId, {
			RoomStatus: 'Running',
			CreateTime: Math.floor(Date.now() / 1000),
			...info,
		} as unknown as Room);
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
		if (typeof b.Url !== 'string' || !/^https?:\/\//.test(b.Url))
			return this.fail(100002, 'Url must start with http or https');
		if (!Array.isArray(b.CallbackCommandList))
			return this.fail(100002, 'CallbackCommandList is required');
		this.callback = { Url: b.Url, CallbackCommandList: b.CallbackCommandList as string[] };
		return this.ok();
	}

	/** Sends a callback to the configured URL, as Tencent does. */
	async deliver(
		body: Record<string, unknown> | string,
		options: {
			token?: string;
			requestTime?: number;
			clientIp?: string;
			optPlatform?: string;
			sdkAppId?: number;
			command?: string;
		} = {},
	) {
		if (!this.callback) throw new Error('No Room callback configured');
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const command =
			options.command ??
			(typeof body === 'string' ? JSON.parse(body).CallbackCommand : body.CallbackCommand);
		return await post(
			this.callback.Url + callbackQuery(command, options.sdkAppId ?? this.sdkAppId, options),
			text,
			{},
		);
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
		q.set(
			'Sign',
			createHash('sha256')
				.update(options.token + requestTime)
				.digest('hex'),
		);
		q.set('RequestTime', requestTime);
	}
	return `?${q.toString()}`;
}
