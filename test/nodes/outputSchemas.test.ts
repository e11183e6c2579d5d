/**
 * The action nodes' output schemas (tools/schemas/output-schemas.ts): one per resource and operation,
 * in the layout n8n serves them from, each with what n8n's editor needs to show it (an object with
 * properties). That every real output matches its schema is checked by each node's own tests
 * (test/harness/outputSchemas.ts, called by runNode). With SCHEMA_SAMPLES and SCHEMA_WRITE set, this
 * file writes the schemas from the recorded samples first.
 */
import { readFileSync } from 'node:fs';

import type { INodeType } from 'n8n-workflow';

import { HuaweiCloudMeeting } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeeting.node';
import { HuaweiCloudSparkRtc } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtc.node';
import { TencentCloudRoom } from '../../nodes/TencentCloudRoom/TencentCloudRoom.node';
import { TencentCloudRtc } from '../../nodes/TencentCloudRtc/TencentCloudRtc.node';
import {
	inferSchema,
	operationsOf,
	padVersion,
	schemaFile,
	writeSchemas,
} from '../../tools/schemas/output-schemas';

const ACTION_NODES: INodeType[] = [
	new HuaweiCloudMeeting(),
	new HuaweiCloudSparkRtc(),
	new TencentCloudRoom(),
	new TencentCloudRtc(),
];

if (process.env.SCHEMA_SAMPLES && process.env.SCHEMA_WRITE)
	writeSchemas(process.env.SCHEMA_SAMPLES, ACTION_NODES);

describe('output schemas of the action nodes', () => {
	describe.each(ACTION_NODES.map((n) => [n.description.displayName, n] as const))(
		'%s',
		(_, node) => {
			const version = node.description.version as number;
			it.each(operationsOf(node).map((o) => [o.resource, o.operation]))(
				'%s → %s has a schema n8n can serve and show',
				(resource, operation) => {
					const path = schemaFile(node, version, resource, operation);
					expect(path).toContain(
						`/__schema__/v${padVersion(version)}/${resource}/${operation}.json`,
					);
					const schema = JSON.parse(readFileSync(path, 'utf8'));
					expect(schema.type).toBe('object');
					expect(Object.keys(schema.properties).length).toBeGreaterThan(0);
				},
			);
		},
	);
});

describe('inferSchema', () => {
	it('unites types, properties and array elements; required and closed only on the item', () => {
		expect(
			inferSchema(
				[
					{ a: 1, b: 'x', c: [{ d: null }] },
					{ a: 1.5, c: [{ d: 'y', e: true }], f: null },
				],
				true,
			),
		).toEqual({
			type: 'object',
			properties: {
				a: { type: 'number' },
				b: { type: 'string' },
				c: {
					type: 'array',
					items: {
						type: 'object',
						properties: { d: { type: ['null', 'string'] }, e: { type: 'boolean' } },
					},
				},
				f: { type: 'null' },
			},
			required: ['a', 'c'],
			additionalProperties: false,
		});
		expect(inferSchema([[], 2])).toEqual({ type: ['array', 'integer'], items: {} });
	});
});
