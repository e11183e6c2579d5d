import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** The request body exactly as received (signatures are computed over these bytes). */
export function readRawBody(ctx: IWebhookFunctions): string {
	const req = ctx.getRequestObject() as unknown as { rawBody?: unknown };
	const raw = req.rawBody;
	if (Buffer.isBuffer(raw)) return raw.toString('utf8');
	if (typeof raw === 'string') return raw;
	// Without the raw bytes, fall back to the parsed body; signatures over re-serialised JSON may not match.
	const body = ctx.getBodyData();
	return body && Object.keys(body).length > 0 ? JSON.stringify(body) : '';
}

/** Answers the HTTP request directly (status + JSON body) and starts no execution. */
export function reply(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
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
