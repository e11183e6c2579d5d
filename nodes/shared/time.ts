/**
 * Time helpers: providers send epoch seconds, epoch milliseconds, numeric strings or ISO strings.
 * Items carry the raw value next to an ISO 8601 string so that no-code users can map either.
 */

/** Parses an epoch value given in milliseconds (number or numeric string). */
export function msToIso(value: unknown): string | undefined {
	const ms = toNumber(value);
	if (ms === undefined || ms <= 0) return undefined;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Parses an epoch value given in seconds (number or numeric string). */
export function secondsToIso(value: unknown): string | undefined {
	const s = toNumber(value);
	return s === undefined ? undefined : msToIso(s * 1000);
}

/** Epoch value whose unit is not documented: 10-digit values are seconds, 13-digit values milliseconds. */
export function epochToIso(value: unknown): string | undefined {
	const n = toNumber(value);
	if (n === undefined) return undefined;
	return n < 1e11 ? secondsToIso(n) : msToIso(n);
}

/** Normalises an ISO-like string (e.g. `2021-04-28T08:56:57Z`) to full ISO 8601, or undefined. */
const UTC_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

export function isoString(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	// The common provider form (YYYY-MM-DDThh:mm:ssZ) needs no date parsing, only milliseconds.
	if (UTC_SECONDS.test(value) && !Number.isNaN(Date.parse(value)))
		return `${value.slice(0, 19)}.000Z`;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
	return undefined;
}

/** When to stop using a token that expires at `expiresAt`: `marginMs` before, or halfway through a shorter life. */
export function renewTime(expiresAt: number, now: number, marginMs: number): number {
	return expiresAt - Math.min(marginMs, Math.max(0, (expiresAt - now) / 2));
}

/** True while a cached token may be sent; 0 or a missing renewal time means "no limit known". */
export function beforeRenewTime(renewAt: unknown, now: number): boolean {
	const at = Number(renewAt);
	return !Number.isFinite(at) || at === 0 || at > now;
}

const HUAWEI_UTC = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d)(?::(\d\d))?$/;

/** Huawei's "yyyy-MM-dd HH:mm" (UTC) as ISO 8601, or undefined. */
export function utcMinutesToIso(value: unknown): string | undefined {
	const match = typeof value === 'string' ? HUAWEI_UTC.exec(value.trim()) : null;
	if (!match) return undefined;
	const iso = `${match[1]}T${match[2]}:${match[3] ?? '00'}.000Z`;
	return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** A date (anything Date parses, or epoch ms) as Huawei's "yyyy-MM-dd HH:mm" in UTC. */
export function toUtcMinutes(value: string | number | Date): string | undefined {
	const date = value instanceof Date ? value : new Date(value);
	if (Number.isNaN(date.getTime())) return undefined;
	return date.toISOString().slice(0, 16).replace('T', ' ');
}
