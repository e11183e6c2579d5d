import type {
	IDataObject,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { DeliveryGuard } from './dedupe';

/**
 * The request body exactly as received (signatures are computed over these bytes). n8n fills
 * `rawBody` for every request of a typeVersion-1 node, and at other versions only for the content
 * types it parses (JSON, text, form, XML); otherwise the node reads the stream itself, as n8n's own
 * Webhook node does.
 */
export async function readRawBody(ctx: IWebhookFunctions): Promise<string> {
	const req = ctx.getRequestObject() as unknown as {
		rawBody?: unknown;
		readRawBody?: () => Promise<void>;
	};
	if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
	const raw = req.rawBody;
	if (Buffer.isBuffer(raw)) return raw.toString('utf8');
	if (typeof raw === 'string') return raw;
	// Without the raw bytes, fall back to the parsed body; signatures over re-serialised JSON may not match.
	const body = ctx.getBodyData();
	return body && Object.keys(body).length > 0 ? JSON.stringify(body) : '';
}

/** An HTTP answer that ends a delivery in webhook() (a refusal, a handshake, an ignored event). */
export interface Answer {
	status: number;
	body: IDataObject;
}

/** Answers the HTTP request directly (status + JSON body) and starts no execution. */
export function reply(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/** Ends the delivery with `a` (see reply). */
export function answer(ctx: IWebhookFunctions, a: Answer): IWebhookResponseData {
	return reply(ctx, a.status, a.body);
}

/**
 * The providers' delivery endpoint of every webhook trigger. `responseData: ''` makes n8n answer an
 * execution it starts with webhook()'s `webhookResponse` (see startExecution); without it n8n 2.x
 * would answer the text "firstEntryJson".
 */
export const DELIVERY_WEBHOOK: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	responseData: '',
	path: 'webhook',
};

/**
 * Starts an execution with `item` and leaves the answer (200 + `body`) to n8n. n8n 2.x sends an
 * onReceived answer only once the execution is stored (in queue mode: enqueued), so a delivery n8n
 * could not take (shutting down, database or Redis unavailable) is not acknowledged and the provider
 * sends it again; n8n 1.x answers first. Needs the trigger's webhook to be DELIVERY_WEBHOOK.
 */
export function startExecution(
	ctx: IWebhookFunctions,
	body: IDataObject,
	item: IDataObject,
): IWebhookResponseData {
	return { webhookResponse: body, workflowData: [ctx.helpers.returnJsonArray([item])] };
}

/**
 * Records a delivery (its identity, scoped to this workflow and node) in `guard`, and forgets it again
 * if n8n's answer is not a 2xx or never went out: the provider's retry of a delivery that started
 * nothing must not be dropped as a duplicate. True when this is the first delivery.
 */
export function firstDelivery(
	ctx: IWebhookFunctions,
	guard: DeliveryGuard,
	identity: string,
	windowMs: number,
	now = Date.now(),
): boolean {
	const key = guardKey(ctx, identity);
	if (!guard.firstSeen(key, windowMs, now)) return false;
	const res = ctx.getResponseObject();
	res.once('finish', () => {
		if (res.statusCode >= 200 && res.statusCode <= 299) guard.answered(key);
		else guard.forget(key);
	});
	res.once('close', () => {
		if (!res.writableFinished) guard.forget(key);
	});
	return true;
}

/**
 * The answer to a repeat of a delivery (firstDelivery was false): `duplicate()` once the first copy
 * was answered 2xx; 503 while the first copy still waits for n8n to store its execution, so that the
 * provider sends it again later instead of taking an acknowledgement for an event not stored yet.
 */
export function answerRepeat(
	ctx: IWebhookFunctions,
	guard: DeliveryGuard,
	identity: string,
	duplicate: () => IWebhookResponseData,
): IWebhookResponseData {
	if (!guard.inFlight(guardKey(ctx, identity))) return duplicate();
	ctx.getResponseObject().setHeader('Retry-After', '5');
	return reply(ctx, 503, {
		error: 'The first copy of this delivery is still being stored; send it again later',
	});
}

function guardKey(ctx: IWebhookFunctions, identity: string): string {
	return `${nodeScope(ctx)}|${identity}`;
}

/**
 * How long the duplicate guard remembers a delivery. A time check of ±windowMs accepts one signed
 * delivery for 2 × windowMs (dated up to windowMs ahead of the clock, then up to windowMs behind it), so
 * a replay is caught for as long as it would pass the check; never less than `floorMs` (the provider's
 * retries), which is all there is without a time check (windowMs 0).
 */
export function replayWindowMs(windowMs: number, floorMs: number): number {
	return Math.max(floorMs, 2 * windowMs);
}

/** Header value as a single string (first one when repeated). */
export function header(ctx: IWebhookFunctions, name: string): string | undefined {
	const value = ctx.getHeaderData()[name.toLowerCase()];
	if (Array.isArray(value)) return value[0];
	return typeof value === 'string' ? value : undefined;
}

/** A key unique to this workflow + node, for in-memory state shared across deliveries. */
export function nodeScope(ctx: IWebhookFunctions): string {
	return nodeFacts(ctx).scope;
}

interface NodeFacts {
	scope: string;
	/** Credential ID by credential type, as set on the node. */
	credentialIds: Record<string, string>;
}

/** NodeFacts per request context; a context lives for one request, and its entry goes with it. */
const nodeFactsOf = new WeakMap<IWebhookFunctions, NodeFacts>();

/** What a delivery needs of the node, read once per request: n8n's getNode() deep-copies the node. */
export function nodeFacts(ctx: IWebhookFunctions): NodeFacts {
	let facts = nodeFactsOf.get(ctx);
	if (facts === undefined) {
		const node = ctx.getNode();
		facts = {
			scope: `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`,
			credentialIds: Object.fromEntries(
				Object.entries(node.credentials ?? {}).map(([type, c]) => [type, c.id ?? '']),
			),
		};
		nodeFactsOf.set(ctx, facts);
	}
	return facts;
}
