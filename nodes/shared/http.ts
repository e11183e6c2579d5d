import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

export type ApiContext =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IWebhookFunctions;

/** What a provider failure says, in the provider's own terms. */
export interface ProviderFailure {
	/** Provider error code, e.g. `USG.000000004`, `RTC.00001003`, `60004`. */
	code?: string;
	/** Provider error text. */
	text?: string;
}

/** How one provider's API reports errors. */
export interface ProviderApi {
	/** Credential type name used with httpRequestWithAuthentication. */
	credentialType: string;
	/** Product name for messages, e.g. "Huawei Cloud Meeting". */
	label: string;
	/** Reads the provider's error code and text from an error body (any status). */
	readFailure(body: unknown): ProviderFailure | undefined;
	/** For APIs that answer HTTP 200 with a failure inside (Tencent): the failure, or undefined. */
	failureInSuccess?(body: unknown): ProviderFailure | undefined;
	/** Advice appended to the message for a status or code, e.g. what to check in the credential. */
	hint?(status: number | undefined, failure: ProviderFailure | undefined): string | undefined;
}

export interface RequestPolicy {
	/** Retry 5xx, 429 and network failures (only for idempotent calls). Default: true for GET/PUT/DELETE. */
	retry?: boolean;
	/** Delays between attempts in ms. */
	backoffMs?: number[];
}

/** Defaults for every provider call; tests shorten them to exercise time-outs quickly. */
export const requestDefaults = { timeoutMs: 15_000, backoffMs: [400, 1200] };
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Status and body of a failed request, wherever n8n's helpers put them. */
export function httpFailureOf(error: unknown): {
	status?: number;
	body?: unknown;
	network?: string;
} {
	const e = error as {
		httpCode?: string | null;
		response?: { status?: number; data?: unknown; body?: unknown };
		cause?: {
			response?: { status?: number; data?: unknown; body?: unknown };
			code?: string;
			providerResponse?: { status?: number; body?: unknown; network?: string };
		};
		context?: { data?: unknown };
		code?: string;
		providerResponse?: { status?: number; body?: unknown; network?: string };
	};
	const provider = e?.providerResponse ?? e?.cause?.providerResponse;
	if (provider) return { status: provider.status, body: provider.body, network: provider.network };
	const response = e?.response ?? e?.cause?.response;
	const statusText = response?.status ?? (e?.httpCode ? Number(e.httpCode) : undefined);
	// Number.isFinite is false for anything but a finite number (NaN from an httpCode like "abc").
	const status = Number.isFinite(statusText) ? (statusText as number) : undefined;
	const body = response?.data ?? response?.body ?? e?.context?.data;
	const network = status === undefined ? (e?.cause?.code ?? e?.code) : undefined;
	return { status, body, network: typeof network === 'string' ? network : undefined };
}

function retryable(status: number | undefined, network: string | undefined): boolean {
	if (status === undefined) return network !== undefined;
	return status === 429 || status >= 500;
}

/**
 * The provider's error code of a NodeApiError built by providerError (e.g. Tencent's "100300"): n8n
 * keeps the details it was given as `errorResponse` (older lines as `cause`).
 */
export function providerCodeOf(error: unknown): string | undefined {
	const e = error as { errorResponse?: { code?: unknown }; cause?: { code?: unknown } } | undefined;
	const code = e?.errorResponse?.code ?? e?.cause?.code;
	return typeof code === 'string' ? code : undefined;
}

/** Builds the NodeApiError a user sees for a failed provider call. Never includes request headers or bodies. */
export function providerError(
	node: INode,
	api: ProviderApi,
	operation: string,
	status: number | undefined,
	body: unknown,
	network?: string,
	failure = api.readFailure(body),
): NodeApiError {
	const parts = [`${api.label}: ${operation} failed`];
	if (failure?.code) parts.push(`(${failure.code}${failure.text ? `: ${failure.text}` : ''})`);
	else if (failure?.text) parts.push(`(${failure.text})`);
	else if (status) parts.push(`(HTTP ${status})`);
	else if (network === 'ECONNABORTED' || network === 'ETIMEDOUT') parts.push('(no answer in time)');
	else if (network) parts.push(`(${network}: the API could not be reached)`);
	const hint = api.hint?.(status, failure);
	const details: JsonObject = { ...(failure?.code ? { code: failure.code } : {}) };
	if (failure?.text) details.providerMessage = failure.text;
	if (status) details.httpStatus = status;
	const error = new NodeApiError(node, details, {
		message: parts.join(' '),
		description: hint ?? (status ? `The API answered HTTP ${status}.` : undefined),
		httpCode: status ? String(status) : undefined,
	});
	// n8n puts its own sentence in place of a message that merely contains a Node.js error code
	// (Tencent's "ResourceNotFound" holds "ENOTFOUND"): the provider's own words are kept.
	if (failure?.code || failure?.text) error.message = parts.join(' ');
	return error;
}

