/**
 * nodes/shared/time.ts: token renewal times, epoch values (seconds or milliseconds), ISO strings,
 * numbers, and Huawei's UTC minutes, at their edges.
 */
import {
	beforeRenewTime,
	epochToIso,
	isoString,
	msToIso,
	renewTime,
	secondsToIso,
	toNumber,
	toUtcMinutes,
	utcMinutesToIso,
} from '../../../nodes/shared/time';

describe('renewTime and beforeRenewTime', () => {
	it('renews a margin before expiry, or halfway through a shorter life; never after expiry', () => {
		expect(renewTime(100_000, 0, 10_000)).toBe(90_000);
		expect(renewTime(100_000, 90_000, 10_000)).toBe(95_000);
		expect(renewTime(100_000, 80_000, 10_000)).toBe(90_000);
		expect(renewTime(100_000, 120_000, 10_000)).toBe(100_000);
	});

	it('a cached token is sent only strictly before its renewal time; 0 or unknown means no limit', () => {
		expect(beforeRenewTime(1000, 999)).toBe(true);
		expect(beforeRenewTime(1000, 1000)).toBe(false);
		expect(beforeRenewTime('1000', 1001)).toBe(false);
		expect(beforeRenewTime(0, 10 ** 12)).toBe(true);
		expect(beforeRenewTime(undefined, 10 ** 12)).toBe(true);
		expect(beforeRenewTime('soon', 10 ** 12)).toBe(true);
	});
});

describe('epoch times and ISO strings', () => {
	it('give ISO strings for seconds, milliseconds, numeric strings and ISO input', () => {
		expect(msToIso(1670574414123)).toBe('2022-12-09T08:26:54.123Z');
		expect(msToIso('1611988484164')).toBe('2021-01-30T06:34:44.164Z');
		expect(secondsToIso(1703589922)).toBe('2023-12-26T11:25:22.000Z');
		expect(epochToIso(1703589922)).toBe('2023-12-26T11:25:22.000Z');
		expect(epochToIso(1703589922780)).toBe('2023-12-26T11:25:22.780Z');
		expect(isoString('2021-04-28T08:56:57Z')).toBe('2021-04-28T08:56:57.000Z');
		expect([msToIso(0), msToIso('x'), msToIso(undefined), isoString('nope')]).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
		]);
	});

	it('epoch values below 1e11 are seconds, from 1e11 milliseconds; zero and negatives are no time', () => {
		expect(epochToIso(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
		expect(epochToIso('1700000000000')).toBe('2023-11-14T22:13:20.000Z');
		expect(epochToIso(99_999_999_999)).toBe(new Date(99_999_999_999_000).toISOString());
		expect(epochToIso(100_000_000_000)).toBe('1973-03-03T09:46:40.000Z');
		expect(msToIso(0)).toBeUndefined();
		expect(msToIso(-5)).toBeUndefined();
		expect(msToIso(1)).toBe('1970-01-01T00:00:00.001Z');
		expect(secondsToIso('x')).toBeUndefined();
		expect(epochToIso(undefined)).toBeUndefined();
		expect(msToIso(9e15)).toBeUndefined();
	});
});

describe('toNumber', () => {
	it('numbers: finite numbers and plain decimal strings only', () => {
		expect(toNumber(12)).toBe(12);
		expect(toNumber(Number.NaN)).toBeUndefined();
		expect(toNumber(Infinity)).toBeUndefined();
		expect(toNumber(' -12.5 ')).toBe(-12.5);
		expect(toNumber('12a')).toBeUndefined();
		expect(toNumber('a12')).toBeUndefined();
		expect(toNumber('1e3')).toBeUndefined();
		expect(toNumber('')).toBeUndefined();
		expect(toNumber(null)).toBeUndefined();
	});

	it('toNumber reads decimals with several digits', () => {
		expect(toNumber('1.25')).toBe(1.25);
		expect(toNumber(' -3.125 ')).toBe(-3.125);
	});
});

describe('isoString', () => {
	it('ISO strings: the common UTC form gains milliseconds; other forms are parsed; junk is undefined', () => {
		expect(isoString('2021-04-28T08:56:57Z')).toBe('2021-04-28T08:56:57.000Z');
		expect(isoString('2021-04-28T08:56:57+02:00')).toBe('2021-04-28T06:56:57.000Z');
		expect(isoString('x2021-04-28T08:56:57Z')).toBeUndefined();
		expect(isoString('2021-13-45T08:56:57Z')).toBeUndefined();
		expect(isoString('  ')).toBeUndefined();
		expect(isoString(5)).toBeUndefined();
		expect(isoString('not a date')).toBeUndefined();
	});

	it('isoString: blank text is no time', () => {
		expect(isoString('   ')).toBeUndefined();
		expect(isoString('')).toBeUndefined();
	});
});

describe('utcMinutesToIso and toUtcMinutes', () => {
	it("Huawei's UTC minutes both ways", () => {
		expect(utcMinutesToIso('2026-11-25 10:00')).toBe('2026-11-25T10:00:00.000Z');
		expect(utcMinutesToIso(' 2026-11-25 10:00:30 ')).toBe('2026-11-25T10:00:30.000Z');
		expect(utcMinutesToIso('2026-11-25T10:00')).toBeUndefined();
		expect(utcMinutesToIso('x2026-11-25 10:00')).toBeUndefined();
		expect(utcMinutesToIso('2026-11-25 10:00x')).toBeUndefined();
		expect(utcMinutesToIso('2026-13-25 10:00')).toBeUndefined();
		expect(utcMinutesToIso(20261125)).toBeUndefined();
		expect(toUtcMinutes('2026-11-25T10:00:59.999Z')).toBe('2026-11-25 10:00');
		expect(toUtcMinutes(new Date(0))).toBe('1970-01-01 00:00');
		expect(toUtcMinutes(0)).toBe('1970-01-01 00:00');
		expect(toUtcMinutes('never')).toBeUndefined();
	});
});
