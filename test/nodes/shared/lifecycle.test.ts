/**
 * nodes/shared/lifecycle.ts, the subscription lifecycle behind every webhook trigger's checkExists,
 * create and delete, against a scripted provider adapter: whose registration it is, what a test
 * listen may replace, what a failed removal keeps. Each trigger's wiring is tested against its
 * simulator beside the trigger, and across triggers in test/behaviour/testListen.test.ts.
 */
import type { IHookFunctions, NodeOperationError } from 'n8n-workflow';

import type { SubscriptionAdapter } from '../../../nodes/shared/lifecycle';
import { ROUTER_EXAMPLE, STATE_URL, subscriptionLifecycle } from '../../../nodes/shared/lifecycle';

describe('subscription lifecycle', () => {
	const URL_OURS = 'https://n8n.example.com/webhook/abc/webhook';
	type Remote = { url: string };

	function setUp(
		remote: Remote | undefined,
		readError?: unknown,
		options: { replaceRestores?: boolean; url?: string } = {},
	) {
		const state: Record<string, unknown> = {};
		const calls: string[] = [];
		const logs: string[] = [];
		const adapter: SubscriptionAdapter<Remote> = {
			what: 'Test push',
			receives: 'test events',
			replaceOptionLabel: 'Replace',
			replaceRestores: options.replaceRestores ?? true,
			read: async () => {
				if (readError) throw readError;
				return remote;
			},
			urlOf: (r) => r.url,
			isActive: () => true,
			register: async (url) => {
				calls.push(`register ${url}`);
			},
			unregister: async () => {
				calls.push('unregister');
			},
		};
		const ctx = {
			getNodeWebhookUrl: () => options.url ?? URL_OURS,
			getWorkflowStaticData: () => state,
			getNodeParameter: () => false,
			getNode: () => ({ name: 'Trigger' }),
			logger: { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) },
		} as unknown as IHookFunctions;
		return { lifecycle: subscriptionLifecycle(adapter), ctx, state, calls, logs };
	}

	it('create: a registration pointing elsewhere is refused, naming the router example and what to do', async () => {
		const { lifecycle, ctx, calls } = setUp({ url: 'https://elsewhere.example.com/hook' });
		const error = (await lifecycle.create
			.call(ctx)
			.catch((e: NodeOperationError) => e)) as NodeOperationError;
		expect(error.message).toBe(
			'Test push is already configured to deliver to https://elsewhere.example.com/hook',
		);
		expect(error.description).toBe(
			'Only one Test push configuration exists per account, so one workflow receives its events. To act on them in several workflows, keep that one and route from it to the others (Switch on the event → Execute Workflow): see examples/huawei-meeting-router.json in this package\'s repository. Otherwise remove the configuration, or turn on "Replace" in this node\'s options to take it over while this workflow is active (the workflow it delivers to now stops receiving events).',
		);
		expect(`examples/${ROUTER_EXAMPLE}`).toBe('examples/huawei-meeting-router.json');
		expect(calls).toEqual([]);
	});

	it('checkExists: a provider pointing at another URL is not ours, even with our URL saved and the configuration active', async () => {
		const { lifecycle, ctx, state } = setUp({ url: 'https://elsewhere.example.com/hook' });
		state[STATE_URL] = URL_OURS;
		expect(await lifecycle.checkExists.call(ctx)).toBe(false);
	});

	it("delete leaves someone else's registration alone and says so", async () => {
		const { lifecycle, ctx, calls, logs } = setUp({ url: 'https://elsewhere.example.com/hook' });
		expect(await lifecycle.delete.call(ctx)).toBe(true);
		expect(calls).toEqual([]);
		expect(logs).toEqual(['Test push now points elsewhere; nothing to remove']);
	});

	it("a test listen that would destroy someone else's registration says why, and what to do", async () => {
		const { lifecycle, ctx, calls } = setUp(
			{ url: 'https://elsewhere.example.com/hook' },
			undefined,
			{ replaceRestores: false, url: URL_OURS.replace('/webhook/', '/webhook-test/') },
		);
		(ctx as unknown as { getNodeParameter: () => boolean }).getNodeParameter = () => true;
		await expect(lifecycle.create.call(ctx)).rejects.toMatchObject({
			message:
				'A test listen does not replace the Test push configuration that delivers to https://elsewhere.example.com/hook',
			description:
				'Replacing it deletes it for good (it cannot be put back when the test ends). Activate the workflow with "Replace" on if you mean to take it over, or remove it first.',
		});
		expect(calls).toEqual([]);
	});

	it('create reports success to n8n', async () => {
		const { lifecycle, ctx, calls, state } = setUp(undefined);
		expect(await lifecycle.create.call(ctx)).toBe(true);
		expect(calls).toEqual([`register ${URL_OURS}`]);
		expect(state[STATE_URL]).toBe(URL_OURS);
	});

	it('delete: a registration already gone (404) counts as removed; another failure keeps the state for the next attempt', async () => {
		const gone = setUp(undefined, { httpCode: '404', response: { status: 404 } });
		gone.state.authKey = 'k';
		expect(await gone.lifecycle.delete.call(gone.ctx)).toBe(true);
		expect(gone.state).toEqual({});

		const down = setUp(undefined, { httpCode: '503', response: { status: 503 }, message: 'down' });
		down.state.authKey = 'k';
		expect(await down.lifecycle.delete.call(down.ctx)).toBe(false);
		expect(down.state).toEqual({ authKey: 'k' });
		expect(down.logs.join()).toContain('Could not remove the Test push registration');
	});
});
