/**
 * apiRequest and forEachItem, the shared layer every action node and lifecycle call goes through,
 * against a scripted httpRequestWithAuthentication: what is sent (credential type, JSON, the time-out,
 * the caller's options winning), which failures are retried (idempotent methods or a policy; 5xx, 429
 * and network failures; as many times as there are delays, waiting each delay), which are not, a
 * failure inside a 200 (Tencent), and the per-item loop (paired items, Continue On Fail).
 */
import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiRequest, forEachItem, requestDefaults } from '../../../nodes/shared/http';
import type { ProviderApi } from '../../../nodes/shared/http';

const node: INode = {
	id: 'n',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const api: ProviderApi = {
	credentialType: 'providerApi',
	label: 'Provider',
	readFailure: (body) => {
		const b = body as { code?: string } | undefined;
		return b?.code ? { code: b.code } : undefined;
	},
	failureInSuccess: (body) => {
		const b = body as { ok?: boolean; code?: string };
		return b?.ok === false ? { code: b.code, text: 'in a 200' } : undefined;
	},
};

type Outcome = { answer: unknown } | { error: unknown };
const status = (s: number, data: unknown = {}): Outcome => ({
	error: { response: { status: s, data } },
});
const network = (code: string): Outcome => ({ error: { code } });
const ok = (answer: unknown = { ok: true }): Outcome => ({ answer });

/** A context whose HTTP helper plays `outcomes` in turn and records each call. */
function scripted(outcomes: Outcome[], more: Partial<IExecuteFunctions> = {}) {
	const calls: Array<{ credentialType: string; options: IHttpRequestOptions; at: number }> = [];
	const ctx = {
		getNode: () => node,
		helpers: {
			async httpRequestWithAuthentication(credentialType: string, options: IHttpRequestOptions) {
				calls.push({ credentialType, options, at: Date.now() });
				const next = outcomes.shift();
				if (!next) throw new Error('no more outcomes');
				if ('error' in next) throw next.error;
				return next.answer;
			},
			// n8n-core's own item helpers, as the real execution context has them.
			returnJsonArray,
			constructExecutionMetaData,
		},
		...more,
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

async function failure(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('resolved');
}

const saved = { ...requestDefaults };
beforeEach(() => {
	requestDefaults.timeoutMs = 1234;
	requestDefaults.backoffMs = [40, 80];
});
afterAll(() => Object.assign(requestDefaults, saved));

describe('apiRequest', () => {
	it("sends through the provider's credential, as JSON with the time-out, the caller's options winning", async () => {
		const { ctx, calls } = scripted([ok({ ok: true, n: 1 }), ok()]);
		expect(await apiRequest(ctx, api, 'Get', { url: '/x' })).toEqual({ ok: true, n: 1 });
		expect(calls[0].credentialType).toBe('providerApi');
		expect(calls[0].options).toEqual({ json: true, timeout: 1234, url: '/x' });
		await apiRequest(ctx, api, 'Get', { url: '/y', json: false, timeout: 5 });
		expect(calls[1].options).toEqual({ json: false, timeout: 5, url: '/y' });
	});

	it('retries an idempotent call on 5xx, 429 and network failures, waiting each delay in turn', async () => {
		for (const first of [status(500), status(503), status(429), network('ECONNRESET')]) {
			const { ctx, calls } = scripted([first, status(502), ok()]);
			const started = Date.now();
			await apiRequest(ctx, api, 'Get', { url: '/x' });
			expect(calls).toHaveLength(3);
			expect(calls[1].at - started).toBeGreaterThanOrEqual(39);
			expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(79);
		}
	});

	it('retries GET (also when no method is given, or in lower case), HEAD, PUT, DELETE and OPTIONS', async () => {
		for (const method of [undefined, 'get', 'HEAD', 'PUT', 'delete', 'OPTIONS'] as const) {
			const { ctx, calls } = scripted([status(500), ok()]);
			await apiRequest(ctx, api, 'Call', { url: '/x', method: method as never });
			expect(calls).toHaveLength(2);
		}
	});

	it('does not retry POST or PATCH unless the policy says so; a policy can turn retries off', async () => {
		for (const method of ['POST', 'PATCH'] as const) {
			const { ctx, calls } = scripted([status(500), ok()]);
			const error = await failure(apiRequest(ctx, api, 'Create', { url: '/x', method }));
			expect(error.message).toBe('Provider: Create failed (HTTP 500)');
			expect(calls).toHaveLength(1);
		}
		const retried = scripted([status(500), ok()]);
		await apiRequest(retried.ctx, api, 'Create', { url: '/x', method: 'POST' }, { retry: true });
		expect(retried.calls).toHaveLength(2);
		const once = scripted([status(500), ok()]);
		await failure(apiRequest(once.ctx, api, 'Get', { url: '/x' }, { retry: false }));
		expect(once.calls).toHaveLength(1);
	});

	it("a policy's own delays set how many retries there are", async () => {
		const { ctx, calls } = scripted([status(500), status(500), status(500), status(500)]);
		const error = await failure(
			apiRequest(ctx, api, 'Get', { url: '/x' }, { backoffMs: [1, 1, 1] }),
		);
		expect(calls).toHaveLength(4);
		expect(error.httpCode).toBe('500');
		const none = scripted([status(500), ok()]);
		await failure(apiRequest(none.ctx, api, 'Get', { url: '/x' }, { backoffMs: [] }));
		expect(none.calls).toHaveLength(1);
	});

	it('gives up after the last delay with the last failure, as a NodeApiError', async () => {
		const { ctx, calls } = scripted([
			status(500),
			network('ETIMEDOUT'),
			status(502, { code: 'E9' }),
		]);
		const error = await failure(apiRequest(ctx, api, 'Get', { url: '/x' }));
		expect(calls).toHaveLength(3);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Provider: Get failed (E9)');
		expect(error.httpCode).toBe('502');
	});

	it('does not retry 4xx other than 429, nor a failure without status or network code', async () => {
		for (const first of [
			status(400, { code: 'E1' }),
			status(404),
			status(499),
			{ error: new Error('odd') },
		]) {
			const { ctx, calls } = scripted([first, ok()]);
			await failure(apiRequest(ctx, api, 'Get', { url: '/x' }));
			expect(calls).toHaveLength(1);
		}
	});

	it('turns a failure inside a 200 into a NodeApiError with HTTP 200, without retrying', async () => {
		const { ctx, calls } = scripted([ok({ ok: false, code: '70001' }), ok()]);
		const error = await failure(apiRequest(ctx, api, 'Get', { url: '/x' }));
		expect(calls).toHaveLength(1);
		expect(error.message).toBe('Provider: Get failed (70001: in a 200)');
		expect(error.httpCode).toBe('200');
		const plain = scripted([ok({ ok: false })]);
		expect(
			await apiRequest(plain.ctx, { ...api, failureInSuccess: undefined }, 'Get', { url: '/' }),
		).toEqual({
			ok: false,
		});
	});
});

describe('forEachItem', () => {
	const items = [{ json: {} }, { json: {} }, { json: {} }];

	it('runs the operation per item and pairs every output with its item', async () => {
		const { ctx } = scripted([], { getInputData: () => items, continueOnFail: () => false });
		const out = await forEachItem(ctx, async (i) => (i === 1 ? [{ a: 1 }, { a: 2 }] : { i }));
		expect(out).toEqual([
			[
				{ json: { i: 0 }, pairedItem: { item: 0 } },
				{ json: { a: 1 }, pairedItem: { item: 1 } },
				{ json: { a: 2 }, pairedItem: { item: 1 } },
				{ json: { i: 2 }, pairedItem: { item: 2 } },
			],
		]);
	});

	it('with Continue On Fail, a failed item becomes its error message and the rest go on', async () => {
		const { ctx } = scripted([], { getInputData: () => items, continueOnFail: () => true });
		const out = await forEachItem(ctx, async (i) => {
			if (i === 1) throw new Error('item 1 failed');
			return { i };
		});
		expect(out[0]).toEqual([
			{ json: { i: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'item 1 failed' }, pairedItem: { item: 1 } },
			{ json: { i: 2 }, pairedItem: { item: 2 } },
		]);
	});

	it("otherwise the first failure stops the node, in n8n's error types", async () => {
		const { ctx } = scripted([], { getInputData: () => items, continueOnFail: () => false });
		const ran: number[] = [];
		const error = await failure(
			forEachItem(ctx, async (i) => {
				ran.push(i);
				if (i === 1) throw new Error('item 1 failed');
				return {};
			}),
		);
		expect(ran).toEqual([0, 1]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('item 1 failed');
	});
});