/**
 * Calls a provider API through n8n's credential-aware HTTP helper and turns any failure into a
 * NodeApiError with the provider's code and message. Idempotent calls are retried with backoff on
 * 5xx, 429 and network errors.
 */
export async function apiRequest<T = IDataObject>(
	ctx: ApiContext,
	api: ProviderApi,
	operation: string,
	options: IHttpRequestOptions,
	policy: RequestPolicy = {},
): Promise<T> {
	const method = (options.method ?? 'GET').toUpperCase();
	const retry = policy.retry ?? IDEMPOTENT.has(method);
	const backoff = retry ? (policy.backoffMs ?? requestDefaults.backoffMs) : [];
	for (let attempt = 0; ; attempt++) {
		let response: unknown;
		try {
			response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, api.credentialType, {
				json: true,
				timeout: requestDefaults.timeoutMs,
				...options,
			});
		} catch (error) {
			const { status, body, network } = httpFailureOf(error);
			if (attempt < backoff.length && retryable(status, network)) {
				await sleep(backoff[attempt]);
				continue;
			}
			throw providerError(ctx.getNode(), api, operation, status, body, network);
		}
		const failure = api.failureInSuccess?.(response);
		if (failure)
			throw providerError(ctx.getNode(), api, operation, 200, response, undefined, failure);
		return response as T;
	}
}

/** Errors that already speak n8n's language pass through; anything else is wrapped for the user. */
export function ensureNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}

/**
 * A failed token fetch (in a credential's preAuthentication): a readable message, and the provider's
 * answer kept for the error mapping, with no request data (headers, bodies) in it. It carries no
 * `response` property, so n8n does not retry the token fetch on its own.
 */
export class AuthenticationError extends Error {
	constructor(
		message: string,
		readonly providerResponse: { status?: number; body?: unknown; network?: string } = {},
	) {
		super(message);
	}

	/** Wraps the error of a token request: "<what> authentication failed (<code: text | HTTP n | network>). <advice>" */
	static from(error: unknown, what: string, advice: string): AuthenticationError {
		const { status, body, network } = httpFailureOf(error);
		const b = body as
			| { error_code?: string; error_msg?: string; error?: { code?: string; message?: string } }
			| undefined;
		const code = b?.error_code ?? b?.error?.code;
		const detail = code
			? `${code}: ${b?.error_msg ?? b?.error?.message ?? ''}`
			: status
				? `HTTP ${status}`
				: network === 'ECONNABORTED' || network === 'ETIMEDOUT'
					? 'no answer in time'
					: (network ?? 'no answer');
		return new AuthenticationError(`${what} authentication failed (${detail}). ${advice}`, {
			status,
			body,
			network,
		});
	}
}

/**
 * The per-item loop of an action node: runs `operation` for every input item, pairs outputs with
 * their item, and honours Continue On Fail.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	operation: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const json = await operation(i);
			out.push(
				...ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(json), {
					itemData: { item: i },
				}),
			);
		} catch (error) {
			if (ctx.continueOnFail()) {
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
				continue;
			}
			throw ensureNodeError(ctx.getNode(), error);
		}
	}
	return [out];
}

/** The base URL a credential adds: kept when the request has one or an absolute URL. */
export function baseUrlFor(
	options: IHttpRequestOptions,
	credentialBaseUrl: () => string,
): string | undefined {
	if (options.baseURL || /^https?:\/\//i.test(options.url)) return options.baseURL;
	return credentialBaseUrl();
}

/** A credential's API base URL from its region choice: a named host, or the custom URL. */
export function regionBaseUrl(
	credentials: IDataObject,
	hosts: Record<string, string>,
	fallback: string,
): string {
	const region = (credentials.region as string) || fallback;
	const url = region === 'custom' ? (credentials.customBaseUrl as string) : hosts[region];
	return (url ?? hosts[fallback]).replace(/\/+$/, '');
}
