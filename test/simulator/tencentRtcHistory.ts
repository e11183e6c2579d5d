/**
 * The usage history of the simulated TRTC API: DescribeRoomInfo, DescribeUserInfo and
 * DescribeCallDetailInfo over the state's sessions (windows, 14 days back, pages from 0).
 */
import type { Body, RtcState } from './tencentRtcState';
import { app, DATA_TYPES, fail, int, str, strings } from './tencentRtcState';

function window(body: Body, hours: number): [number, number] {
	const start = int(body, 'StartTime', true) as number;
	const end = int(body, 'EndTime', true) as number;
	if (end <= start) throw fail('InvalidParameter.EndTs', 'EndTime must be after StartTime.');
	if (end - start > hours * 3600)
		throw fail('InvalidParameter.QueryScaleOversize', 'The query window is too long.');
	if (start < Date.now() / 1000 - 14 * 86400)
		throw fail('InvalidParameter.StartTimeOversize', 'StartTime is too old.');
	return [start, end];
}

function paged<T>(list: T[], body: Body, defaultSize: number, maxSize = 100) {
	const pageNumber = int(body, 'PageNumber', false) ?? 0;
	const value = body.PageSize;
	if (
		value !== undefined &&
		(typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > maxSize)
	)
		throw fail('InvalidParameter.PageSizeOversize', `PageSize must be 1 to ${maxSize}.`);
	const size = (value as number | undefined) ?? defaultSize;
	return list.slice(pageNumber * size, (pageNumber + 1) * size);
}

export function describeRoomInfo(state: RtcState, body: Body) {
	const sdkAppId = app(state, body, 'InvalidParameter.SdkAppId');
	const [start, end] = window(body, 24);
	const roomId = str(body, 'RoomId', false);
	const rooms = state.sessions
		.filter(
			(s) =>
				s.sdkAppId === sdkAppId && s.CreateTime <= end && (!s.IsFinished || s.DestroyTime >= start),
		)
		.filter((s) => roomId === undefined || s.RoomString === roomId)
		.sort((a, b) => a.CreateTime - b.CreateTime);
	const page = paged(rooms, body, 10).map(({ sdkAppId: _a, users: _u, ...row }) => row);
	return { Total: rooms.length, RoomList: page };
}

function sessionUsers(
	state: RtcState,
	body: Body,
	hours: number,
	maxUsers: number,
	usersCode?: string,
) {
	const commId = str(body, 'CommId') as string;
	window(body, hours);
	const sdkAppId = app(state, body, 'InvalidParameter.SdkAppId');
	const userIds = strings(body, 'UserIds', maxUsers, usersCode);
	const session = state.sessions.find((s) => s.CommId === commId && s.sdkAppId === sdkAppId);
	return (session?.users ?? [])
		.filter((u) => !userIds || userIds.includes(u.UserId))
		.map((u) => ({ RoomStr: session!.RoomString, SdkVersion: '11.5', ...u }));
}

export function describeUserInfo(state: RtcState, body: Body) {
	const users = sessionUsers(state, body, 4, 100);
	return { Total: users.length, UserList: paged(users, body, 6) };
}

export function describeCallDetail(state: RtcState, body: Body) {
	const types = strings(body, 'DataType', DATA_TYPES.length + 1);
	if (types?.some((t) => t !== 'all' && !DATA_TYPES.includes(t)))
		throw fail('InvalidParameter.DataType', 'DataType holds an unknown metric.');
	const withData = Boolean(types?.length);
	const users = sessionUsers(
		state,
		body,
		1,
		withData ? 6 : 100,
		withData ? 'InvalidParameter.UserIdsMorethanSix' : undefined,
	);
	const page = paged(users, body, 6, withData ? 6 : 100);
	const wanted = types?.includes('all') ? DATA_TYPES : (types ?? []);
	const start = body.StartTime as number;
	const data = page.flatMap((u) =>
		wanted.map((type, n) => ({
			UserId: u.UserId,
			PeerId: '',
			DataType: type,
			Content: [0, 1, 2].map((k) => ({ Time: start + k * 5, Value: (n + 1) * (k + 1) })),
		})),
	);
	return { Total: users.length, UserList: page, Data: data };
}
