/**
 * Tencent RTC (TRTC) event callbacks, as TRTC sends them (docs/providers/tencent-rtc.md, "Event
 * callbacks"): bodies pretty-printed with real newlines and tabs, `Sign` = base64 HMAC-SHA256 of
 * those bytes under the callback key, `SdkAppId` header, POST with JSON. A delivery counts only when
 * answered HTTP 200 within 5 s with headers and body of at most 2000 bytes; otherwise TRTC sends it
 * again at once, then every 10 s, until the message is over a minute old (both configurable here so
 * that tests need not wait). Every attempt and its answer are recorded.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';

/** A number written as-is (an integer beyond 2^53, as Tencent may send a numeric ID). */
export class RawNumber {
	constructor(readonly text: string) {}
}

type Value = string | number | boolean | null | RawNumber | Value[] | { [key: string]: Value };

/**
 * TRTC's body text: cJSON's formatted print (a tab after each colon, one member a line, nested
 * objects indented with tabs, arrays on one line with ", ").
 */
export function trtcBody(value: Value, depth = 0): string {
	if (value instanceof RawNumber) return value.text;
	if (Array.isArray(value)) return `[${value.map((v) => trtcBody(v, depth)).join(', ')}]`;
	if (value !== null && typeof value === 'object') {
		const pad = '\t'.repeat(depth + 1);
		const members = Object.entries(value).map(
			([k, v]) => `${pad}${JSON.stringify(k)}:\t${trtcBody(v, depth + 1)}`,
		);
		return `{\n${members.join(',\n')}\n${'\t'.repeat(depth)}}`;
	}
	return JSON.stringify(value);
}

/** Sign: standard base64 HMAC-SHA256 of the body bytes under the callback key. */
export function trtcSign(key: string, body: string | Buffer): string {
	return createHmac('sha256', key).update(body).digest('base64');
}

/** The documented example of each event type (trtc.io/document/39558, 54914), dated `now`. */
export interface TrtcEvent {
	[key: string]: Value;
	EventGroupId: number;
	EventType: number;
	CallbackTs: number;
	EventInfo: { [key: string]: Value };
}

export function trtcEvent(
	type: number,
	now = Date.now(),
	info: Record<string, Value> = {},
): TrtcEvent {
	const group = Math.floor(type / 100);
	const base: Record<string, Value> = {
		RoomId: 12345,
		EventTs: Math.floor(now / 1000),
		EventMsTs: now - 100,
	};
	const byType: Record<number, Record<string, Value>> = {
		101: { UserId: 'test' },
		102: { RoomId: '12345' },
		103: { UserId: 'test', Role: 21, TerminalType: 2, UserType: 3, Reason: 1 },
		104: { UserId: 'test', Role: 20, Reason: 1 },
		105: { UserId: 'test', Role: 20 },
		301: { Payload: { Status: 0 } },
		302: { Payload: { LeaveCode: 0 } },
		303: { Payload: { Status: 0 } },
		304: { Payload: { FileList: 'xxxx.m3u8' } },
		305: { Payload: { LeaveCode: 0 } },
		306: { Payload: { Status: 0 } },
		307: {
			Payload: {
				FileName: 'xxxx.m3u8',
				UserId: 'alice',
				TrackType: 'audio_video',
				BeginTimeStamp: now - 5000,
			},
		},
		309: { Payload: { Url: 'http://127.0.0.1/watermark.png' } },
		310: {
			Payload: {
				Status: 0,
				FileList: ['task-1_12345__UserId_s_alice__UserId_e_main_video.mp4'],
				FileMessage: [
					{
						FileName: 'task-1_12345__UserId_s_alice__UserId_e_main_video.mp4',
						UserId: 'alice',
						TrackType: 'audio_video',
						MediaId: 'main',
						StartTimeStamp: now - 60_000,
						EndTimeStamp: now - 1000,
					},
				],
			},
		},
		311: {
			Payload: {
				Status: 0,
				TencentVod: {
					UserId: 'alice',
					TrackType: 'audio_video',
					MediaId: 'main',
					FileId: '5285890781763144364',
					VideoUrl: 'http://127.0.0.1/vod/5285890781763144364/f0.mp4',
					CacheFile: '5285890781763144364.mp4',
					StartTimeStamp: now - 60_000,
					EndTimeStamp: now - 1000,
				},
			},
		},
		312: { Payload: { Status: 0 } },
	};
	const extra = byType[type] ?? (group <= 2 ? {} : { Payload: { Status: 0 } });
	const recording: Record<string, Value> =
		group === 3 ? { UserId: 'recorder_robot', TaskId: 'task-1' } : {};
	const userId: Record<string, Value> = group === 2 ? { UserId: 'test' } : {};
	return {
		EventGroupId: group,
		EventType: type,
		CallbackTs: now,
		EventInfo: { ...base, ...userId, ...recording, ...extra, ...info },
	};
}

