/**
 * A small stand-in for the parts of n8n a node touches, following n8n-core's behaviour:
 * - httpRequest: real HTTP (node:http), axios-like errors ({ response: { status, data }, config }) on non-2xx;
 * - httpRequestWithAuthentication: preAuthentication when the expirable field is empty, credential
 *   `authenticate`, one refresh + retry on 401, failures wrapped in NodeApiError (as n8n-core does);
 * - execute / hook / webhook contexts with getNodeParameter (dotted paths), static data, a logger.
 * The real-n8n end-to-end suite checks the same nodes inside n8n itself.
 */
import http from 'node:http';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export interface Captured {
	logs: string[];
	errors: string[];
}

/** Everything nodes log, for secret-hygiene assertions. */
export const captured: Captured = { logs: [], errors: [] };

export const logger = {
	debug: (m: string, meta?: unknown) =>
		captured.logs.push(`debug ${m} ${JSON.stringify(meta ?? '')}`),
	info: (m: string, meta?: unknown) =>
		captured.logs.push(`info ${m} ${JSON.stringify(meta ?? '')}`),
	warn: (m: string, meta?: unknown) =>
		captured.logs.push(`warn ${m} ${JSON.stringify(meta ?? '')}`),
	error: (m: string, meta?: unknown) =>
		captured.logs.push(`error ${m} ${JSON.stringify(meta ?? '')}`),
};

function buildUrl(options: IHttpRequestOptions): URL {
	const base = options.baseURL ? options.baseURL.replace(/\/+$/, '') : '';
	const url = new URL(/^https?:\/\//.test(options.url) ? options.url : `${base}${options.url}`);
	// axios' default params serializer (what n8n-core uses for `qs`).
	const encode = (v: string) =>
		encodeURIComponent(v)
			.replace(/%3A/gi, ':')
			.replace(/%24/g, '$')
			.replace(/%2C/gi, ',')
			.replace(/%20/g, '+')
			.replace(/%5B/gi, '[')
			.replace(/%5D/gi, ']');
	const parts: string[] = [];
	for (const [key, value] of Object.entries((options.qs as IDataObject) ?? {})) {
		if (value === undefined || value === null) continue;
		if (Array.isArray(value))
			for (const v of value) parts.push(`${encode(`${key}[]`)}=${encode(String(v))}`);
		else parts.push(`${encode(key)}=${encode(String(value))}`);
	}
	if (parts.length) url.search = `${url.search ? `${url.search}&` : '?'}${parts.join('&')}`;
	return url;
}

/** n8n-core's httpRequest, reduced to what these nodes use. */
export async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const url = buildUrl(options);
	if (!['127.0.0.1', 'localhost'].includes(url.hostname)) {
		throw new Error(`Tests only talk to loopback addresses, not ${url.hostname}`);
	}
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(options.headers ?? {}))
		if (v !== undefined) headers[k] = String(v);
	let payload: string | Buffer | undefined;
	// As n8n-core (@n8n/backend-network): an empty object body is not sent at all, whatever the method.
	const emptyObject =
		typeof options.body === 'object' &&
		options.body !== null &&
		!Buffer.isBuffer(options.body) &&
		Object.keys(options.body).length === 0;
	if (options.body !== undefined && options.body !== null && !emptyObject && options.body !== '') {
		if (typeof options.body === 'string' || Buffer.isBuffer(options.body))
			payload = options.body as string | Buffer;
		else {
			payload = JSON.stringify(options.body);
			if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
				headers['Content-Type'] = 'application/json';
		}
	}
	if (options.auth) {
		headers.Authorization = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
	}
	const method = options.method ?? 'GET';
	const response = await new Promise<{
		status: number;
		headers: http.IncomingHttpHeaders;
		text: string;
	}>((resolve, reject) => {
		const req = http.request(
			url,
			{ method, headers, agent: false, timeout: options.timeout ?? 10_000 },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						text: Buffer.concat(chunks).toString('utf8'),
					}),
				);
			},
		);
		req.on('timeout', () =>
			req.destroy(Object.assign(new Error('timeout of ms exceeded'), { code: 'ECONNABORTED' })),
		);
		req.on('error', (error) =>
			reject(Object.assign(error, { config: { url: url.toString(), headers, method } })),
		);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
	let data: unknown = response.text;
	if (response.text) {
		try {
			data = JSON.parse(response.text);
		} catch {
			data = response.text;
		}
	} else data = '';
	if ((response.status < 200 || response.status >= 300) && !options.ignoreHttpStatusErrors) {
		// axios' shape, config (with the request headers) included, as n8n-core rethrows it.
		throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
			isAxiosError: true,
			config: { url: url.toString(), method, headers, data: payload },
			response: { status: response.status, data, headers: response.headers },
		});
	}
	if (options.returnFullResponse) {
		return {
			body: data,
			headers: response.headers,
			statusCode: response.status,
			statusMessage: '',
		};
	}
	return data;
}

