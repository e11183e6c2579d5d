/**
 * The nodes run in n8n-core's own execution contexts (HookContext, WebhookContext, ExecuteContext,
 * TriggerContext of n8n-core 2.41, the line the e2e suite runs): parameters with their defaults
 * filled in by n8n-workflow's Workflow, static data, the request helpers (real HTTP through
 * @n8n/backend-network, `httpRequestWithAuthentication` with its 401 refresh and NodeApiError
 * wrapping), webhook URLs. What n8n-core leaves to n8n's server is kept here:
 * - the credential store (n8n's CredentialsHelper: decrypted data, `preAuthentication` when the
 *   expirable field is empty or expired, `authenticate`, the "Test" button);
 * - the loopback host standing in for n8n's webhook endpoint (a request in, the node's answer out).
 * The real-n8n end-to-end suite checks the same nodes inside n8n itself.
 */
import { mkdirSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import { ExecuteContext, HookContext, TriggerContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { checkOutputSchema } from './outputSchemas';

// n8n-core's InstanceSettings keeps an encryption key in n8n's user folder: a temporary one here.
process.env.N8N_USER_FOLDER ??= join(tmpdir(), 'n8n-nodes-meeting-events-core');
mkdirSync(process.env.N8N_USER_FOLDER, { recursive: true });

export interface Captured {
	logs: string[];
	errors: string[];
}

/** Everything nodes log, for secret-hygiene assertions. */
export const captured: Captured = { logs: [], errors: [] };

const log =
	(level: string) =>
	(message: string, meta?: unknown): void => {
		captured.logs.push(`${level} ${message} ${JSON.stringify(meta ?? '')}`);
	};
// n8n-core's contexts read their logger from the container: this one records instead of printing.
Container.set(Logger, {
	debug: log('debug'),
	info: log('info'),
	warn: log('warn'),
	error: log('error'),
	scoped: () => Container.get(Logger),
} as unknown as Logger);

const outbound = () => Container.get(OutboundHttp).requests();

function assertLoopback(options: IHttpRequestOptions): void {
	const url = new URL(options.url, options.baseURL ?? 'http://127.0.0.1');
	if (!['127.0.0.1', 'localhost'].includes(url.hostname))
		throw new Error(`Tests only talk to loopback addresses, not ${url.hostname}`);
}

/** One stored credential, with what n8n's CredentialsHelper does for it (n8n-core calls this). */
export class CredentialStore {
	preAuthCalls = 0;
	/** Credential reads made in webhook() (n8n decrypts, and evaluates, the credential each time). */
	webhookReads = 0;

	constructor(
		readonly type: ICredentialType,
		public data: ICredentialDataDecryptedObject,
	) {
		for (const p of type.properties)
			if (this.data[p.name] === undefined && p.default !== undefined)
				this.data[p.name] = p.default as never;
	}

	/** The ICredentialsHelper n8n-core's contexts are given. */
	readonly helper = {
		getParentTypes: () => [],
		isCredentialUsableByNode: () => true,
		getCredentialsProperties: () => this.type.properties,
		getDecrypted: async (_data: unknown, _details: unknown, type: string, mode: string) => {
			if (type !== this.type.name) throw new Error(`No credential of type ${type}`);
			if (mode === 'webhook') this.webhookReads++;
			return { ...this.data };
		},
		updateCredentials: async (_details: unknown, _type: string, data: IDataObject) => {
			Object.assign(this.data, data);
		},
		preAuthentication: async (
			helpers: unknown,
			credentials: ICredentialDataDecryptedObject,
			_type: string,
			_node: unknown,
			expired: boolean,
		) => await this.preAuthentication(helpers, credentials, expired),
		authenticate: async (
			credentials: ICredentialDataDecryptedObject,
			_type: string,
			options: IHttpRequestOptions,
			workflow: Workflow,
			node: INode,
		) => {
			assertLoopback(options);
			return await this.authenticate(credentials, options, workflow, node);
		},
	};

	private async preAuthentication(
		helpers: unknown,
		credentials: ICredentialDataDecryptedObject,
		expired: boolean,
		testing = false,
	) {
		const expirable = this.type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || !this.type.preAuthentication) return undefined;
		if (credentials[expirable.name] !== '' && !expired && !testing) return undefined;
		this.preAuthCalls++;
		const output = await this.type.preAuthentication.call(helpers as never, credentials);
		if (output[expirable.name] === undefined) return undefined;
		Object.assign(this.data, output);
		return Object.assign(credentials, output);
	}

	/** As n8n's CredentialsHelper: `={{$credentials.x}}` resolved by the workflow's expression engine. */
	private async authenticate(
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const auth = this.type.authenticate;
		if (!auth) return options;
		if (typeof auth === 'function')
			return await auth(credentials, { ...options, headers: { ...(options.headers ?? {}) } });
		const resolve = (value: unknown) =>
			workflow.expression.getSimpleParameterValue(
				node,
				value as string,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		const section = (name: 'headers' | 'qs') =>
			Object.fromEntries(
				Object.entries((auth.properties[name] as IDataObject) ?? {}).map(([k, v]) => [
					k,
					resolve(v),
				]),
			);
		return {
			...options,
			headers: { ...(options.headers ?? {}), ...section('headers') },
			qs: { ...((options.qs as IDataObject) ?? {}), ...section('qs') },
		};
	}

	/** n8n's "Test" button: preAuthentication forced, then the test request and its rules. */
	async test(): Promise<{ status: 'OK' | 'Error'; message: string }> {
		const credentials = { ...this.data };
		const { workflow, node } = workflowFor(testNodeType(this.type), {});
		try {
			await this.preAuthentication(
				{ helpers: { httpRequest: async (o: IHttpRequestOptions) => await outbound().request(o) } },
				credentials,
				false,
				true,
			);
			const request = workflow.expression.getParameterValue(
				this.type.test!.request as never,
				null,
				0,
				0,
				node.name,
				[],
				'internal',
				{ $credentials: credentials },
			) as unknown as IHttpRequestOptions;
			const response = (await outbound().request(
				await this.authenticate(
					credentials,
					{ method: 'GET', ...request } as IHttpRequestOptions,
					workflow,
					node,
				),
			)) as IDataObject;
			// n8n's "responseSuccessBody" rules: a 2xx body whose key has the value fails the test.
			for (const rule of this.type.test!.rules ?? []) {
				if (rule.type !== 'responseSuccessBody') continue;
				const { key, value, message } = rule.properties as {
					key: string;
					value: unknown;
					message: string;
				};
				const found = key.split('.').reduce<unknown>((a, k) => (a as IDataObject)?.[k], response);
				if (found === value) return { status: 'Error', message };
			}
			return { status: 'OK', message: 'Connection successful!' };
		} catch (error) {
			return { status: 'Error', message: (error as Error).message };
		}
	}
}

/** A stand-in node type for the credential test (n8n uses a NoOp node the same way). */
function testNodeType(type: ICredentialType): INodeType {
	return {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: [],
			version: 1,
			description: '',
			defaults: { name: 'Credential test' },
			inputs: [],
			outputs: [],
			credentials: [{ name: type.name, required: true }],
			properties: [],
		},
	};
}

let workflowCounter = 0;
let executionCounter = 0;

/** A one-node workflow, as n8n builds it: the node's parameters completed with their defaults. */
export function workflowFor(
	nodeType: INodeType,
	parameters: IDataObject,
	options: { workflowId?: string; path?: string } = {},
) {
	const { description } = nodeType;
	const version = Array.isArray(description.version)
		? (description.defaultVersion ?? Math.max(...description.version))
		: description.version;
	const node: INode = {
		id: 'node-1',
		name: description.displayName,
		type: description.name,
		typeVersion: version,
		position: [0, 0],
		webhookId: options.path ?? 'node-1',
		parameters: structuredClone(parameters) as INode['parameters'],
		credentials: Object.fromEntries(
			(description.credentials ?? []).map((c) => [c.name, { id: `cred-${c.name}`, name: c.name }]),
		),
	};
	const workflow = new Workflow({
		// Every workflow is its own (in-memory duplicate guards are scoped by workflow).
		id: options.workflowId ?? `wf-${++workflowCounter}`,
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	return { workflow, node: workflow.nodes[node.name] };
}

export function additionalData(store: CredentialStore, baseUrl = 'http://127.0.0.1:1') {
	return {
		credentialsHelper: store.helper,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		executionId: `ex-${++executionCounter}`,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	/** The node's parameters; per-item values are n8n expressions over the input items. */
	params: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
}

/** Runs an action node's execute() as n8n would for the given input items. */
export async function runNode(nodeType: INodeType, store: CredentialStore, run: RunOptions) {
	const { workflow, node } = workflowFor(nodeType, run.params);
	node.continueOnFail = run.continueOnFail ?? false;
	const items = (run.items ?? [{}]).map((json) => ({ json }));
	const inputData = { main: [items] };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData(store),
		'manual',
		createRunExecutionData(),
		0,
		items,
		inputData,
		{ node, data: inputData, source: null },
		[],
	);
	const result = (await nodeType.execute!.call(context)) as INodeExecutionData[][];
	checkOutputSchema(nodeType, node, result[0]);
	return result[0];
}

/** A request as n8n's webhook endpoint hands it to the node. */
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
	/** Headers the node set on the response (lower-case names). */
	headers?: Record<string, string>;
}

/** The parts of Express' response the nodes use; what is sent goes out at once ('finish', 'close'). */
class ResponseObject extends EventEmitter {
	statusCode = 200;
	writableFinished = false;
	readonly headers: Record<string, string> = {};

	constructor(private readonly flush: (status: number, body: unknown) => void) {
		super();
	}

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	json(payload: unknown) {
		return this.end(payload);
	}

	send(payload: unknown) {
		return this.end(payload);
	}

	end(payload?: unknown) {
		if (this.writableFinished) return this;
		this.writableFinished = true;
		this.flush(this.statusCode, payload);
		this.emit('finish');
		this.emit('close');
		return this;
	}
}

/**
 * What n8n 2.x answers for an execution it started in onReceived mode, once the execution is stored:
 * the description's responseData, else the node's webhookResponse, else its own message.
 */
function onReceivedBody(description: IWebhookDescription, result: IWebhookResponseData): unknown {
	const data = description.responseData ?? 'firstEntryJson';
	if (data === 'noData') return undefined;
	if (data) return data;
	return result.webhookResponse ?? { message: 'Workflow was started' };
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
	/**
	 * When set, n8n cannot store the executions webhook() starts (database or Redis unavailable, n8n
	 * shutting down): n8n answers 500 where it had not answered yet, and nothing is emitted.
	 */
	refuseExecutions: boolean;
	/** A webhook call in process (no HTTP), for fuzzing and benchmarks. Not recorded in emitted/responses. */
	call(request: WebhookRequest): Promise<WebhookAnswer>;
	stop(): Promise<void>;
}

/**
 * Hosts a webhook trigger on a real loopback HTTP server, as n8n's webhook endpoint would: each
 * request runs the node's webhook() in a WebhookContext; emitted items and answers are recorded.
 * `test` registers the /webhook-test/ URL ("Listen for test event": activation mode "manual").
 */
export async function hostTrigger(
	nodeType: INodeType,
	store: CredentialStore,
	params: IDataObject,
	options: { workflowId?: string; path?: string; test?: boolean } = {},
): Promise<TriggerHost> {
	const { workflow, node } = workflowFor(nodeType, params, options);
	const staticData = workflow.getStaticData('node', node) as IDataObject;
	const emitted: IDataObject[][] = [];
	const responses: Array<{ status: number; body: unknown }> = [];
	const sockets = new Set<Socket>();
	const inFlight = new Set<Promise<unknown>>();
	const answeredAt: number[] = [];
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const data = additionalData(store, base);
	const webhookDescription = nodeType.description.webhooks![0];
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: `${node.webhookId}/${webhookDescription.path as string}`,
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: data,
		webhookId: node.webhookId,
		isTest: options.test === true,
	} as IWebhookData;
	const mode: WorkflowExecuteMode = options.test ? 'manual' : 'webhook';

	/** One webhook call as n8n makes it: the node's webhook() with a request and a response. */
	const callWebhook = async (
		request: WebhookRequest,
		flush?: (status: number, body: unknown) => void,
	): Promise<WebhookAnswer> => {
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
		let answer: { status: number; body: unknown } | undefined;
		const response = new ResponseObject((status, payload) => {
			answer = { status, body: payload };
			flush?.(status, payload);
		});
		const req = { rawBody, headers, query: request.query ?? {}, params: {}, body };
		const context = new WebhookContext(
			workflow,
			node,
			{
				...data,
				httpRequest: { ...req, method: request.method ?? 'POST' },
				httpResponse: response,
			} as never,
			mode,
			webhookData,
			[],
			null,
		);
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			captured.errors.push((error as Error).message);
			response.status(500).json({ message: 'Error in workflow' });
			return { ...answer!, items: [], thrown: error as Error };
		}
		// As n8n: a node that answered itself (noWebhookResponse) can still start the workflow.
		if (result.workflowData && host.refuseExecutions) {
			response.status(500).json({ message: 'There was a problem executing the workflow' });
			return { ...answer!, items: [] };
		}
		const items = result.workflowData ? result.workflowData[0].map((i) => i.json) : [];
		if (!result.noWebhookResponse) {
			if (result.workflowData) response.json(onReceivedBody(webhookDescription, result));
			else if (result.webhookResponse !== undefined) response.json(result.webhookResponse);
			else response.json({ message: 'Webhook call received' });
		}
		return { ...(answer ?? { status: 200, body: undefined }), items, headers: response.headers };
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const query = Object.fromEntries(new URL(req.url ?? '/', base).searchParams);
		const write = (status: number, body: unknown) => {
			if (res.headersSent) return;
			answeredAt.push(Date.now());
			res
				.writeHead(status, { 'Content-Type': 'application/json' })
				.end(body === undefined ? '' : JSON.stringify(body));
		};
		const answer = await callWebhook(
			{ rawBody: Buffer.concat(chunks), headers: req.headers, query, method: req.method },
			write,
		);
		if (answer.items.length) emitted.push(answer.items);
		responses.push({ status: answer.status, body: answer.body });
		write(answer.status, answer.body);
	};
	server.on('request', (req, res) => {
		const handled = handle(req, res);
		inFlight.add(handled);
		void handled.finally(() => inFlight.delete(handled));
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});

	const hookContext = () =>
		new HookContext(
			workflow,
			node,
			data,
			options.test ? 'manual' : 'trigger',
			options.test ? 'manual' : 'activate',
			webhookData,
		);
	const host: TriggerHost = {
		url: hookContext().getNodeWebhookUrl('default')!,
		staticData,
		refuseExecutions: false,
		emitted,
		responses,
		answeredAt,
		hookContext,
		call: async (request) => await callWebhook(request),
		async idle() {
			while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
		},
		async stop() {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return host;
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

/** Runs a long-lived trigger's trigger() in a TriggerContext; emitted items are collected. */
export async function runTrigger(
	nodeType: INodeType,
	store: CredentialStore,
	params: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
): Promise<TriggerRun> {
	const { workflow, node } = workflowFor(nodeType, params, { workflowId: 'wf-trigger' });
	const emitted: IDataObject[] = [];
	const context = new TriggerContext(
		workflow,
		node,
		additionalData(store),
		mode,
		'activate',
		(data) => {
			for (const item of data[0]) emitted.push(item.json);
		},
		(error) => captured.errors.push(error.message),
	);
	const response = (await nodeType.trigger!.call(context)) as {
		closeFunction?: () => Promise<void>;
	};
	return { emitted, response, close: async () => await response.closeFunction?.() };
}
