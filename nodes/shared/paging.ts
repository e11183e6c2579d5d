import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** One page of a list: its items and where the next page starts (undefined on the last page). */
export interface Page<T, C> {
	items: T[];
	next?: C;
}

/** Pages are fetched at most this many times per call, whatever the provider answers. */
const MAX_PAGES = 10_000;

/**
 * Collects a paged list until the provider says there is no next page, or `limit` items are in hand
 * (undefined = all). `pageSize` is what each call asks for (never more than what is still wanted).
 */
export async function collectPages<T, C>(
	fetchPage: (cursor: C | undefined, pageSize: number) => Promise<Page<T, C>>,
	maxPageSize: number,
	limit?: number,
): Promise<T[]> {
	const out: T[] = [];
	let cursor: C | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const wanted = limit === undefined ? maxPageSize : Math.min(maxPageSize, limit - out.length);
		const { items, next } = await fetchPage(cursor, wanted);
		out.push(...items);
		if (limit !== undefined && out.length >= limit) return out.slice(0, limit);
		if (next === undefined || next === cursor || items.length === 0) return out;
		cursor = next;
	}
	return out;
}

/** Offset paging as Huawei does it: the next offset while fewer than `count` items were read. */
export function nextOffset(offset: number, read: number, count: unknown): number | undefined {
	const total = Number(count);
	const after = offset + read;
	return read > 0 && Number.isFinite(total) && after < total ? after : undefined;
}

/** Reads the standard "Return All" / "Limit" pair of a list operation: undefined = everything. */
export function readLimit(ctx: IExecuteFunctions, i: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', i, false) as boolean) return undefined;
	return ctx.getNodeParameter('limit', i, 50) as number;
}

/** Items for n8n: each list entry one item. */
export function asItems(list: unknown[]): IDataObject[] {
	return list.map((entry) =>
		entry && typeof entry === 'object' ? (entry as IDataObject) : ({ value: entry } as IDataObject),
	);
}
