/**
 * The shared HTTP layer's error reading and messages, shape by shape: what n8n-core's helpers throw
 * (NodeApiError around axios' error), axios' own error, a token fetch's AuthenticationError, network
 * failures. Written from StrykerJS' surviving mutants: each branch is pinned by its exact output.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	AuthenticationError,
	baseUrlFor,
	ensureNodeError,
	httpFailureOf,
	providerCodeOf,
	providerError,
	regionBaseUrl,
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
