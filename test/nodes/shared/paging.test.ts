/**
 * nodes/shared/paging.ts: collecting pages (until the last, a repeated cursor, an empty page, the
 * limit or 10,000 pages), Huawei's offset paging, list entries as items.
 */
import { asItems, collectPages, nextOffset } from '../../../nodes/shared/paging';

describe('collectPages', () => {
	it('collects pages until the last, a repeated cursor, an empty page or the limit', async () => {
		const asked: Array<[number | undefined, number]> = [];
		const pages =
			(sizes: number[], repeat = false) =>
			async (cursor: number | undefined, size: number) => {
				asked.push([cursor, size]);
				const index = cursor ?? 0;
				const items = Array.from({ length: sizes[index] ?? 0 }, (_, k) => `${index}-${k}`);
				return { items, next: repeat ? 0 : index + 1 < sizes.length ? index + 1 : undefined };
			};
		expect(await collectPages(pages([2, 2, 1]), 2)).toHaveLength(5);
		expect(asked).toEqual([
			[undefined, 2],
			[1, 2],
			[2, 2],
		]);
		asked.length = 0;
		expect(await collectPages(pages([2, 2, 2]), 2, 3)).toEqual(['0-0', '0-1', '1-0']);
		expect(asked).toEqual([
			[undefined, 2],
			[1, 1],
		]);
		asked.length = 0;
		expect(await collectPages(pages([2, 2], true), 2)).toEqual(['0-0', '0-1', '0-0', '0-1']);
		expect(asked).toHaveLength(2);
		expect(await collectPages(pages([2, 0, 2]), 2)).toEqual(['0-0', '0-1']);
		expect(await collectPages(pages([5]), 10, 2)).toEqual(['0-0', '0-1']);
	});

	it('asks for at most 10,000 pages, whatever the provider answers', async () => {
		let calls = 0;
		const endless = async (cursor: number | undefined) => {
			calls++;
			return { items: [cursor ?? 0], next: (cursor ?? 0) + 1 };
		};
		expect(await collectPages(endless, 1)).toHaveLength(10_000);
		expect(calls).toBe(10_000);
	});
});

describe('nextOffset', () => {
	it("Huawei's offset paging: the next offset only while fewer than count were read", () => {
		expect(nextOffset(0, 500, 1102)).toBe(500);
		expect(nextOffset(1000, 102, 1102)).toBeUndefined();
		expect(nextOffset(1000, 101, '1102')).toBe(1101);
		expect(nextOffset(0, 0, 10)).toBeUndefined();
		expect(nextOffset(0, 5, 'many')).toBeUndefined();
		expect(nextOffset(0, 5, undefined)).toBeUndefined();
	});
});

describe('asItems', () => {
	it('list entries become items; other values are wrapped', () => {
		expect(asItems([{ a: 1 }, 'x', null, 3])).toEqual([
			{ a: 1 },
			{ value: 'x' },
			{ value: null },
			{ value: 3 },
		]);
	});
});
