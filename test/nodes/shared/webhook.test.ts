/**
 * nodes/shared/webhook.ts: reading the raw body, answering (and telling n8n the answer is sent),
 * headers, the node scope and the replay window; firstDelivery and answerRepeat, the duplicate guard
 * driven by n8n's answer: a delivery is remembered only once it was answered 2xx, and a repeat of
 * one still being stored gets 503 with Retry-After, never an acknowledgement.
 */
import { EventEmitter } from 'node:events';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { DeliveryGuard } from '../../../nodes/shared/dedupe';
import {
	answerRepeat,
	firstDelivery,
	header,
	nodeFacts,
	nodeScope,
	readRawBody,
	replayWindowMs,
	reply,
} from '../../../nodes/shared/webhook';

describe('readRawBody', () => {
	const ctx = (req: Record<string, unknown>, body: Record<string, unknown> = {}) =>
		({ getRequestObject: () => req, getBodyData: () => body }) as never;

	it('uses rawBody when n8n filled it (typeVersion 1, or a content type n8n parses)', async () => {
		const read = jest.fn();
		expect(await readRawBody(ctx({ rawBody: Buffer.from('{"a":1}'), readRawBody: read }))).toBe(
			'{"a":1}',
		);
		expect(read).not.toHaveBeenCalled();
	});

	it('reads the stream itself when n8n did not (typeVersion 1.1 and a content type n8n does not parse)', async () => {
		const req: Record<string, unknown> = {};
		req.readRawBody = async () => {
			req.rawBody = Buffer.from('{"CallbackCommand":"x","n":144115233775727695}');
		};
		expect(await readRawBody(ctx(req))).toBe('{"CallbackCommand":"x","n":144115233775727695}');
	});

	it('falls back to the parsed body only when there is no stream to read', async () => {
		expect(await readRawBody(ctx({}, { a: 1 }))).toBe('{"a":1}');
		expect(await readRawBody(ctx({}))).toBe('');
	});
});

describe('reply', () => {
	it('reply() tells n8n the answer is sent, so that n8n does not answer again', () => {
		const res = { status: () => res, json: () => res };
		const ctx = { getResponseObject: () => res } as unknown as IWebhookFunctions;
		expect(reply(ctx, 401, { error: 'x' })).toEqual({ noWebhookResponse: true });
	});
});

describe('header', () => {
	it('a header is read case-insensitively, the first of repeated ones, strings only', () => {
		const ctx = (headers: IDataObject) =>
			({ getHeaderData: () => headers }) as unknown as IWebhookFunctions;
		expect(header(ctx({ 'x-a': 'v' }), 'X-A')).toBe('v');
		expect(header(ctx({ 'x-a': ['v1', 'v2'] }), 'x-a')).toBe('v1');
		expect(header(ctx({ 'x-a': 5 }), 'x-a')).toBeUndefined();
		expect(header(ctx({}), 'x-a')).toBeUndefined();
	});
});

describe('nodeScope', () => {
	it('nodeScope keys state by workflow ID and node ID (the name only when there is no ID)', () => {
		const ctx = (workflowId: string | undefined, node: object) =>
			({
				getWorkflow: () => ({ id: workflowId }),
				getNode: () => node,
			}) as unknown as IWebhookFunctions;
		expect(nodeScope(ctx('wf1', { id: 'n1', name: 'Trigger' }))).toBe('wf1:n1');
		expect(nodeScope(ctx('wf1', { name: 'Trigger' }))).toBe('wf1:Trigger');
		expect(nodeScope(ctx(undefined, { id: 'n1', name: 'Trigger' }))).toBe(':n1');
	});

	it("reads the node once per request context (n8n's getNode() deep-copies it), not across requests", () => {
		const node = { id: 'n1', name: 'Trigger', credentials: { someApi: { id: 'c1', name: 'c' } } };
		const request = () => {
			const getNode = jest.fn(() => structuredClone(node));
			const ctx = { getWorkflow: () => ({ id: 'wf1' }), getNode } as unknown as IWebhookFunctions;
			return { ctx, getNode };
		};
		const first = request();
		expect(nodeScope(first.ctx)).toBe('wf1:n1');
		expect(nodeFacts(first.ctx)).toEqual({
			scope: 'wf1:n1',
			credentialIds: { someApi: 'c1' },
		});
		expect(nodeScope(first.ctx)).toBe('wf1:n1');
		expect(first.getNode).toHaveBeenCalledTimes(1);
		// The next request has its own context and reads the node again (a renamed node, a new credential).
		node.id = 'n2';
		node.credentials.someApi.id = 'c2';
		const second = request();
		expect(nodeFacts(second.ctx)).toEqual({ scope: 'wf1:n2', credentialIds: { someApi: 'c2' } });
		expect(second.getNode).toHaveBeenCalledTimes(1);
	});
});

describe('replayWindowMs', () => {
	it('is twice the time window (dated up to the window ahead, then up to it behind), never under the floor', () => {
		expect(replayWindowMs(600_000, 300_000)).toBe(1_200_000);
		expect(replayWindowMs(100_000, 300_000)).toBe(300_000);
		expect(replayWindowMs(150_000, 300_000)).toBe(300_000);
		// No time check: the floor alone.
		expect(replayWindowMs(0, 300_000)).toBe(300_000);
	});
});