function resolveCredentialExpressions(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
): unknown {
	if (typeof value === 'string' && value.startsWith('=')) {
		const expr = value.slice(1);
		const whole = /^\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(expr);
		if (whole) return credentials[whole[1]];
		return expr.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, name: string) =>
			String(credentials[name] ?? ''),
		);
	}
	if (Array.isArray(value)) return value.map((v) => resolveCredentialExpressions(v, credentials));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k, resolveCredentialExpressions(v, credentials)]),
		);
	}
	return value;
}

/** One stored credential, as n8n's credentials helper keeps it. */
export class CredentialStore {
	preAuthCalls = 0;
	/** getCredentials() calls made by webhook() (n8n decrypts, and evaluates, the credential each time). */
	webhookReads = 0;

	constructor(
		readonly type: ICredentialType,
		public data: ICredentialDataDecryptedObject,
	) {
		for (const p of type.properties)
			if (this.data[p.name] === undefined && p.default !== undefined)
				this.data[p.name] = p.default as never;
	}

	private get expirable() {
		return this.type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
	}

	async preAuthentication(
		credentials: ICredentialDataDecryptedObject,
		expired: boolean,
		testing = false,
	) {
		const expirable = this.expirable;
		if (!expirable || !this.type.preAuthentication) return undefined;
		if (credentials[expirable.name] !== '' && !expired && !testing) return undefined;
		this.preAuthCalls++;
		const output = await this.type.preAuthentication.call(
			{ helpers: { httpRequest } } as never,
			credentials,
		);
		if (output[expirable.name] === undefined) return undefined;
		Object.assign(this.data, output);
		return Object.assign(credentials, output);
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) {
		const auth = this.type.authenticate;
		if (!auth) return options;
		if (typeof auth === 'function')
			return await auth(credentials, { ...options, headers: { ...(options.headers ?? {}) } });
		const props = resolveCredentialExpressions(auth.properties, credentials) as IDataObject;
		return {
			...options,
			headers: { ...(options.headers ?? {}), ...((props.headers as IDataObject) ?? {}) },
			qs: { ...((options.qs as IDataObject) ?? {}), ...((props.qs as IDataObject) ?? {}) },
		} as IHttpRequestOptions;
	}

	/** n8n's "Test" button: preAuthentication forced, then the test request. */
	async test(): Promise<{ status: 'OK' | 'Error'; message: string }> {
		const credentials = { ...this.data };
		try {
			await this.preAuthentication(credentials, false, true);
			const request = resolveCredentialExpressions(
				this.type.test!.request,
				credentials,
			) as IHttpRequestOptions;
			const response = await httpRequest(
				await this.authenticate(credentials, { method: 'GET', ...request } as IHttpRequestOptions),
			);
			// n8n's "responseSuccessBody" rules: a 2xx body whose key has the value fails the test.
			for (const rule of this.type.test!.rules ?? []) {
				if (rule.type !== 'responseSuccessBody') continue;
				const { key, value, message } = rule.properties as {
					key: string;
					value: unknown;
					message: string;
				};
				if (getPath(response as IDataObject, key) === value) return { status: 'Error', message };
			}
			return { status: 'OK', message: 'Connection successful!' };
		} catch (error) {
			return { status: 'Error', message: (error as Error).message };
		}
	}
}

