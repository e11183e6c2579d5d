/**
 * The kinds of defect an audit found that no test caught (issue #15): each test here fails when the
 * named line is broken that way.
 */
import { HuaweiCloudMeetingTrigger } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { meetingSignature } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers';
import { TencentCloudRoomTrigger } from '../../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { hexSignaturesMatch } from '../../../nodes/shared/crypto';
import type { TriggerHost } from '../../harness/n8n';
import { activate, hostTrigger } from '../../harness/n8n';
import type { HuaweiMeetingSimulator } from '../../simulator/huaweiMeeting';
import { signedPush } from '../../simulator/huaweiMeeting';
import { post } from '../../simulator/server';
import { callbackQuery } from '../../simulator/tencentRoom';
import { MEETING_INFO } from '../../fixtures/huaweiMeeting';
import { appIdCredential, CORP_ID, startMeetingSimulator } from '../HuaweiCloudMeeting/setup';
import { SDK_APP_ID, tencentCredential } from '../TencentCloudRoom/setup';

const fakeSim = { baseUrl: 'http://127.0.0.1:9' } as never;
const hosts: TriggerHost[] = [];
afterEach(async () => {
	for (const h of hosts.splice(0)) await h.stop();
});

describe('hexSignaturesMatch', () => {
	const sig = 'ab'.repeat(32);
	it('refuses a valid signature with characters appended, or cut short', () => {
		expect(hexSignaturesMatch(sig, sig)).toBe(true);
		expect(hexSignaturesMatch(sig, `${sig}0`)).toBe(false);
		expect(hexSignaturesMatch(sig, `${sig}${sig}`)).toBe(false);
		expect(hexSignaturesMatch(sig, sig.slice(0, 63))).toBe(false);
		expect(hexSignaturesMatch(sig, sig.slice(0, 1))).toBe(false);
	});
	it('refuses any single changed character, at every position', () => {
		for (let i = 0; i < sig.length; i++) {
			const changed = sig.slice(0, i) + (sig[i] === 'a' ? 'c' : 'a') + sig.slice(i + 1);
			expect(hexSignaturesMatch(sig, changed)).toBe(false);
		}
	});
	it('is case-insensitive and refuses missing or non-string values', () => {
		expect(hexSignaturesMatch(sig, sig.toUpperCase())).toBe(true);
		expect(hexSignaturesMatch(sig.toUpperCase(), sig)).toBe(true);
		for (const v of [undefined, null, '', 42, [sig]])
			expect(hexSignaturesMatch(sig, v)).toBe(false);
	});
});

describe("Tencent: the Sign computed once per second is the token's own", () => {
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

describe('Huawei Cloud Meeting lifecycle and signature', () => {
	let sim: HuaweiMeetingSimulator;
	// A new node per test: what its constructor builds (the subscription adapter) is then covered by
	// the test that uses it, which is what Stryker's per-test coverage runs against a mutant there.
	let trigger: HuaweiCloudMeetingTrigger;
	beforeEach(() => (trigger = new HuaweiCloudMeetingTrigger()));
	const params = (options: Record<string, unknown> = {}) => ({
		scope: 'enterprise',
		corpId: CORP_ID,
		events: ['*'],
		options: { allowHttpUrl: true, resolveMeetingDetails: false, ...options },
	});
	beforeEach(async () => (sim = await startMeetingSimulator()));
	afterEach(async () => await sim.stop());

	it('checkExists is false when the configuration was re-created (other id) or points at another URL', async () => {
		const host = await hostTrigger(trigger, appIdCredential(sim), params());
		hosts.push(host);
		await activate(trigger, host);
		const methods = trigger.webhookMethods.default;
		expect(await methods.checkExists.call(host.hookContext())).toBe(true);
		const config = sim.activeConfig(CORP_ID)!;
		config.id = 'recreated'.padEnd(32, '0');
		expect(await methods.checkExists.call(host.hookContext())).toBe(false);
		config.id = host.staticData.configId as string;
		host.staticData.webhookUrl = 'http://127.0.0.1:1/webhook/other/webhook';
		expect(await methods.checkExists.call(host.hookContext())).toBe(false);
		host.staticData.webhookUrl = host.url;
		config.status = 1;
		expect(await methods.checkExists.call(host.hookContext())).toBe(false);
		config.status = 0;
		delete host.staticData.subscriberKey;
		expect(await methods.checkExists.call(host.hookContext())).toBe(false);
	});

	it('Replace deletes the other configuration first, by its id, then creates ours', async () => {
		sim.configs.set(`corp:${CORP_ID}`, {
			id: 'f'.repeat(32),
			scope: `corp:${CORP_ID}`,
			corpId: CORP_ID,
			subscriberId: 'x',
			subscriberKey: 'y',
			url: 'https://other.example.com/hook',
			status: 0,
		});
		const host = await hostTrigger(
			trigger,
			appIdCredential(sim),
			params({ replaceExisting: true }),
		);
		hosts.push(host);
		await activate(trigger, host);
		const order = sim.log
			.filter((r) => r.path === '/v1/mmc/management/webhook/link-config' && r.method !== 'GET')
			.map((r) => `${r.method} ${r.query.get('id') ?? ''}`);
		expect(order).toEqual([`DELETE ${'f'.repeat(32)}`, 'POST ']);
	});

	it('accepts a signature computed over eventInfo as received (spaced, escaped), and refuses it over anything else', async () => {
		const host = await hostTrigger(trigger, appIdCredential(sim), params());
		hosts.push(host);
		await activate(trigger, host);
		const { subscriberId, subscriberKey } = sim.activeConfig(CORP_ID)!;
		const now = Date.now();
		const eventInfo = `{ "event": "meeting.started", "timestamp": ${now}, "payload": { "meetingInfo": { "meetingID": "${MEETING_INFO.meetingID}", "meetingUUID": "${MEETING_INFO.meetingUUID}", "note": "caf\\u00e9" } } }`;
		const signature = meetingSignature(
			subscriberKey,
			subscriberId,
			String(now),
			'42424242',
			eventInfo,
		);
		const body = `{"appID":"${subscriberId}","timestamp":${now},"nonce":"42424242","signature":"${signature}","eventInfo":${eventInfo}}`;
		expect((await post(host.url, body)).status).toBe(200);
		expect(host.emitted).toHaveLength(1);
		const tampered = body.replace('caf\\u00e9', 'cafe');
		expect((await post(host.url, tampered)).status).toBe(401);
	});

	it('a meeting.verify from an unknown subscriber is refused while this process holds keys', async () => {
		const host = await hostTrigger(trigger, appIdCredential(sim), params());
		hosts.push(host);
		await activate(trigger, host);
		const verify = signedPush(
			'stranger',
			'their-key',
			{ event: 'meeting.verify', timestamp: Date.now() },
			'13131313',
			Date.now(),
		);
		const refused = await post(host.url, verify);
		expect(refused).toMatchObject({ status: 401, body: { error: 'Invalid signature' } });
		expect(host.emitted).toHaveLength(0);
		const { subscriberId, subscriberKey } = sim.activeConfig(CORP_ID)!;
		const ours = signedPush(
			subscriberId,
			subscriberKey,
			{ event: 'meeting.verify', timestamp: Date.now() },
			'24242424',
			Date.now(),
		);
		expect(await post(host.url, ours)).toMatchObject({
			status: 200,
			body: { event: 'meeting.verify', nonce: '24242424' },
		});
	});
});
