/**
 * Usage history (paid since 2024-04-01; TRTC monthly package or Monitoring Dashboard edition):
 * DescribeRoomInfo → DescribeUserInfo → DescribeCallDetailInfo, chained by the session's CommId.
 * Pages are numbered from 0 and fetched at a fixed size until `Total` items are read.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { collectPages, readLimit } from '../shared/paging';
import { requiredText } from '../shared/parameters';
import { epochToIso } from '../shared/time';
import { trtcRequest } from './api';
import { fail, list, timeWindow } from './params';

type Ctx = IExecuteFunctions;

export const MAX_PAGE_SIZE = 100;
/** DescribeCallDetailInfo with metrics: at most 6 users per page (InvalidParameter.UserIdsMorethanSix). */
export const MAX_METRIC_USERS = 6;

const page = <T extends z.ZodType>(key: string, entry: T) =>
	z.looseObject({
		RequestId: z.string(),
		Total: z.number().int().nonnegative(),
		[key]: z.array(entry).nullish(),
	});

const room = z.looseObject({
	CommId: z.string(),
	RoomString: z.string(),
	CreateTime: z.number(),
	DestroyTime: z.number().nullish(),
	IsFinished: z.boolean().nullish(),
	UserId: z.string().nullish(),
});
const user = z.looseObject({
	UserId: z.string(),
	RoomStr: z.string().nullish(),
	JoinTs: z.number().nullish(),
	LeaveTs: z.number().nullish(),
	Finished: z.boolean().nullish(),
});
const metric = z.looseObject({
	UserId: z.string(),
	PeerId: z.string().nullish(),
	DataType: z.string(),
	Content: z.array(z.looseObject({ Time: z.number(), Value: z.number() })).nullish(),
});

/** Collects every page of one action: `make(page, size)` is the body; the list is under `key`. */
async function allPages(
	ctx: Ctx,
	i: number,
	action: string,
	label: string,
	key: string,
	body: IDataObject,
	pageSize: number,
	onPage?: (answer: IDataObject) => void,
): Promise<IDataObject[]> {
	const schema = page(key, z.looseObject({}));
	return await collectPages<IDataObject, number>(
		async (pageNumber = 0) => {
			const res = (await trtcRequest(ctx, {
				action,
				label,
				body: { ...body, PageNumber: pageNumber, PageSize: pageSize },
				schema,
				read: true,
			})) as IDataObject;
			onPage?.(res);
			const items = (res[key] as IDataObject[] | null | undefined) ?? [];
			const read = pageNumber * pageSize + items.length;
			return { items, next: read < (res.Total as number) ? pageNumber + 1 : undefined };
		},
		pageSize,
		readLimit(ctx, i),
	);
}

function parseAll<T extends z.ZodType>(ctx: Ctx, i: number, schema: T, entries: IDataObject[]) {
	return entries.map((entry, n) => {
		const parsed = schema.safeParse(entry);
		if (!parsed.success) throw fail(ctx, i, `Tencent Cloud TRTC: entry ${n} is not as documented`);
		return parsed.data as z.infer<T> & IDataObject;
	});
}

export async function getRooms(ctx: Ctx, i: number, sdkAppId: number): Promise<IDataObject[]> {
	const body: IDataObject = { SdkAppId: sdkAppId, ...timeWindow(ctx, i, 24) };
	const roomId = String(ctx.getNodeParameter('roomFilter', i, '') ?? '').trim();
	if (roomId) body.RoomId = roomId;
	const rooms = await allPages(
		ctx,
		i,
		'DescribeRoomInfo',
		'Get rooms',
		'RoomList',
		body,
		MAX_PAGE_SIZE,
	);
	return parseAll(ctx, i, room, rooms).map((r) => ({
		...r,
		CreateTimeIso: epochToIso(r.CreateTime) ?? null,
		DestroyTimeIso: epochToIso(r.DestroyTime) ?? null,
	}));
}

function usersOf(ctx: Ctx, i: number, max: number): string[] | undefined {
	const userIds = list(ctx.getNodeParameter('usageUserIds', i, ''));
	if (userIds.length > max) throw fail(ctx, i, `At most ${max} user IDs (got ${userIds.length})`);
	return userIds.length ? userIds : undefined;
}

function sessionBody(ctx: Ctx, i: number, sdkAppId: number, hours: number, maxUsers: number) {
	const body: IDataObject = {
		CommId: requiredText(ctx, i, 'commId', 'session ID (CommId)'),
		...timeWindow(ctx, i, hours),
		SdkAppId: sdkAppId,
	};
	const userIds = usersOf(ctx, i, maxUsers);
	if (userIds) body.UserIds = userIds;
	return body;
}

const withUserTimes = (u: IDataObject) => ({
	...u,
	JoinTsIso: epochToIso(u.JoinTs) ?? null,
	LeaveTsIso: epochToIso(u.LeaveTs) ?? null,
});

export async function getRoomUsers(ctx: Ctx, i: number, sdkAppId: number): Promise<IDataObject[]> {
	const body = sessionBody(ctx, i, sdkAppId, 4, MAX_PAGE_SIZE);
	const users = await allPages(
		ctx,
		i,
		'DescribeUserInfo',
		'Get room users',
		'UserList',
		body,
		MAX_PAGE_SIZE,
	);
	return parseAll(ctx, i, user, users).map(withUserTimes);
}

/** One item per user; with metrics, each carries its series (`metrics`: DataType, PeerId, Content). */
export async function getCallQuality(
	ctx: Ctx,
	i: number,
	sdkAppId: number,
): Promise<IDataObject[]> {
	const dataTypes = ctx.getNodeParameter('dataTypes', i, []) as string[];
	const withMetrics = dataTypes.length > 0;
	const body = sessionBody(ctx, i, sdkAppId, 1, withMetrics ? MAX_METRIC_USERS : MAX_PAGE_SIZE);
	if (withMetrics) body.DataType = dataTypes;
	const series: IDataObject[] = [];
	const users = await allPages(
		ctx,
		i,
		'DescribeCallDetailInfo',
		'Get call quality',
		'UserList',
		body,
		withMetrics ? MAX_METRIC_USERS : MAX_PAGE_SIZE,
		(answer) => series.push(...((answer.Data as IDataObject[] | null | undefined) ?? [])),
	);
	const metrics = parseAll(ctx, i, metric, series);
	return parseAll(ctx, i, user, users).map((u) => ({
		...withUserTimes(u),
		...(withMetrics ? { metrics: metrics.filter((m) => m.UserId === u.UserId) } : {}),
	}));
}