describe('firstDelivery', () => {
	/** The part of IWebhookFunctions it uses: the response, as an Express response emits its events. */
	function context(workflowId = 'w1', nodeId = 'n1') {
		const res = Object.assign(new EventEmitter(), { statusCode: 200, writableFinished: false });
		const answer = (status: number) => {
			res.statusCode = status;
			res.writableFinished = true;
			res.emit('finish');
			res.emit('close');
		};
		const ctx = {
			getResponseObject: () => res,
			getWorkflow: () => ({ id: workflowId }),
			getNode: () => ({ id: nodeId, name: 'Trigger' }),
		} as unknown as IWebhookFunctions;
		return { ctx, res, answer };
	}

	it.each([200, 204, 299])('keeps a delivery answered %i', (status) => {
		const guard = new DeliveryGuard(4);
		const { ctx, answer } = context();
		expect(firstDelivery(ctx, guard, 'k', 60_000)).toBe(true);
		answer(status);
		expect(firstDelivery(context().ctx, guard, 'k', 60_000)).toBe(false);
	});

	it.each([199, 300, 400, 500, 503])('forgets a delivery answered %i', (status) => {
		const guard = new DeliveryGuard(4);
		const { ctx, answer } = context();
		expect(firstDelivery(ctx, guard, 'k', 60_000)).toBe(true);
		answer(status);
		expect(firstDelivery(context().ctx, guard, 'k', 60_000)).toBe(true);
	});

	it('forgets a delivery whose connection closed before any answer', () => {
		const guard = new DeliveryGuard(4);
		const { ctx, res } = context();
		expect(firstDelivery(ctx, guard, 'k', 60_000)).toBe(true);
		res.emit('close');
		expect(firstDelivery(context().ctx, guard, 'k', 60_000)).toBe(true);
	});

	it("scopes the identity to the workflow and node: another workflow's or node's copy is its own first", () => {
		const guard = new DeliveryGuard(8);
		const first = context('w1', 'n1');
		expect(firstDelivery(first.ctx, guard, 'k', 60_000)).toBe(true);
		first.answer(200);
		expect(firstDelivery(context('w2', 'n1').ctx, guard, 'k', 60_000)).toBe(true);
		expect(firstDelivery(context('w1', 'n2').ctx, guard, 'k', 60_000)).toBe(true);
		expect(firstDelivery(context('w1', 'n1').ctx, guard, 'k', 60_000)).toBe(false);
	});

	it('a duplicate neither records nor forgets: the first delivery stays', () => {
		const guard = new DeliveryGuard(4);
		const first = context();
		expect(firstDelivery(first.ctx, guard, 'k', 60_000)).toBe(true);
		first.answer(200);
		const dup = context();
		expect(firstDelivery(dup.ctx, guard, 'k', 60_000)).toBe(false);
		dup.answer(500);
		expect(dup.res.listenerCount('finish')).toBe(0);
		expect(firstDelivery(context().ctx, guard, 'k', 60_000)).toBe(false);
	});
});

describe('answerRepeat', () => {
	function context() {
		const headers: Record<string, string> = {};
		const sent: Array<{ status: number; body: unknown }> = [];
		const res = Object.assign(new EventEmitter(), {
			statusCode: 200,
			writableFinished: false,
			setHeader: (name: string, value: string) => (headers[name] = value),
			status: (status: number) => ({ json: (body: unknown) => sent.push({ status, body }) }),
		});
		const ctx = {
			getResponseObject: () => res,
			getWorkflow: () => ({ id: 'w1' }),
			getNode: () => ({ id: 'n1', name: 'Trigger' }),
		} as unknown as IWebhookFunctions;
		const answer = (status: number) => {
			res.statusCode = status;
			res.writableFinished = true;
			res.emit('finish');
			res.emit('close');
		};
		return { ctx, headers, sent, answer, res };
	}
	const duplicate = () => ({ webhookResponse: 'duplicate' });

	it('503 with Retry-After while the first copy is not answered; the duplicate answer once it was answered 2xx', () => {
		const guard = new DeliveryGuard(4);
		const first = context();
		expect(firstDelivery(first.ctx, guard, 'k', 60_000)).toBe(true);
		const early = context();
		expect(firstDelivery(early.ctx, guard, 'k', 60_000)).toBe(false);
		expect(answerRepeat(early.ctx, guard, 'k', duplicate)).toEqual({ noWebhookResponse: true });
		expect(early.sent).toEqual([
			{
				status: 503,
				body: {
					error: 'The first copy of this delivery is still being stored; send it again later',
				},
			},
		]);
		expect(early.headers).toEqual({ 'Retry-After': '5' });
		first.answer(200);
		const late = context();
		expect(firstDelivery(late.ctx, guard, 'k', 60_000)).toBe(false);
		expect(answerRepeat(late.ctx, guard, 'k', duplicate)).toEqual(duplicate());
		expect(late.sent).toEqual([]);
	});

	it('the in-flight mark is scoped like the key, and ends with a failed answer or a closed connection', () => {
		const guard = new DeliveryGuard(8);
		const first = context();
		firstDelivery(first.ctx, guard, 'k', 60_000);
		expect(guard.inFlight('w1:n1|k')).toBe(true);
		expect(guard.inFlight('k')).toBe(false);
		first.answer(500);
		expect(guard.inFlight('w1:n1|k')).toBe(false);
		const second = context();
		expect(firstDelivery(second.ctx, guard, 'k', 60_000)).toBe(true);
		second.res.emit('close');
		expect(guard.inFlight('w1:n1|k')).toBe(false);
	});
});
