/**
 * nodes/shared/http.ts, the layer every action node and lifecycle call goes through.
 * - Error reading and messages, shape by shape: what n8n-core's helpers throw (NodeApiError around
 *   axios' error), axios' own error, a token fetch's AuthenticationError, network failures; each
 *   branch pinned by its exact output.
 * - apiRequest and forEachItem against a scripted httpRequestWithAuthentication: what is sent
 *   (credential type, JSON, the time-out, the caller's options winning), which failures are retried
 *   (idempotent methods or a policy; 5xx, 429 and network failures; as many times as there are
 *   delays, waiting each delay), which are not, a failure inside a 200 (Tencent), and the per-item
 *   loop (paired items, Continue On Fail).
 */
import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	apiRequest,
	AuthenticationError,
	baseUrlFor,
	ensureNodeError,
	forEachItem,
	httpFailureOf,
	providerCodeOf,
	providerError,
	regionBaseUrl,
	requestDefaults,
} from '../../../nodes/shared/http';
import type { ProviderApi } from '../../../nodes/shared/http';

const node: INode = {
	id: 'n',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('httpFailureOf', () => {
	it("reads axios' error, and n8n's NodeApiError around it", () => {
		const axios = { response: { status: 403, data: { error_code: 'X' } } };
		expect(httpFailureOf(axios)).toEqual({
			status: 403,
			body: { error_code: 'X' },
			network: undefined,
		});
		expect(httpFailureOf({ cause: axios })).toEqual({
			status: 403,
			body: { error_code: 'X' },
			network: undefined,
		});
		expect(httpFailureOf({ response: { status: 502, body: 'bad gateway' } })).toEqual({
			status: 502,
			body: 'bad gateway',
			network: undefined,
		});
	});

	it("falls back to n8n's httpCode and context data", () => {
		expect(httpFailureOf({ httpCode: '404', context: { data: { m: 1 } } })).toEqual({
			status: 404,
			body: { m: 1 },
			network: undefined,
		});
		expect(httpFailureOf({ httpCode: 'abc' })).toEqual({
			status: undefined,
			body: undefined,
			network: undefined,
		});
		expect(httpFailureOf({ httpCode: null, code: 'ECONNREFUSED' })).toEqual({
			status: undefined,
			body: undefined,
			network: 'ECONNREFUSED',
		});
	});

	it('names the network failure only when there is no status', () => {
		expect(httpFailureOf({ cause: { code: 'ETIMEDOUT' }, code: 'OTHER' }).network).toBe(
			'ETIMEDOUT',
		);
		expect(httpFailureOf({ code: 'ECONNRESET' }).network).toBe('ECONNRESET');
		expect(
			httpFailureOf({ code: 'ECONNRESET', response: { status: 500 } }).network,
		).toBeUndefined();
		expect(httpFailureOf({ code: 42 }).network).toBeUndefined();
		expect(httpFailureOf(undefined)).toEqual({
			status: undefined,
			body: undefined,
			network: undefined,
		});
	});

	it("reads a token fetch's provider answer, directly or as the cause", () => {
		const auth = new AuthenticationError('m', { status: 401, body: { a: 1 }, network: undefined });
		expect(httpFailureOf(auth)).toEqual({ status: 401, body: { a: 1 }, network: undefined });
		expect(httpFailureOf({ cause: auth, response: { status: 500 } })).toEqual({
			status: 401,
			body: { a: 1 },
			network: undefined,
		});
	});
});

describe('providerError', () => {
	const api: ProviderApi = {
		credentialType: 'x',
		label: 'Provider',
		readFailure: (body) => body as never,
	};

	it('says code and text, text, status or network, in that order of preference', () => {
		const message = (status: number | undefined, body: unknown, network?: string) =>
			providerError(node, api, 'Do it', status, body, network).message;
		expect(message(400, { code: 'E1', text: 'bad' })).toBe('Provider: Do it failed (E1: bad)');
		expect(message(400, { code: 'E1' })).toBe('Provider: Do it failed (E1)');
		expect(message(400, { text: 'bad' })).toBe('Provider: Do it failed (bad)');
		expect(message(503, undefined)).toBe('Provider: Do it failed (HTTP 503)');
		expect(message(undefined, undefined, 'ECONNABORTED')).toBe(
			'Provider: Do it failed (no answer in time)',
		);
		expect(message(undefined, undefined, 'ETIMEDOUT')).toBe(
			'Provider: Do it failed (no answer in time)',
		);
		expect(message(undefined, undefined, 'EPROTO')).toBe(
			'Provider: Do it failed (EPROTO: the API could not be reached)',
		);
		// n8n's NodeApiError puts its own sentence in place of a message naming a common Node.js code.
		expect(message(undefined, undefined, 'ECONNREFUSED')).toBe(
			'The service refused the connection - perhaps it is offline',
		);
		expect(message(undefined, undefined)).toBe('Provider: Do it failed');
		// …but not in place of the provider's own code or text that happens to contain one.
		expect(message(200, { code: 'ResourceNotFound', text: 'gone' })).toBe(
			'Provider: Do it failed (ResourceNotFound: gone)',
		);
		expect(message(400, { text: 'socket ECONNRESET upstream' })).toBe(
			'Provider: Do it failed (socket ECONNRESET upstream)',
		);
	});

	it('carries the code, the provider text and the status, and a hint or the status as description', () => {
		const error = providerError(node, api, 'Do it', 400, { code: 'E1', text: 'bad' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('400');
		expect(error.description).toBe('The API answered HTTP 400.');
		expect(error.errorResponse).toMatchObject({
			code: 'E1',
			providerMessage: 'bad',
			httpStatus: 400,
		});
		const bare = providerError(node, api, 'Do it', undefined, undefined, 'ECONNRESET');
		expect(bare.httpCode).toBeNull();
		expect(bare.errorResponse).toEqual({});
		const hinted = providerError(
			node,
			{ ...api, hint: (status) => `hint ${status}` },
			'Do it',
			401,
			{},
		);
		expect(hinted.description).toBe('hint 401');
	});
});

describe('AuthenticationError.from', () => {
	const from = (error: unknown) => AuthenticationError.from(error, 'IAM', 'Check it.').message;

	it("names the provider's code, the status or the network failure", () => {
		expect(from({ response: { status: 400, data: { error_code: 'C1', error_msg: 'no' } } })).toBe(
			'IAM authentication failed (C1: no). Check it.',
		);
		expect(
			from({ response: { status: 401, data: { error: { code: 'C2', message: 'bad' } } } }),
		).toBe('IAM authentication failed (C2: bad). Check it.');
		expect(from({ response: { status: 400, data: { error_code: 'C3' } } })).toBe(
			'IAM authentication failed (C3: ). Check it.',
		);
		expect(from({ response: { status: 500, data: 'x' } })).toBe(
			'IAM authentication failed (HTTP 500). Check it.',
		);
		expect(from({ code: 'ECONNABORTED' })).toBe(
			'IAM authentication failed (no answer in time). Check it.',
		);
		expect(from({ code: 'ETIMEDOUT' })).toBe(
			'IAM authentication failed (no answer in time). Check it.',
		);
		expect(from({ code: 'ENOTFOUND' })).toBe('IAM authentication failed (ENOTFOUND). Check it.');
		expect(from({})).toBe('IAM authentication failed (no answer). Check it.');
	});

	it('keeps the answer for the error mapping, without a response property', () => {
		const error = AuthenticationError.from(
			{ response: { status: 401, data: { a: 1 } } },
			'IAM',
			'',
		);
		expect(error.providerResponse).toEqual({ status: 401, body: { a: 1 }, network: undefined });
		expect(error).not.toHaveProperty('response');
	});
});

describe('ensureNodeError, baseUrlFor, regionBaseUrl', () => {
	it("passes n8n's errors through and wraps anything else", () => {
		const api = new NodeApiError(node, {});
		const op = new NodeOperationError(node, 'x');
		expect(ensureNodeError(node, api)).toBe(api);
		expect(ensureNodeError(node, op)).toBe(op);
		const wrapped = ensureNodeError(node, new Error('plain'));
		expect(wrapped).toBeInstanceOf(NodeOperationError);
		expect(wrapped.message).toBe('plain');
	});

	it("adds the credential's base URL only to relative URLs without one", () => {
		const base = () => 'https://api.example.com';
		expect(baseUrlFor({ url: '/v1/x' }, base)).toBe('https://api.example.com');
		expect(baseUrlFor({ url: '/v1/x', baseURL: 'http://own' }, base)).toBe('http://own');
		expect(baseUrlFor({ url: 'https://other/v1' }, base)).toBeUndefined();
		expect(baseUrlFor({ url: 'HTTP://other/v1' }, base)).toBeUndefined();
		expect(baseUrlFor({ url: 'xhttps://other' }, base)).toBe('https://api.example.com');
	});

	it('picks the region host, the custom URL without trailing slashes, or the fallback', () => {
		const hosts = { a: 'https://a.example.com', b: 'https://b.example.com/' };
		expect(regionBaseUrl({ region: 'b' }, hosts, 'a')).toBe('https://b.example.com');
		expect(regionBaseUrl({}, hosts, 'a')).toBe('https://a.example.com');
		expect(
			regionBaseUrl({ region: 'custom', customBaseUrl: 'http://127.0.0.1:9//' }, hosts, 'a'),
		).toBe('http://127.0.0.1:9');
		expect(regionBaseUrl({ region: 'custom' }, hosts, 'a')).toBe('https://a.example.com');
		expect(regionBaseUrl({ region: 'unknown' }, hosts, 'a')).toBe('https://a.example.com');
	});
});

describe('providerCodeOf', () => {
	const api: ProviderApi = {
		label: 'Tencent Cloud Chat',
		credentialType: 'tencentCloudChatApi',
		readFailure: (body) => {
			const b = body as { ErrorCode?: number; ErrorInfo?: string };
			return b?.ErrorCode ? { code: String(b.ErrorCode), text: b.ErrorInfo } : undefined;
		},
	};

	it("reads the provider's code from the error providerError built", () => {
		const error = providerError(node, api, 'set_callback', 200, {
			ErrorCode: 100300,
			ErrorInfo: 'x',
		});
		expect(providerCodeOf(error)).toBe('100300');
	});

	it('reads it from `cause` where an older n8n keeps the details there', () => {
		expect(providerCodeOf({ cause: { code: '70001' } })).toBe('70001');
	});

	it('is undefined for errors without a provider code', () => {
		expect(providerCodeOf(providerError(node, api, 'get', 500, undefined))).toBeUndefined();
		expect(providerCodeOf(new Error('x'))).toBeUndefined();
		expect(providerCodeOf({ errorResponse: { code: 100300 } })).toBeUndefined();
		expect(providerCodeOf(undefined)).toBeUndefined();
	});
});

/** The provider of the apiRequest and forEachItem tests. */
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

describe('apiRequest', () => {
	const saved = { ...requestDefaults };
	beforeEach(() => {
		requestDefaults.timeoutMs = 1234;
		requestDefaults.backoffMs = [40, 80];
	});
	afterAll(() => Object.assign(requestDefaults, saved));

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
