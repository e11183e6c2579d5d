import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { HuaweiCloudMeeting } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeeting.node';
import { runNode } from '../../harness/n8n';
import type { HuaweiMeetingSimulator } from '../../simulator/huaweiMeeting';
import { appIdCredential, CORP_ID, startMeetingSimulator } from './setup';

const node = new HuaweiCloudMeeting();
const LINK = '/v1/mmc/management/webhook/link-config';
const STATUS = '/v1/mmc/management/webhook/change-status';
const SUB_KEY = `sub-key-${Math.random().toString(36).slice(2)}`;

describe('Huawei Cloud Meeting node: Event Push', () => {
	let sim: HuaweiMeetingSimulator;
	beforeEach(async () => {
		sim = await startMeetingSimulator();
		// The receiver answers the verify handshake so that enabling succeeds.
		sim.route('POST', '/receiver', (r) => ({
			status: 200,
			body: { event: 'meeting.verify', nonce: (r.json as { nonce: string }).nonce },
		}));
	});
	afterEach(async () => await sim.stop());

	const configure = (extra: Record<string, unknown> = {}) => ({
		resource: 'eventPush',
		operation: 'configure',
		scope: 'enterprise',
		corpId: CORP_ID,
		subscriberId: '12345678',
		subscriberKey: SUB_KEY,
		url: 'https://example.com/hook',
		options: {},
		...extra,
	});

	it('Configure POSTs the documented body and returns the configuration read back', async () => {
		const store = appIdCredential(sim);
		const [item] = await runNode(node, store, { params: configure() });
		const post = sim.requests('POST', LINK)[0];
		expect(post.json).toEqual({
			corpId: CORP_ID,
			subscriberId: '12345678',
			subscriberKey: SUB_KEY,
			url: 'https://example.com/hook',
		});
		expect(post.headers['content-type']).toMatch(/^application\/json/);
		expect(post.headers['x-access-token']).toBeTruthy();
		expect(item.json).toMatchObject({
			configured: true,
			subscriberId: '12345678',
			url: 'https://example.com/hook',
			status: 1,
			statusName: 'disabled',
		});
		expect(item.json.id).toMatch(/^[0-9a-f]{32}$/);
		expect(JSON.stringify(item.json)).not.toContain(SUB_KEY);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('Configure with an SP scope sends spId instead of corpId', async () => {
		await runNode(node, appIdCredential(sim), { params: configure({ scope: 'sp', spId: 'sp-9' }) });
		expect(sim.requests('POST', LINK)[0].json).toEqual({
			spId: 'sp-9',
			subscriberId: '12345678',
			subscriberKey: SUB_KEY,
			url: 'https://example.com/hook',
		});
		expect(sim.requests('GET', LINK)[0].query.get('spId')).toBe('sp-9');
	});

	it('Configure refuses a non-HTTPS URL before sending anything', async () => {
		const error = await runNode(node, appIdCredential(sim), {
			params: configure({ url: 'http://example.com/hook' }),
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/only delivers events to HTTPS URLs/);
		expect(sim.log).toHaveLength(0);
	});

	it('Get, Enable, Disable and Delete send the documented method, path and query', async () => {
		const store = appIdCredential(sim);
		const [configured] = await runNode(node, store, {
			params: configure({ url: `${sim.baseUrl}/receiver`, options: { allowHttpUrl: true } }),
		});
		const id = configured.json.id as string;

		const [got] = await runNode(node, store, {
			params: { resource: 'eventPush', operation: 'get', scope: 'enterprise', corpId: CORP_ID },
		});
		expect(got.json).toMatchObject({ id, statusName: 'disabled' });
		expect(sim.requests('GET', LINK).at(-1)!.query.toString()).toBe(`corpId=${CORP_ID}`);

		const [enabled] = await runNode(node, store, {
			params: { resource: 'eventPush', operation: 'enable', configId: id },
		});
		expect(enabled.json).toEqual({ id, status: 0, statusName: 'enabled' });
		expect(sim.requests('PUT', STATUS).at(-1)!.query.toString()).toBe(`id=${id}&status=0`);
		expect(sim.requests('POST', '/receiver')[0].json).toMatchObject({
			eventInfo: { event: 'meeting.verify' },
		});
		expect([...sim.configs.values()][0].status).toBe(0);

		await runNode(node, store, {
			params: { resource: 'eventPush', operation: 'disable', configId: id },
		});
		expect(sim.requests('PUT', STATUS).at(-1)!.query.toString()).toBe(`id=${id}&status=1`);
		expect([...sim.configs.values()][0].status).toBe(1);

		const [deleted] = await runNode(node, store, {
			params: { resource: 'eventPush', operation: 'delete', configId: id },
		});
		expect(deleted.json).toEqual({ id, deleted: true });
		expect(sim.requests('DELETE', LINK)[0].query.toString()).toBe(`id=${id}`);
		expect(sim.configs.size).toBe(0);
	});

	it('Get answers configured: false when there is no configuration', async () => {
		const [item] = await runNode(node, appIdCredential(sim), {
			params: { resource: 'eventPush', operation: 'get', scope: 'enterprise', corpId: CORP_ID },
		});
		expect(item.json).toEqual({ configured: false });
	});

	it('turns provider errors into NodeApiErrors with code, message and HTTP status', async () => {
		const store = appIdCredential(sim);
		const error = await runNode(node, store, {
			params: { resource: 'eventPush', operation: 'enable', configId: 'nope' },
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Huawei Cloud Meeting: Enable event push failed (MMC.111070020: configuration does not exist)',
		);
		expect(error.httpCode).toBe('400');
		expect(error.description).toMatch(/configuration ID/);

		sim.fault('GET', LINK, {
			status: 403,
			body: { error_code: 'USG.000000010', error_msg: 'no permission' },
		});
		const forbidden = await runNode(node, store, {
			params: { resource: 'eventPush', operation: 'get', scope: 'enterprise', corpId: CORP_ID },
		}).catch((e) => e);
		expect(forbidden.message).toMatch(/USG\.000000010: no permission/);
		expect(forbidden.httpCode).toBe('403');
		expect(forbidden.description).toMatch(/premium/);
	});

	it('a failing verify handshake makes Enable fail with the provider error', async () => {
		const store = appIdCredential(sim);
		const [configured] = await runNode(node, store, {
			params: configure({ url: `${sim.baseUrl}/nowhere`, options: { allowHttpUrl: true } }),
		});
		const error = await runNode(node, store, {
			params: { resource: 'eventPush', operation: 'enable', configId: configured.json.id },
		}).catch((e) => e);
		expect(error.message).toMatch(/MMC\.111070021: url verification failed/);
	});

	it('retries idempotent calls on 5xx and reports the failure when it persists', async () => {
		const store = appIdCredential(sim);
		sim.fault('GET', LINK, {
			status: 503,
			body: { error_code: 'MMC.000000500', error_msg: 'busy' },
		});
		const [item] = await runNode(node, store, {
			params: { resource: 'eventPush', operation: 'get', scope: 'enterprise', corpId: CORP_ID },
		});
		expect(item.json).toEqual({ configured: false });
		expect(sim.requests('GET', LINK)).toHaveLength(2);

		sim.fault('DELETE', LINK, {
			status: 500,
			body: { error_code: 'MMC.000000500', error_msg: 'down' },
			times: 3,
		});
		const error = await runNode(node, store, {
			params: { resource: 'eventPush', operation: 'delete', configId: 'x' },
		}).catch((e) => e);
		expect(error.message).toMatch(/MMC\.000000500: down/);
		expect(sim.requests('DELETE', LINK)).toHaveLength(3);
	});

	it('does not retry a POST', async () => {
		sim.fault('POST', LINK, {
			status: 500,
			body: { error_code: 'MMC.000000500', error_msg: 'down' },
		});
		const error = await runNode(node, appIdCredential(sim), { params: configure() }).catch(
			(e) => e,
		);
		expect(error.message).toMatch(/Configure event push failed/);
		expect(sim.requests('POST', LINK)).toHaveLength(1);
	});

	it('honours Continue On Fail, one output item per input item', async () => {
		const store = appIdCredential(sim);
		const out = await runNode(node, store, {
			items: [{ id: 'missing' }, { id: '' }],
			// As a user maps it: an expression over each input item.
			params: { resource: 'eventPush', operation: 'delete', configId: '={{ $json.id }}' },
			continueOnFail: true,
		});
		expect(out).toHaveLength(2);
		expect(out[0].json.error).toMatch(/MMC\.111070020/);
		expect(out[1].json.error).toBe('Enter the configuration ID');
		expect(out.map((o: { pairedItem?: unknown }) => o.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
	});
});
