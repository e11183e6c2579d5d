import { TencentCloudRoomTrigger } from '../../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import type { TriggerHost } from '../../harness/n8n';
import { activate, deactivate, hostTrigger } from '../../harness/n8n';
import type { TencentRoomSimulator } from '../../simulator/tencentRoom';
import { callbackQuery } from '../../simulator/tencentRoom';
import { post } from '../../simulator/server';
import { EXPECTED_ITEMS, ROOM_FIXTURES } from '../../fixtures/tencentRoom';
import { CALLBACK_TOKEN, SDK_APP_ID, startTencentSimulator, tencentCredential } from './setup';

// A new node per test: what its constructor builds (the subscription adapter) is then covered by
// the test that uses it, which is what Stryker's per-test coverage runs against a mutant there.
let trigger: TencentCloudRoomTrigger;
beforeEach(() => (trigger = new TencentCloudRoomTrigger()));
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const ALL = Object.keys(ROOM_FIXTURES);

describe('Tencent Cloud Room Trigger', () => {
	let sim: TencentRoomSimulator;
	let host: TriggerHost;
	beforeEach(async () => {
		sim = await startTencentSimulator();
	});
	afterEach(async () => {
		await host?.stop();
		await sim.stop();
	});

	async function activated(
		params: Record<string, unknown> = {},
		credential: Record<string, unknown> = {},
	) {
		host = await hostTrigger(trigger, tencentCredential(sim, credential), {
			events: ['*'],
			options: {},
			...params,
		});
		await activate(trigger, host);
		return host;
	}

	it('activation sets the callback URL with the chosen commands; deactivation deletes it', async () => {
		await activated({
			events: ['Room.CallbackAfterUpdateRoomInfo', 'Mic.CallbackAfterSeatInfoChanged'],
		});
		expect(sim.requests('POST', '/v4/room_config/set_callback')[0].json).toEqual({
			Url: host.url,
			CallbackCommandList: ['Room.CallbackAfterUpdateRoomInfo', 'Mic.CallbackAfterSeatInfoChanged'],
		});
		expect(sim.callback?.Url).toBe(host.url);
		expect(await trigger.webhookMethods.default.checkExists.call(host.hookContext())).toBe(true);
		expect(await deactivate(trigger, host)).toBe(true);
		expect(sim.requests('POST', '/v4/room_config/delete_callback')).toHaveLength(1);
		expect(sim.callback).toBeUndefined();
	});

	it('"All Events" registers every Room.* command and the Mic.* seat command', async () => {
		await activated();
		expect(sim.callback?.CallbackCommandList).toEqual(ALL);
	});

	it('refuses to replace another URL unless allowed, and then restores it on deactivation', async () => {
		sim.callback = {
			Url: 'https://other.example.com/room',
			CallbackCommandList: ['Room.CallbackAfterCreateRoom'],
		};
		host = await hostTrigger(trigger, tencentCredential(sim), { events: ['*'], options: {} });
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toBe(
			'Tencent Cloud Room callback is already configured to deliver to https://other.example.com/room',
		);
		expect(error.description).toContain('exists per SDKAppID, so one workflow receives');
		expect(error.description).toContain('examples/huawei-meeting-router.json');
		expect(sim.callback.Url).toBe('https://other.example.com/room');
		await host.stop();

		await activated({ options: { replaceExisting: true } });
		expect(sim.requests('POST', '/v4/room_config/update_callback')).toHaveLength(1);
		expect(sim.callback?.Url).toBe(host.url);
		await deactivate(trigger, host);
		expect(sim.callback).toEqual({
			Url: 'https://other.example.com/room',
			CallbackCommandList: ['Room.CallbackAfterCreateRoom'],
		});
	});

	it('re-registers when the selected commands changed', async () => {
		await activated({ events: ['Room.CallbackAfterCreateRoom'] });
		const ctx = host.hookContext();
		// The same host with another selection: checkExists is false, create() updates.
		(ctx as unknown as { getNodeParameter: (n: string, f?: unknown) => unknown }).getNodeParameter =
			(n: string, f?: unknown) => (n === 'events' ? ['Room.CallbackAfterDestroyRoom'] : f);
		expect(await trigger.webhookMethods.default.checkExists.call(ctx)).toBe(false);
		await trigger.webhookMethods.default.create.call(ctx);
		expect(sim.callback?.CallbackCommandList).toEqual(['Room.CallbackAfterDestroyRoom']);
		// Its own callback is not "previous": deactivation deletes it rather than putting it back.
		expect(host.staticData.previous).toBeUndefined();
		await deactivate(trigger, host);
		expect(sim.callback).toBeUndefined();
	});

	it('a callback created by someone else between the read and the write is updated instead', async () => {
		sim.fault('POST', '/v4/room_config/get_callback', {
			status: 200,
			body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Response: {} },
			// checkExists' read, then create's.
			times: 2,
		});
		sim.callback = { Url: 'https://other.example.com/room', CallbackCommandList: [] };
		await activated();
		expect(sim.requests('POST', '/v4/room_config/set_callback')).toHaveLength(1);
		expect(sim.requests('POST', '/v4/room_config/update_callback')).toHaveLength(1);
		expect(sim.callback).toEqual({ Url: host.url, CallbackCommandList: ALL });
	});

	it('any other refusal of the write fails the activation, with nothing updated', async () => {
		sim.fault('POST', '/v4/room_config/set_callback', {
			status: 200,
			body: { ActionStatus: 'FAIL', ErrorCode: 70001, ErrorInfo: 'usersig expired' },
		});
		host = await hostTrigger(trigger, tencentCredential(sim), { events: ['*'], options: {} });
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toMatch(/70001/);
		expect(sim.requests('POST', '/v4/room_config/update_callback')).toHaveLength(0);
		expect(sim.callback).toBeUndefined();
		expect(host.staticData).toEqual({});
	});

	it('"All Events" also takes a command this version does not know; a selection does not', async () => {
		const unknown = { CallbackCommand: 'Room.CallbackAfterSomethingNew', RoomId: 'r1' };
		await activated();
		expect((await sim.deliver(unknown, { token: CALLBACK_TOKEN })).body).toEqual(OK);
		expect(host.emitted).toHaveLength(1);
		await deactivate(trigger, host);
		await host.stop();
		await activated({ events: ['Room.CallbackAfterCreateRoom'] });
		expect((await sim.deliver(unknown, { token: CALLBACK_TOKEN })).body).toEqual(OK);
		expect(host.emitted).toHaveLength(0);
	});

	it.each(ALL)('parses %s into the right item and answers OK', async (command) => {
		await activated();
		const answer = await sim.deliver(ROOM_FIXTURES[command], {
			token: CALLBACK_TOKEN,
			clientIp: '10.1.2.3',
			optPlatform: 'Android',
		});
		expect(answer).toMatchObject({ status: 200, body: OK });
		expect(host.emitted).toHaveLength(1);
		const item = host.emitted[0][0];
		expect(item).toMatchObject({
			...EXPECTED_ITEMS[command],
			sdkAppId: String(SDK_APP_ID),
			clientIp: '10.1.2.3',
			optPlatform: 'Android',
		});
		expect(item.raw).toMatchObject({ CallbackCommand: command });
	});

	it('keeps the digits of a numeric account beyond 2^53', async () => {
		await activated();
		await sim.deliver(ROOM_FIXTURES['Mic.CallbackAfterSeatInfoChanged'], { token: CALLBACK_TOKEN });
		const raw = host.emitted[0][0].raw as { SeatList: Array<{ Member_Account: unknown }> };
		expect(raw.SeatList[0].Member_Account).toBe('144115233775727695');
	});

	it('accepts the older spelling Room.CallbackUpdateRoomInfo', async () => {
		await activated({ events: ['Room.CallbackAfterUpdateRoomInfo'] });
		const body = ROOM_FIXTURES['Room.CallbackAfterUpdateRoomInfo'].replace(
			'Room.CallbackAfterUpdateRoomInfo',
			'Room.CallbackUpdateRoomInfo',
		);
		expect((await sim.deliver(body, { token: CALLBACK_TOKEN })).body).toEqual(OK);
		expect(host.emitted[0][0]).toMatchObject({
			command: 'Room.CallbackAfterUpdateRoomInfo',
			callbackCommand: 'Room.CallbackUpdateRoomInfo',
		});
	});

	it('answers OK without an execution for commands not selected', async () => {
		await activated({ events: ['Room.CallbackAfterCreateRoom'] });
		expect(
			(await sim.deliver(ROOM_FIXTURES['Room.CallbackAfterMemberEnter'], { token: CALLBACK_TOKEN }))
				.body,
		).toEqual(OK);
		expect(host.emitted).toHaveLength(0);
	});

	it('a repeated callback gives one item', async () => {
		await activated();
		const requestTime = Math.floor(Date.now() / 1000);
		for (let i = 0; i < 3; i++)
			await sim.deliver(ROOM_FIXTURES['Room.CallbackAfterMemberLeave'], {
				token: CALLBACK_TOKEN,
				requestTime,
			});
		expect(host.emitted).toHaveLength(1);
	});

	it('with a wider RequestTime window, a replay dated ahead of the clock stays a duplicate', async () => {
		await activated({ options: { requestTimeWindow: 3600 } });
		const start = Date.now();
		const requestTime = Math.floor(start / 1000) + 3000;
		const body = ROOM_FIXTURES['Room.CallbackAfterMemberLeave'];
		await sim.deliver(body, { token: CALLBACK_TOKEN, requestTime });
		// 20 minutes later RequestTime is 30 minutes ahead: inside the window.
		const spy = jest.spyOn(Date, 'now').mockReturnValue(start + 20 * 60_000);
		try {
			expect((await sim.deliver(body, { token: CALLBACK_TOKEN, requestTime })).body).toEqual(OK);
		} finally {
			spy.mockRestore();
		}
		expect(host.emitted).toHaveLength(1);
	});

	it('with Verify Sign off, unsigned callbacks are accepted', async () => {
		await activated({ options: { verifySign: false } });
		expect((await sim.deliver(ROOM_FIXTURES['Room.CallbackAfterDestroyRoom'])).body).toEqual(OK);
		expect(host.emitted).toHaveLength(1);
	});

	it('without a callback token in the credential, Sign is not required', async () => {
		await activated({}, { callbackToken: '' });
		expect((await sim.deliver(ROOM_FIXTURES['Room.CallbackAfterDestroyRoom'])).body).toEqual(OK);
		expect(host.emitted).toHaveLength(1);
	});

	describe('rejects with the protocol FAIL reply and no item', () => {
		beforeEach(async () => {
			await activated();
		});
		afterEach(() => expect(host.emitted).toHaveLength(0));
		const body = ROOM_FIXTURES['Room.CallbackAfterCreateRoom'];
		const expectFail = (
			answer: { status: number; body: unknown },
			code: number,
			info: string | RegExp = expect.any(String),
		) => {
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info });
		};
		const signedPost = (text: string, command: string) =>
			post(
				sim.callback!.Url + callbackQuery(command, SDK_APP_ID, { token: CALLBACK_TOKEN }),
				text,
				{},
			);

		it('a wrong Sign', async () =>
			expectFail(await sim.deliver(body, { token: 'wrong-token' }), 4001));
		it('no Sign', async () => expectFail(await sim.deliver(body), 4001));
		it('a stale RequestTime', async () =>
			expectFail(
				await sim.deliver(body, {
					token: CALLBACK_TOKEN,
					requestTime: Math.floor(Date.now() / 1000) - 301,
				}),
				4002,
			));
		it('a RequestTime in the future', async () =>
			expectFail(
				await sim.deliver(body, {
					token: CALLBACK_TOKEN,
					requestTime: Math.floor(Date.now() / 1000) + 400,
				}),
				4002,
			));
		it('a foreign SdkAppid', async () =>
			expectFail(await sim.deliver(body, { token: CALLBACK_TOKEN, sdkAppId: 1400000001 }), 4003));
		it('bad JSON', async () =>
			expectFail(
				await sim.deliver(body.slice(0, 40), {
					token: CALLBACK_TOKEN,
					command: 'Room.CallbackAfterCreateRoom',
				}),
				4004,
				expect.stringMatching(/^The request body is not valid JSON: /),
			));
		it.each(['[]', 'null', '5', '"text"'])('a body that is not a JSON object (%s)', async (text) =>
			expectFail(
				await signedPost(text, 'Room.CallbackAfterCreateRoom'),
				4004,
				'The body must be a JSON object',
			),
		);
		it('no CallbackCommand in the query or the body', async () =>
			expectFail(await signedPost('{"RoomId":"r"}', ''), 4004, 'CallbackCommand is missing'));
		it('a body missing required fields', async () =>
			expectFail(
				await sim.deliver('{"CallbackCommand":"Room.CallbackAfterMemberEnter","RoomId":"r"}', {
					token: CALLBACK_TOKEN,
				}),
				4004,
				expect.stringMatching(/^Invalid Room\.CallbackAfterMemberEnter body: /),
			));
		it('a command in the query that differs from the body', async () =>
			expectFail(
				await post(
					sim.callback!.Url +
						callbackQuery('Room.CallbackAfterDestroyRoom', SDK_APP_ID, { token: CALLBACK_TOKEN }),
					body,
					{},
				),
				4005,
				'CallbackCommand differs between query and body',
			));
	});

	describe('the credential kept between callbacks', () => {
		const body = (i: number) =>
			JSON.stringify({
				CallbackCommand: 'Room.CallbackAfterDestroyRoom',
				Operator_Account: 'a',
				RoomId: `r-${i}`,
				EventTime: 1670574414123 + i,
			});
		const send = async (i: number, token: string) =>
			await post(
				`${host.url}${callbackQuery('Room.CallbackAfterDestroyRoom', SDK_APP_ID, { token })}`,
				body(i),
				{},
			);

		it('is read once for many callbacks, and every callback still gets its own deliveryId', async () => {
			const store = tencentCredential(sim);
			host = await hostTrigger(trigger, store, { events: ['*'], options: {} });
			await activate(trigger, host);
			for (let i = 0; i < 5; i++) expect((await send(i, CALLBACK_TOKEN)).body).toEqual(OK);
			expect(store.webhookReads).toBe(1);
			const ids = host.emitted.map(([item]) => item.deliveryId);
			expect(new Set(ids).size).toBe(5);
			expect(ids.every((id) => /^[0-9a-f]{32}$/.test(String(id)))).toBe(true);
		});

		it('a rotated callback token is honoured at once: the refusal by the kept copy is checked again with a fresh read', async () => {
			const store = tencentCredential(sim);
			host = await hostTrigger(trigger, store, { events: ['*'], options: {} });
			await activate(trigger, host);
			expect((await send(1, CALLBACK_TOKEN)).body).toEqual(OK);
			store.data.callbackToken = 'rotated-token-value';
			expect((await send(2, 'rotated-token-value')).body).toEqual(OK);
			expect(store.webhookReads).toBe(2);
			// The old token is now refused, after a fresh read (no stale acceptance).
			expect((await send(3, CALLBACK_TOKEN)).body).toMatchObject({
				ActionStatus: 'FAIL',
				ErrorCode: 4001,
			});
			expect(store.webhookReads).toBe(3);
			expect(host.emitted).toHaveLength(2);
		});

		it('a stale RequestTime is refused without another read', async () => {
			const store = tencentCredential(sim);
			host = await hostTrigger(trigger, store, { events: ['*'], options: {} });
			await activate(trigger, host);
			const stale = await post(
				`${host.url}${callbackQuery('Room.CallbackAfterDestroyRoom', SDK_APP_ID, { token: CALLBACK_TOKEN, requestTime: Math.floor(Date.now() / 1000) - 3600 })}`,
				body(9),
				{},
			);
			expect(stale.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 4002 });
			expect(store.webhookReads).toBe(1);
		});
	});
});