function node(type: string, name = 'Node'): INode {
	return { id: 'node-1', name, type, typeVersion: 1, position: [0, 0], parameters: {} };
}

function getPath(source: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(acc, key) => (acc && typeof acc === 'object' ? (acc as IDataObject)[key] : undefined),
			source,
		);
}

function parameterGetter(params: IDataObject) {
	return (name: string, fallback?: unknown) => {
		const value = getPath(params, name);
		if (value === undefined) {
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		}
		return value;
	};
}

function helpersFor(store: CredentialStore, theNode: INode) {
	return {
		httpRequest,
		async httpRequestWithAuthentication(
			this: unknown,
			credentialType: string,
			options: IHttpRequestOptions,
		) {
			if (credentialType !== store.type.name)
				throw new Error(`No credential of type ${credentialType}`);
			const credentials = { ...store.data };
			try {
				await store.preAuthentication(credentials, false);
				return await httpRequest(await store.authenticate(credentials, options));
			} catch (error) {
				if ((error as { response?: { status?: number } }).response?.status === 401) {
					try {
						await store.preAuthentication(credentials, true);
						return await httpRequest(await store.authenticate(credentials, options));
					} catch (retryError) {
						throw new NodeApiError(theNode, retryError as never);
					}
				}
				throw new NodeApiError(theNode, error as never);
			}
		},
		returnJsonArray(data: IDataObject | IDataObject[]): INodeExecutionData[] {
			return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
		},
		constructExecutionMetaData(
			items: INodeExecutionData[],
			{ itemData }: { itemData: { item: number } },
		) {
			return items.map((item) => ({ ...item, pairedItem: itemData }));
		},
	};
}

export interface RunOptions {
	params: IDataObject | ((itemIndex: number) => IDataObject);
	items?: IDataObject[];
	continueOnFail?: boolean;
}

/** Runs an action node's execute() as n8n would for the given input items. */
export async function runNode(nodeType: INodeType, store: CredentialStore, run: RunOptions) {
	const theNode = node(nodeType.description.name, nodeType.description.displayName);
	const items = (run.items ?? [{}]).map((json) => ({ json }));
	const paramsAt = (i: number) => (typeof run.params === 'function' ? run.params(i) : run.params);
	const ctx = {
		getNode: () => theNode,
		getInputData: () => items,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) =>
			parameterGetter(paramsAt(itemIndex))(name, fallback),
		continueOnFail: () => run.continueOnFail ?? false,
		getCredentials: async () => ({ ...store.data }),
		logger,
		helpers: helpersFor(store, theNode),
	} as unknown as IExecuteFunctions;
	const result = (await nodeType.execute!.call(ctx)) as INodeExecutionData[][];
	return result[0];
}

let workflowCounter = 0;

/**
 * Hosts a webhook trigger on a real loopback HTTP server, as n8n's webhook endpoint would:
 * each request runs the node's webhook(); emitted items and answers are recorded.
 */
export interface WebhookRequest {
	rawBody: Buffer | string;
	headers?: Record<string, string | string[] | undefined>;
	query?: Record<string, string>;
	method?: string;
}

export interface WebhookAnswer {
	status: number;
	body: unknown;
	/** The items the call started an execution with ([] when none). */
	items: IDataObject[];
	/** Set when webhook() threw (n8n answers 500). */
	thrown?: Error;
}

interface WebhookSetup {
	nodeType: INodeType;
	store: CredentialStore;
	theNode: INode;
	workflow: { id: string; name: string; active: boolean };
	getParam: (name: string, fallback?: unknown) => unknown;
	staticData: IDataObject;
	url: () => string;
}

