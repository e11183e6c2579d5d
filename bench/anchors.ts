/**
 * The anchors the triggers are measured against in a real n8n (b), each one workflow:
 *   - the bare Webhook node (onReceived): n8n's own node, which n8n 2.x lets skip the expression
 *     isolate during the webhook phase; a ceiling no community trigger can reach with the defaults;
 *   - the do-nothing trigger (bench/fixtures/n8n-nodes-bench-floor): a community trigger that starts
 *     an execution with the body and lets n8n answer; n8n's floor for any trigger node;
 *   - the same trigger holding a credential it never reads: n8n's floor for a trigger that registers
 *     with a provider, which must hold one (n8n checks a workflow's credentials at every execution);
 *   - the do-it-yourself workflow: what a user builds without this package for Huawei's event push:
 *     Webhook (respond via node) → Crypto (HMAC-SHA256 over Huawei's signed string) → IF (equal) →
 *     Respond to Webhook 200 / 401. It checks the signature and nothing else (no window, no duplicate
 *     guard, no handshake, no registration).
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { signedPush } from '../test/simulator/huaweiMeeting';
import { ROOT } from '../tools/real-n8n/host';
import type { N8nRest } from '../tools/real-n8n/host';
import type { LoadCase } from './load';

/** The fixture package the bench installs next to ours. */
export const FLOOR_PACKAGE = join(ROOT, 'bench', 'fixtures', 'n8n-nodes-bench-floor');

export const ANCHOR = {
	bare: 'bare Webhook node',
	doNothing: 'do-nothing trigger',
	doNothingCredential: 'do-nothing trigger holding a credential',
	diy: 'do-it-yourself workflow (Webhook → Crypto → IF → Respond)',
};

const position = (x: number, y = 0) => [x, y];

/** A webhook ID (UUID form) derived from `seed`. */
export function uuidFor(seed: string): string {
	const h = createHash('md5').update(seed).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A Huawei meeting.started push signed with `key`, distinct per `i`. */
export function huaweiPush(appId: string, key: string, i: number, now = Date.now()): string {
	const eventInfo = {
		event: 'meeting.started',
		timestamp: now,
		payload: { meetingInfo: { meetingID: String(700000000 + i), meetingUUID: `diy${i}` } },
	};
	return signedPush(appId, key, eventInfo, `n${i}`, now);
}

/**
 * Creates and activates the three anchor workflows; their load cases (Huawei pushes as the body), and
 * `forged`: a push with a wrong signature (the do-it-yourself workflow must answer it 401).
 */
export async function createAnchors(
	rest: N8nRest,
	line: number,
	baseUrl: string,
	tag: string,
): Promise<{ cases: LoadCase[]; forged: () => { body: string; headers: Record<string, string> } }> {
	const activate = async (name: string, nodes: IDataObject[], connections: IDataObject = {}) => {
		const created = await rest.createWorkflow({
			name: `${tag} ${name}`,
			nodes,
			connections,
			settings: { executionOrder: 'v1' },
		});
		await rest.setActive(line, created.id, true);
		return created.id;
	};
	const json = () => ({ 'content-type': 'application/json' });
	const appId = 'diy-app';
	const key = randomBytes(24).toString('hex');
	const request = (i: number) => ({ body: huaweiPush(appId, key, i), headers: json() });
	const forged = () => ({ body: huaweiPush(appId, `${key}x`, 0), headers: json() });

	const bareId = await activate('bare', [
		{
			id: 'bare',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: position(0),
			webhookId: uuidFor(`${tag}-bare`),
			parameters: { httpMethod: 'POST', path: `${tag}-bare`, responseMode: 'onReceived' },
		},
	]);
	const doNothingHook = uuidFor(`${tag}-do-nothing`);
	const doNothingId = await activate('do-nothing', [
		{
			id: 'floor',
			name: 'Do Nothing Trigger',
			type: 'n8n-nodes-bench-floor.doNothingTrigger',
			typeVersion: 1.1,
			position: position(0),
			webhookId: doNothingHook,
			parameters: {},
		},
	]);
	const doNothingUrl = `${baseUrl}/webhook/${doNothingHook}/webhook`;
	const floorCredential = await rest.createCredential(`${tag} floor`, 'benchFloorApi', {
		token: randomBytes(8).toString('hex'),
	});
	const holdingHook = uuidFor(`${tag}-do-nothing-credential`);
	const holdingId = await activate('do-nothing holding a credential', [
		{
			id: 'floorc',
			name: 'Do Nothing Trigger',
			type: 'n8n-nodes-bench-floor.doNothingTrigger',
			typeVersion: 1.1,
			position: position(0),
			webhookId: holdingHook,
			parameters: {},
			credentials: { benchFloorApi: { id: floorCredential.id, name: floorCredential.name } },
		},
	]);

	const crypto = await rest.createCredential(`${tag} diy hmac`, 'crypto', { hmacSecret: key });
	const diyId = await activate(
		'do-it-yourself',
		[
			{
				id: 'diy-hook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: position(0),
				webhookId: uuidFor(`${tag}-diy`),
				parameters: { httpMethod: 'POST', path: `${tag}-diy`, responseMode: 'responseNode' },
			},
			{
				id: 'diy-hmac',
				name: 'Crypto',
				type: 'n8n-nodes-base.crypto',
				typeVersion: 2,
				position: position(220),
				parameters: {
					action: 'hmac',
					type: 'SHA256',
					value:
						'={{ $json.body.appID + $json.body.timestamp + $json.body.nonce + JSON.stringify($json.body.eventInfo) }}',
					dataPropertyName: 'expected',
					encoding: 'hex',
				},
				credentials: { crypto: { id: crypto.id, name: crypto.name } },
			},
			{
				id: 'diy-if',
				name: 'Signature matches',
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: position(440),
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{
								id: 'sig',
								leftValue: '={{ $json.expected }}',
								rightValue: '={{ $json.body.signature }}',
								operator: { type: 'string', operation: 'equals' },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
			},
			{
				id: 'diy-ok',
				name: 'Respond 200',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: position(660, -100),
				parameters: { respondWith: 'json', responseBody: '{"message":"Event received"}' },
			},
			{
				id: 'diy-no',
				name: 'Respond 401',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: position(660, 100),
				parameters: {
					respondWith: 'json',
					responseBody: '{"error":"Invalid signature"}',
					options: { responseCode: 401 },
				},
			},
		],
		{
			Webhook: { main: [[{ node: 'Crypto', type: 'main', index: 0 }]] },
			Crypto: { main: [[{ node: 'Signature matches', type: 'main', index: 0 }]] },
			'Signature matches': {
				main: [
					[{ node: 'Respond 200', type: 'main', index: 0 }],
					[{ node: 'Respond 401', type: 'main', index: 0 }],
				],
			},
		},
	);
	// bare, do-nothing, do-nothing holding a credential, do-it-yourself
	const cases = [
		{ label: ANCHOR.bare, url: `${baseUrl}/webhook/${tag}-bare`, workflowId: bareId },
		{ label: ANCHOR.doNothing, url: doNothingUrl, workflowId: doNothingId },
		{
			label: ANCHOR.doNothingCredential,
			url: `${baseUrl}/webhook/${holdingHook}/webhook`,
			workflowId: holdingId,
		},
		{ label: ANCHOR.diy, url: `${baseUrl}/webhook/${tag}-diy`, workflowId: diyId },
	].map((c) => ({ ...c, perRequest: 1, request }));
	return { cases, forged };
}
