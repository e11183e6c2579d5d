/** Reading and checking the TRTC node's parameters (shared by the operations). */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

type Ctx = IExecuteFunctions;

export const fail = (ctx: Ctx, i: number, message: string) =>
	new NodeOperationError(ctx.getNode(), message, { itemIndex: i });

/** Values typed in a text parameter, separated by commas or new lines, trimmed, blanks dropped. */
export function list(value: unknown): string[] {
	return String(value ?? '')
		.split(/[,\n]/)
		.map((v) => v.trim())
		.filter(Boolean);
}

export function sdkAppIdOf(ctx: Ctx, i: number): number {
	const value = Number(ctx.getNodeParameter('sdkAppId', i, 0));
	if (!Number.isSafeInteger(value) || value <= 0) throw fail(ctx, i, 'Enter the SDKAppID');
	return value;
}

/** Unix seconds of a date parameter: an ISO date, or a number (10 digits = s, 13 digits = ms). */
export function unixSeconds(value: unknown): number | undefined {
	const text = String(value ?? '').trim();
	if (/^\d+$/.test(text)) {
		const n = Number(text);
		return n < 1e11 ? n : Math.floor(n / 1000);
	}
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** Start and End Time as Unix seconds, End after Start and at most `maxHours` apart. */
export function timeWindow(
	ctx: Ctx,
	i: number,
	maxHours: number,
): { StartTime: number; EndTime: number } {
	const start = unixSeconds(ctx.getNodeParameter('startTime', i, ''));
	const end = unixSeconds(ctx.getNodeParameter('endTime', i, ''));
	if (start === undefined || end === undefined)
		throw fail(ctx, i, 'Enter the start and end time (a date, or Unix seconds)');
	if (end <= start) throw fail(ctx, i, 'The end time must be after the start time');
	if (end - start > maxHours * 3600)
		throw fail(ctx, i, `The time window must be ${maxHours} h or less (Tencent's limit)`);
	return { StartTime: start, EndTime: end };
}