/** One webhook call as n8n makes it (in process): the node's webhook() with a request and a response. */
async function callWebhook(
	setup: WebhookSetup,
	request: WebhookRequest,
	flush?: (status: number, body: unknown) => void,
): Promise<WebhookAnswer> {
	const rawBody = Buffer.isBuffer(request.rawBody)
		? request.rawBody
		: Buffer.from(request.rawBody, 'utf8');
	const headers = Object.fromEntries(
		Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
	);
	let body: IDataObject = {};
	try {
		body = JSON.parse(rawBody.toString('utf8')) as IDataObject;
	} catch {
		body = {};
	}
	const query = request.query ?? {};
	let answer: { status: number; body: unknown } | undefined;
	// As Express: what the node sends goes out at once, before webhook() has returned.
	const send = (status: number, payload: unknown) => {
		if (answer) return;
		answer = { status, body: payload };
		flush?.(status, payload);
	};
	const response = {
		statusCode: 200,
		status(code: number) {
			this.statusCode = code;
			return this;
		},
		json(payload: unknown) {
			send(this.statusCode, payload);
			return this;
		},
		send(payload: unknown) {
			send(this.statusCode, payload);
			return this;
		},
		end() {
			send(this.statusCode, undefined);
			return this;
		},
	};
	const ctx = {
		getNode: () => setup.theNode,
		getWorkflow: () => setup.workflow,
		getMode: () => 'webhook',
		getWebhookName: () => 'default',
		getNodeWebhookUrl: () => setup.url(),
		getNodeParameter: setup.getParam,
		getWorkflowStaticData: () => setup.staticData,
		getCredentials: async () => {
			setup.store.webhookReads++;
			return { ...setup.store.data };
		},
		getRequestObject: () => ({ rawBody, headers, query, body, method: request.method ?? 'POST' }),
		getResponseObject: () => response,
		getHeaderData: () => headers,
		getQueryData: () => query,
		getBodyData: () => body,
		logger,
		helpers: helpersFor(setup.store, setup.theNode),
	} as unknown as IWebhookFunctions;
	let result: IWebhookResponseData;
	try {
		result = await setup.nodeType.webhook!.call(ctx);
	} catch (error) {
		captured.errors.push((error as Error).message);
		return {
			status: 500,
			body: { message: 'Error in workflow' },
			items: [],
			thrown: error as Error,
		};
	}
	// As n8n: a node that answered itself (noWebhookResponse) can still start the workflow.
	const items = result.workflowData ? result.workflowData[0].map((i) => i.json) : [];
	if (!result.noWebhookResponse) {
		if (result.workflowData) send(200, { message: 'Workflow was started' });
		else if (result.webhookResponse !== undefined) send(200, result.webhookResponse);
		else send(200, { message: 'Webhook call received' });
	}
	return { ...(answer ?? { status: 200, body: undefined }), items };
}

export interface TriggerHost {
	url: string;
	staticData: IDataObject;
	hookContext(): IHookFunctions;
	emitted: IDataObject[][];
	responses: Array<{ status: number; body: unknown }>;
	/** When each answer went out (ms), in order. */
	answeredAt: number[];
	/** Resolves once every webhook() call under way has returned (work after the answer included). */
	idle(): Promise<void>;
	/** A webhook call in process (no HTTP), for fuzzing and benchmarks. Not recorded in emitted/responses. */
	call(request: WebhookRequest): Promise<WebhookAnswer>;
	stop(): Promise<void>;
}

/**
 * Hosts a webhook trigger on a real loopback HTTP server, as n8n's webhook endpoint would:
 * each request runs the node's webhook(); emitted items and answers are recorded.
 */
