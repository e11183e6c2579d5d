import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

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

/** Header value as a single string (first one when repeated). */
export function header(ctx: IWebhookFunctions, name: string): string | undefined {
	const value = ctx.getHeaderData()[name.toLowerCase()];
	if (Array.isArray(value)) return value[0];
	return typeof value === 'string' ? value : undefined;
}

/** A key unique to this workflow + node, for in-memory state shared across deliveries. */
export function nodeScope(ctx: IWebhookFunctions): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
}
