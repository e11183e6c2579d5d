#!/usr/bin/env node
// Fires a simulated provider event at the demo started by `npm start`:
//   npm run simulate -- huawei meeting.started
//   npm run simulate -- sparkrtc RECORD_FILE_COMPLETE
//   npm run simulate -- tencent Room.CallbackAfterUpdateRoomInfo
//   npm run simulate -- trtc 103   (an EventType or name: room.userEntered, 311, recording.mp4Finished…)
//   npm run simulate -- conference ParticipantsNotify   (or NetConditionNotify)
//   npm run simulate -- inbox
const [provider = 'huawei', event = ''] = process.argv.slice(2);
const port = process.env.DEMO_CONTROL_PORT ?? 18080;
const url =
	provider === 'inbox'
		? `http://127.0.0.1:${port}/inbox`
		: `http://127.0.0.1:${port}/simulate/${provider}/${event}`;
try {
	const res = await fetch(url, {
		method: provider === 'inbox' ? 'GET' : 'POST',
		signal: AbortSignal.timeout(30_000),
	});
	console.log(await res.text());
	process.exit(res.ok ? 0 : 1);
} catch (error) {
	console.error(
		`Could not reach the demo on 127.0.0.1:${port} (${error.message}). Start it with npm start.`,
	);
	process.exit(1);
}