export async function hostTrigger(
	nodeType: INodeType,
	store: CredentialStore,
	params: IDataObject,
	options: { workflowId?: string; path?: string; test?: boolean } = {},
): Promise<TriggerHost> {
	const staticData: IDataObject = {};
	const emitted: IDataObject[][] = [];
	const responses: Array<{ status: number; body: unknown }> = [];
	const sockets = new Set<import('node:net').Socket>();
	const inFlight = new Set<Promise<unknown>>();
	const answeredAt: number[] = [];
	let url = '';
	const setup: WebhookSetup = {
		nodeType,
		store,
		theNode: node(nodeType.description.name, nodeType.description.displayName),
		// Every hosted trigger is its own workflow (in-memory duplicate guards are scoped by workflow).
		workflow: {
			id: options.workflowId ?? `wf-${++workflowCounter}`,
			name: 'Test workflow',
			active: true,
		},
		getParam: parameterGetter(params),
		staticData,
		url: () => url,
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
		const write = (status: number, body: unknown) => {
			if (res.headersSent) return;
			answeredAt.push(Date.now());
			res
				.writeHead(status, { 'Content-Type': 'application/json' })
				.end(body === undefined ? '' : JSON.stringify(body));
		};
		const answer = await callWebhook(
			setup,
			{ rawBody: Buffer.concat(chunks), headers: req.headers, query, method: req.method },
			write,
		);
		if (answer.items.length) emitted.push(answer.items);
		responses.push({ status: answer.status, body: answer.body });
		write(answer.status, answer.body);
	};
	const server = http.createServer((req, res) => {
		const handled = handle(req, res);
		inFlight.add(handled);
		void handled.finally(() => inFlight.delete(handled));
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as import('node:net').AddressInfo;
	// "Listen for test event": n8n registers the /webhook-test/ URL, activation mode "manual".
	url = `http://127.0.0.1:${port}/${options.test ? 'webhook-test' : 'webhook'}/${options.path ?? 'node-1'}/webhook`;

	return {
		url,
		staticData,
		emitted,
		responses,
		answeredAt,
		call: async (request) => await callWebhook(setup, request),
		async idle() {
			while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
		},
		hookContext() {
			return {
				getNode: () => setup.theNode,
				getWorkflow: () => setup.workflow,
				getMode: () => 'trigger',
				getActivationMode: () => (options.test ? 'manual' : 'activate'),
				getNodeWebhookUrl: () => url,
				getWebhookName: () => 'default',
				getNodeParameter: setup.getParam,
				getWorkflowStaticData: () => staticData,
				getCredentials: async () => ({ ...store.data }),
				logger,
				helpers: helpersFor(store, setup.theNode),
			} as unknown as IHookFunctions;
		},
		async stop() {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Runs checkExists → create (when needed), as n8n does on activation. */
export async function activate(nodeType: INodeType, host: TriggerHost): Promise<void> {
	const methods = nodeType.webhookMethods!.default!;
	const ctx = host.hookContext();
	if (!(await methods.checkExists.call(ctx))) await methods.create.call(ctx);
}

export async function deactivate(nodeType: INodeType, host: TriggerHost): Promise<boolean> {
	return await nodeType.webhookMethods!.default!.delete.call(host.hookContext());
}

export interface TriggerRun {
	emitted: IDataObject[];
	close(): Promise<void>;
	response: { closeFunction?: () => Promise<void> };
}

/** Runs a long-lived trigger's trigger() as n8n does; emitted items are collected. */
export async function runTrigger(
	nodeType: INodeType,
	store: CredentialStore,
	params: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
): Promise<TriggerRun> {
	const theNode = node(nodeType.description.name, nodeType.description.displayName);
	const emitted: IDataObject[] = [];
	const ctx = {
		getNode: () => theNode,
		getMode: () => mode,
		getActivationMode: () => 'activate',
		getNodeParameter: parameterGetter(params),
		getCredentials: async () => ({ ...store.data }),
		getWorkflow: () => ({ id: 'wf-trigger', name: 'Trigger workflow', active: true }),
		logger,
		emit: (data: INodeExecutionData[][]) => {
			for (const item of data[0]) emitted.push(item.json);
		},
		emitError: (error: Error) => captured.errors.push(error.message),
		helpers: helpersFor(store, theNode),
	};
	const response = (await nodeType.trigger!.call(ctx as never)) as {
		closeFunction?: () => Promise<void>;
	};
	return { emitted, response, close: async () => await response.closeFunction?.() };
}
