import { createHmac } from 'node:crypto';

import { HuaweiCloudMeetingTrigger } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { meetingSignature } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers';
import type { TriggerHost } from '../../harness/n8n';
import { activate, deactivate, hostTrigger } from '../../harness/n8n';
import type { HuaweiMeetingSimulator } from '../../simulator/huaweiMeeting';
import { signedPush } from '../../simulator/huaweiMeeting';
import { post } from '../../simulator/server';
import { MEETING_INFO } from '../../fixtures/huaweiMeeting';
import { appIdCredential, CORP_ID, startMeetingSimulator } from './setup';

// A new node per test: what its constructor builds (the subscription adapter) is then covered by
// the test that uses it, which is what Stryker's per-test coverage runs against a mutant there.
let trigger: HuaweiCloudMeetingTrigger;
beforeEach(() => (trigger = new HuaweiCloudMeetingTrigger()));
const LINK = '/v1/mmc/management/webhook/link-config';
const STATUS = '/v1/mmc/management/webhook/change-status';

const params = (extra: Record<string, unknown> = {}) => ({
	scope: 'enterprise',
	corpId: CORP_ID,
	events: ['meeting.started', 'meeting.join'],
	// Meeting details have their own tests (meetingDetails.test.ts).
	options: { allowHttpUrl: true, resolveMeetingDetails: false },
	...extra,
});