export interface Attempt {
	at: number;
	status: number;
	body: string;
	/** Answer headers plus body, in bytes. */
	bytes: number;
	ok: boolean;
	error?: string;
}

export interface SenderOptions {
	url: string;
	sdkAppId: number | string;
	/** The callback key; none = no Sign header (a console without a key). */
	key?: string;
	/** Between retries after the immediate one (TRTC: 10 s). */
	retryIntervalMs?: number;
	/** No retry once the message is older than this (TRTC: 1 minute). */
	horizonMs?: number;
	/** An answer later than this is a failure (TRTC: 5 s). */
	timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends callbacks to one URL as TRTC does; `attempts` records every request and its answer. */
export class TrtcCallbackSender {
	readonly attempts: Attempt[] = [];

	constructor(private readonly options: SenderOptions) {
		const host = new URL(options.url).hostname;
		if (!['127.0.0.1', 'localhost', '[::1]'].includes(host))
			throw new Error(`Simulated callbacks only go to loopback addresses, not ${host}`);
	}

	/** One request; `headers` replace or remove (undefined) the ones TRTC would send. */
	async attempt(body: string, headers: Record<string, string | undefined> = {}): Promise<Attempt> {
		const sent: Record<string, string> = {
			'Content-Type': 'application/json',
			SdkAppId: String(this.options.sdkAppId),
		};
		if (this.options.key !== undefined) sent.Sign = trtcSign(this.options.key, body);
		for (const [name, value] of Object.entries(headers))
			if (value === undefined) delete sent[name];
			else sent[name] = value;
		const at = Date.now();
		const result = await new Promise<Attempt>((resolve) => {
			const req = http.request(
				this.options.url,
				{
					method: 'POST',
					headers: { ...sent, 'Content-Length': Buffer.byteLength(body) },
					agent: false,
					timeout: this.options.timeoutMs ?? 5000,
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => {
						const text = Buffer.concat(chunks).toString('utf8');
						const headerBytes = res.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0);
						const bytes = headerBytes + Buffer.byteLength(text);
						const status = res.statusCode ?? 0;
						resolve({ at, status, body: text, bytes, ok: status === 200 && bytes <= 2000 });
					});
				},
			);
			req.on('timeout', () => req.destroy(new Error('no answer within the time-out')));
			req.on('error', (error) =>
				resolve({ at, status: 0, body: '', bytes: 0, ok: false, error: error.message }),
			);
			req.end(body);
		});
		this.attempts.push(result);
		return result;
	}

	/**
	 * Delivers `event` (an object, printed as TRTC does, or a body text) with TRTC's retries:
	 * again at once after the first failure, then every retryIntervalMs while the message is no
	 * older than horizonMs. Resolves with this delivery's attempts.
	 */
	async deliver(
		event: Value | string,
		headers: Record<string, string | undefined> = {},
	): Promise<{ delivered: boolean; attempts: Attempt[] }> {
		const body = typeof event === 'string' ? event : trtcBody(event);
		const start = Date.now();
		const interval = this.options.retryIntervalMs ?? 10_000;
		const horizon = this.options.horizonMs ?? 60_000;
		const attempts: Attempt[] = [await this.attempt(body, headers)];
		if (!attempts[0].ok) attempts.push(await this.attempt(body, headers));
		while (!attempts.at(-1)!.ok && Date.now() - start + interval <= horizon) {
			await sleep(interval);
			attempts.push(await this.attempt(body, headers));
		}
		return { delivered: attempts.at(-1)!.ok, attempts };
	}
}