describe("Tencent: the Sign computed once per second is the token's own", () => {
	const fakeSim = { baseUrl: 'http://127.0.0.1:9' } as never;
	const hosts: TriggerHost[] = [];
	afterEach(async () => {
		for (const h of hosts.splice(0)) await h.stop();
	});

	it("another app's Sign (same SdkAppid, same RequestTime, another token) is refused", async () => {
		const trigger = new TencentCloudRoomTrigger();
		const mine = await hostTrigger(
			trigger,
			tencentCredential(fakeSim, { callbackToken: 'token-of-app-one' }),
			{ events: ['*'], options: {} },
		);
		const theirs = await hostTrigger(
			trigger,
			tencentCredential(fakeSim, { callbackToken: 'token-of-app-two' }),
			{ events: ['*'], options: {} },
		);
		hosts.push(mine, theirs);
		const requestTime = Math.floor(Date.now() / 1000);
		const body =
			'{"CallbackCommand":"Room.CallbackAfterDestroyRoom","Operator_Account":"a","RoomId":"r1","EventTime":1}';
		const query = callbackQuery('Room.CallbackAfterDestroyRoom', SDK_APP_ID, {
			token: 'token-of-app-one',
			requestTime,
		});
		expect((await post(`${mine.url}${query}`, body, {})).body).toMatchObject({
			ActionStatus: 'OK',
		});
		// The same second, app one's Sign must not open app two.
		expect((await post(`${theirs.url}${query}`, body, {})).body).toMatchObject({
			ActionStatus: 'FAIL',
			ErrorCode: 4001,
		});
		expect(theirs.emitted).toHaveLength(0);
	});
});
