/**
 * What `runNode` does with an action node's output items besides returning them
 * (tools/schemas/output-schemas.ts explains the schemas):
 * - with SCHEMA_SAMPLES set, records them for `writeSchemas`;
 * - otherwise validates each against the committed schema of its resource and operation, and throws
 *   when one does not match (or the schema is missing), naming the field. A node with no
 *   `__schema__` folder at all is not checked.
 * Items of an error caught by "Continue On Fail" are n8n's, not the operation's, and are left out.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import Ajv from 'ajv';
import type { INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import type { JsonSchema } from '../../tools/schemas/output-schemas';
import { nodeDir, samplesFile, schemaFile } from '../../tools/schemas/output-schemas';

const ajv = new Ajv({ allErrors: true });
const validators = new Map<string, Ajv.ValidateFunction>();

function validatorFor(path: string) {
	let validate = validators.get(path);
	if (!validate) {
		validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as JsonSchema);
		validators.set(path, validate);
	}
	return validate;
}

export function checkOutputSchema(
	nodeType: INodeType,
	node: INode,
	output: INodeExecutionData[] | undefined,
): void {
	const { resource, operation } = node.parameters as { resource?: unknown; operation?: unknown };
	if (typeof resource !== 'string' || typeof operation !== 'string' || !output) return;
	const items = output
		.map((item) => item.json)
		.filter((json) => !(node.continueOnFail && 'error' in json));
	if (items.length === 0) return;
	const samples = process.env.SCHEMA_SAMPLES;
	if (samples) {
		const file = samplesFile(samples, nodeType, node.typeVersion, resource, operation);
		mkdirSync(dirname(file), { recursive: true });
		appendFileSync(file, `${JSON.stringify(items)}\n`);
		return;
	}
	// A node without schemas yet is not checked (test/nodes/outputSchemas.test.ts lists those that must have them).
	if (!existsSync(join(nodeDir(nodeType), '__schema__'))) return;
	const path = schemaFile(nodeType, node.typeVersion, resource, operation);
	if (!existsSync(path))
		throw new Error(
			`No output schema for ${resource} → ${operation}: ${path} (see tools/schemas/output-schemas.ts)`,
		);
	const validate = validatorFor(path);
	for (const item of items)
		if (!validate(item))
			throw new Error(
				`The ${resource} → ${operation} item does not match ${path}: ${ajv.errorsText(validate.errors)} (regenerate the schemas: tools/schemas/output-schemas.ts)`,
			);
}