describe('Huawei Cloud Meeting Trigger', () => {
	let sim: HuaweiMeetingSimulator;
	let host: TriggerHost;
	beforeEach(async () => {
		sim = await startMeetingSimulator();
	});
	afterEach(async () => {
		await host?.stop();
		await sim.stop();
	});

	async function activated(extra: Record<string, unknown> = {}) {
		host = await hostTrigger(trigger, appIdCredential(sim), params(extra));
		await activate(trigger, host);
		return host;
	}

	it('activation registers the production URL with a fresh key, answers the handshake and enables', async () => {
		await activated();
		const post = sim.requests('POST', LINK)[0].json as Record<string, string>;
		expect(post.url).toBe(host.url);
		expect(post.corpId).toBe(CORP_ID);
		expect(post.subscriberKey).toMatch(/^[0-9a-f]{48}$/);
		// No Subscriber ID in the options: a generated one.
		expect(post.subscriberId).toMatch(/^n8n[0-9a-f]{16}$/);
		expect(sim.requests('PUT', STATUS)[0].query.get('status')).toBe('0');
		// The handshake was answered by the node, without starting an execution.
		expect(host.responses[0]).toEqual({
			status: 200,
			body: { event: 'meeting.verify', nonce: expect.stringMatching(/^\d{8}$/) },
		});
		expect(host.emitted).toHaveLength(0);
		const config = sim.activeConfig(CORP_ID)!;
		expect(host.staticData).toEqual({
			configId: config.id,
			subscriberId: config.subscriberId,
			subscriberKey: post.subscriberKey,
			webhookUrl: host.url,
		});
		// A second activation (n8n restart) finds it and changes nothing.
		expect(await trigger.webhookMethods.default.checkExists.call(host.hookContext())).toBe(true);
	});

	it('a second activation generates a new key (nothing reused from a previous registration)', async () => {
		await activated();
		const first = host.staticData.subscriberKey;
		await deactivate(trigger, host);
		await activate(trigger, host);
		expect(host.staticData.subscriberKey).not.toBe(first);
	});

	it('a valid signed event gives exactly one parsed item', async () => {
		await activated();
		const result = await sim.deliver('meeting.started', { meetingInfo: MEETING_INFO }, CORP_ID);
		expect(result).toMatchObject({ status: 200, attempts: 1 });
		expect(host.emitted).toHaveLength(1);
		expect(host.emitted[0]).toHaveLength(1);
		const item = host.emitted[0][0];
		expect(item).toMatchObject({
			event: 'meeting.started',
			eventName: 'Meeting Started',
			meetingId: MEETING_INFO.meetingID,
			meetingUuid: MEETING_INFO.meetingUUID,
			subscriberId: host.staticData.subscriberId,
		});
		expect(new Date(item.eventTime as string).getTime()).toBe(item.eventTimestamp);
		expect(item.raw).toMatchObject({ eventInfo: { event: 'meeting.started' } });
	});

	it('participant events carry the attendee', async () => {
		await activated();
		const attendeeInfo = {
			userUUID: 'u-1',
			displayName: 'Ann',
			joinTime: 1709802363369,
			leftTime: 0,
			role: 'CHAIR',
			account: 'ann',
		};
		await sim.deliver('meeting.join', { meetingInfo: MEETING_INFO, attendeeInfo }, CORP_ID);
		expect(host.emitted[0][0].participant).toMatchObject({
			displayName: 'Ann',
			joinTimeIso: '2024-03-07T09:06:03.369Z',
			leftTimeIso: null,
		});
	});

	it('a retried delivery (same nonce and timestamp) gives one item', async () => {
		await activated();
		const config = sim.activeConfig(CORP_ID)!;
		const body = signedPush(
			config.subscriberId,
			config.subscriberKey,
			{ event: 'meeting.started', timestamp: Date.now(), payload: { meetingInfo: MEETING_INFO } },
			'12345678',
			Date.now(),
		);
		const answers = [
			await post(host.url, body),
			await post(host.url, body),
			await post(host.url, body),
		];
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
		expect(answers[1].body).toEqual({ message: 'Duplicate delivery ignored' });
		expect(host.emitted).toHaveLength(1);
	});

	describe('refuses bad deliveries without starting an execution', () => {
		let body: string;
		let key: string;
		let appId: string;
		beforeEach(async () => {
			await activated();
			const config = sim.activeConfig(CORP_ID)!;
			key = config.subscriberKey;
			appId = config.subscriberId;
			body = signedPush(
				appId,
				key,
				{ event: 'meeting.started', timestamp: Date.now(), payload: { meetingInfo: MEETING_INFO } },
				'55555555',
				Date.now(),
			);
		});
		afterEach(() => expect(host.emitted).toHaveLength(0));

		it('wrong signature: 401', async () => {
			const tampered = body.replace(MEETING_INFO.meetingID, '111111111');
			expect(await post(host.url, tampered)).toMatchObject({
				status: 401,
				body: { error: 'Invalid signature' },
			});
		});

		it('signed with another key: 401', async () => {
			const other = signedPush(
				appId,
				'another-key',
				{ event: 'meeting.started', timestamp: Date.now(), payload: { meetingInfo: MEETING_INFO } },
				'1',
				Date.now(),
			);
			expect((await post(host.url, other)).status).toBe(401);
		});

		it('unknown subscriber (appID): 401', async () => {
			const other = signedPush(
				'someone-else',
				key,
				{ event: 'meeting.started', timestamp: Date.now(), payload: { meetingInfo: MEETING_INFO } },
				'1',
				Date.now(),
			);
			expect(await post(host.url, other)).toMatchObject({
				status: 401,
				body: { error: 'Unknown subscriber or trigger not registered' },
			});
		});

		it('missing signature: 400', async () => {
			const parsed = JSON.parse(body);
			delete parsed.signature;
			const answer = await post(host.url, JSON.stringify(parsed));
			expect(answer.status).toBe(400);
			expect((answer.body as { error: string }).error).toMatch(/signature/);
		});

		it('malformed JSON: 400', async () => {
			expect((await post(host.url, body.slice(0, -5))).status).toBe(400);
			expect((await post(host.url, '')).status).toBe(400);
		});

		it('a signed event missing a required field: 400', async () => {
			const bad = signedPush(
				appId,
				key,
				{
					event: 'meeting.started',
					timestamp: Date.now(),
					payload: { meetingInfo: { meetingID: '1' } },
				},
				'2',
				Date.now(),
			);
			const answer = await post(host.url, bad);
			expect(answer.status).toBe(400);
			expect((answer.body as { error: string }).error).toMatch(/meetingInfo\.meetingUUID/);
		});

		it('a stale (replayed) delivery: 401', async () => {
			const old = Date.now() - 26 * 3600_000;
			const stale = signedPush(
				appId,
				key,
				{ event: 'meeting.started', timestamp: old, payload: { meetingInfo: MEETING_INFO } },
				'3',
				old,
			);
			expect(await post(host.url, stale)).toMatchObject({
				status: 401,
				body: { error: 'Delivery timestamp is outside the allowed window' },
			});
		});

		it('an event the user did not select: 200, ignored', async () => {
			const ended = signedPush(
				appId,
				key,
				{ event: 'meeting.end', timestamp: Date.now(), payload: { meetingInfo: MEETING_INFO } },
				'4',
				Date.now(),
			);
			expect(await post(host.url, ended)).toMatchObject({
				status: 200,
				body: { message: 'Event not selected in this trigger; ignored' },
			});
		});

		it('a verify handshake with a bad signature: 401', async () => {
			const verify = JSON.parse(
				signedPush(appId, key, { event: 'meeting.verify', timestamp: Date.now() }, '5', Date.now()),
			);
			verify.signature = createHmac('sha256', 'x').update('y').digest('hex');
			expect((await post(host.url, JSON.stringify(verify))).status).toBe(401);
		});
	});

	it('"All Events" receives every event', async () => {
		await activated({ events: ['*'] });
		for (const event of [
			'meeting.end',
			'meeting.conclude',
			'record.finish',
			'meeting.create',
			'meeting.modify',
			'meeting.cancel',
		]) {
			await sim.deliver(event, { meetingInfo: MEETING_INFO }, CORP_ID);
		}
		expect(host.emitted.map((e) => e[0].event)).toEqual([
			'meeting.end',
			'meeting.conclude',
			'record.finish',
			'meeting.create',
			'meeting.modify',
			'meeting.cancel',
		]);
	});

	it('deactivation disables, then deletes the configuration', async () => {
		await activated();
		const id = sim.activeConfig(CORP_ID)!.id;
		expect(await deactivate(trigger, host)).toBe(true);
		expect(sim.requests('PUT', STATUS).at(-1)!.query.toString()).toBe(`id=${id}&status=1`);
		expect(sim.requests('DELETE', LINK).at(-1)!.query.toString()).toBe(`id=${id}`);
		expect(sim.configs.size).toBe(0);
		expect(host.staticData).toEqual({});
	});

	it('refuses to take over a configuration that points elsewhere, unless told to', async () => {
		const other = await hostTrigger(trigger, appIdCredential(sim), params());
		await activate(trigger, other);
		try {
			host = await hostTrigger(trigger, appIdCredential(sim), params());
			const error = await activate(trigger, host).catch((e) => e);
			expect(error.message).toBe(
				`Huawei Cloud Meeting event push is already configured to deliver to ${other.url}`,
			);
			expect(error.description).toMatch(/Replace Existing Subscription/);
			// One workflow per enterprise receives the events; the others are reached from it.
			expect(error.description).toContain('exists per enterprise or app, so one workflow receives');
			expect(error.description).toContain(
				'route from it to the others (Switch on the event → Execute Workflow): see examples/huawei-meeting-router.json',
			);
			expect(sim.activeConfig(CORP_ID)!.url).toBe(other.url);

			await host.stop();
			host = await hostTrigger(
				trigger,
				appIdCredential(sim),
				params({ options: { allowHttpUrl: true, replaceExisting: true } }),
			);
			await activate(trigger, host);
			expect(sim.activeConfig(CORP_ID)!.url).toBe(host.url);
			// The displaced workflow's deactivation leaves the new owner alone.
			expect(await deactivate(trigger, other)).toBe(true);
			expect(sim.activeConfig(CORP_ID)!.url).toBe(host.url);
		} finally {
			await other.stop();
		}
	});

	it('refuses a plain-HTTP webhook URL unless allowed, with advice', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), params({ options: {} }));
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toMatch(/only delivers events to HTTPS URLs/);
		expect(error.description).toMatch(/WEBHOOK_URL/);
		expect(sim.requests('POST', LINK)).toHaveLength(0);
	});

	it('leaves nothing registered when enabling fails', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), params());
		sim.fault('PUT', STATUS, {
			status: 500,
			body: { error_code: 'MMC.000000500', error_msg: 'down' },
			times: 3,
		});
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toMatch(/Enable event push failed \(MMC\.000000500: down\)/);
		expect(sim.configs.size).toBe(0);
		expect(host.staticData).toEqual({});
	});

	it('a failed activation leaves no key behind: an event signed with it is refused afterwards', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), params());
		sim.fault('PUT', STATUS, {
			status: 500,
			body: { error_code: 'MMC.000000500', error_msg: 'down' },
			times: 3,
		});
		await activate(trigger, host).catch(() => undefined);
		const sent = sim.requests('POST', LINK)[0].json as Record<string, string>;
		const event = signedPush(
			sent.subscriberId,
			sent.subscriberKey,
			{ event: 'meeting.started', timestamp: Date.now(), payload: { meetingInfo: MEETING_INFO } },
			'6',
			Date.now(),
		);
		expect(await post(host.url, event)).toMatchObject({
			status: 401,
			body: { error: 'Unknown subscriber or trigger not registered' },
		});
		expect(host.emitted).toHaveLength(0);
	});

	it('an accepted configuration that Huawei does not return fails the activation, with nothing kept', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), params());
		// The reads before the create pass; the read after it finds nothing.
		sim.fault('GET', LINK, { times: 2 });
		sim.fault('GET', LINK, { status: 200, body: {} });
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toBe(
			'Huawei Cloud Meeting accepted the event-push configuration but does not return it',
		);
		expect(sim.requests('PUT', STATUS)).toHaveLength(0);
		expect(host.staticData).toEqual({});
	});

	it('a configuration listed with another URL after the create is not taken for ours, nor removed', async () => {
		host = await hostTrigger(trigger, appIdCredential(sim), params());
		const theirs = { id: 'e'.repeat(32), url: 'https://elsewhere.example.com/hook', status: 0 };
		sim.fault('GET', LINK, { times: 2 });
		sim.fault('GET', LINK, { status: 200, body: theirs });
		const error = await activate(trigger, host).catch((e) => e);
		expect(error.message).toBe(
			'Huawei Cloud Meeting accepted the event-push configuration but does not return it',
		);
		expect(sim.requests('PUT', STATUS)).toHaveLength(0);
		expect(sim.requests('DELETE', LINK)).toHaveLength(0);
		expect(host.staticData).toEqual({});
	});

	it('registers under the Subscriber ID set in the options (trimmed), else a generated one', async () => {
		await activated({ options: { ...params().options, subscriberId: '  crm-push  ' } });
		expect((sim.requests('POST', LINK)[0].json as Record<string, string>).subscriberId).toBe(
			'crm-push',
		);
		expect(host.staticData.subscriberId).toBe('crm-push');
		await deactivate(trigger, host);
		await host.stop();
		await activated({ options: { ...params().options, subscriberId: '   ' } });
		expect(host.staticData.subscriberId).toMatch(/^n8n[0-9a-f]{16}$/);
	});

	describe('duplicate deliveries are remembered while a replay would pass the age check', () => {
		const pushAt = (nonce: string, timestamp: number) => {
			const config = sim.activeConfig(CORP_ID)!;
			return signedPush(
				config.subscriberId,
				config.subscriberKey,
				{ event: 'meeting.started', timestamp, payload: { meetingInfo: MEETING_INFO } },
				nonce,
				timestamp,
			);
		};
		afterEach(() => jest.restoreAllMocks());

		it('a delivery dated ahead of the clock, replayed once the window has passed since it came: one item', async () => {
			await activated({ options: { ...params().options, maxAgeMinutes: 1 } });
			const start = Date.now();
			const body = pushAt('41', start + 50_000);
			expect((await post(host.url, body)).body).toEqual({ message: 'Event received' });
			// 100 s later the timestamp is 50 s old: inside the window, so only the guard stops it.
			jest.spyOn(Date, 'now').mockReturnValue(start + 100_000);
			expect(await post(host.url, body)).toMatchObject({
				status: 200,
				body: { message: 'Duplicate delivery ignored' },
			});
			expect(host.emitted).toHaveLength(1);
		});

		it('with the age check off, a retry is still a duplicate', async () => {
			await activated({ options: { ...params().options, maxAgeMinutes: 0 } });
			const body = pushAt('42', Date.now() - 3 * 3600_000);
			await post(host.url, body);
			expect((await post(host.url, body)).body).toEqual({ message: 'Duplicate delivery ignored' });
			expect(host.emitted).toHaveLength(1);
		});
	});

	it('deactivation removes the saved configuration even when Huawei does not list it', async () => {
		await activated();
		const id = host.staticData.configId as string;
		sim.fault('GET', LINK, { status: 200, body: {} });
		expect(await deactivate(trigger, host)).toBe(true);
		expect(sim.requests('PUT', STATUS).at(-1)!.query.get('status')).toBe('1');
		expect(sim.requests('DELETE', LINK).at(-1)!.query.get('id') ?? '').toBe(id);
		expect(sim.configs.size).toBe(0);
	});

	it('deactivation that cannot reach the API reports false and keeps the state for a retry', async () => {
		await activated();
		sim.fault('PUT', STATUS, {
			status: 500,
			body: { error_code: 'MMC.000000500', error_msg: 'down' },
			times: 3,
		});
		expect(await deactivate(trigger, host)).toBe(false);
		expect(host.staticData.configId).toBeDefined();
		expect(await deactivate(trigger, host)).toBe(true);
		expect(sim.configs.size).toBe(0);
	});
});

describe('Huawei Cloud Meeting lifecycle and signature', () => {
	let sim: HuaweiMeetingSimulator;
	const hosts: TriggerHost[] = [];
	const params = (options: Record<string, unknown> = {}) => ({
		scope: 'enterprise',
		corpId: CORP_ID,
		events: ['*'],
		options: { allowHttpUrl: true, resolveMeetingDetails: false, ...options },
	});
	beforeEach(async () => (sim = await startMeetingSimulator()));
	afterEach(async () => await sim.stop());
	afterEach(async () => {
		for (const h of hosts.splice(0)) await h.stop();
	});

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
		// A second eventInfo member (JSON.parse keeps the last one) is not vouched for by the first's
		// signature: the whole delivery is refused.
		const other = eventInfo.replace(MEETING_INFO.meetingID, '111111111').replace('42', '43');
		const repeated = `${body.slice(0, -1)},"eventInfo":${other}}`;
		expect(JSON.parse(repeated).eventInfo.payload.meetingInfo.meetingID).toBe('111111111');
		expect(await post(host.url, repeated)).toMatchObject({
			status: 401,
			body: { error: 'Invalid signature' },
		});
		expect(host.emitted).toHaveLength(1);
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
