/**
 * The JSON Schemas of the action nodes' output items, one per resource and operation, in the layout
 * n8n's loader serves them from (`/schemas/<node>/<x.y.z>/<resource>/<operation>.json` is read from
 * `__schema__/v<x.y.z>/<resource>/<operation>.json` beside the node's built file; the editor pads
 * the version to three parts, n8n 2.x pads it too). Gulp copies them into dist/.
 *
 * Their single source is what the nodes really emit: every action-node run of the unit and
 * integration suites (test/harness/n8n.ts `runNode`, against the simulators) records its items when
 * SCHEMA_SAMPLES names a folder, and `writeSchemas` infers each operation's schema from all of them.
 * Otherwise every run is validated against the committed schema (test/harness/outputSchemas.ts), so
 * a node whose output changes fails its own tests until the schemas are regenerated:
 *
 *   SCHEMA_SAMPLES=/tmp/schema-samples npx jest test/nodes test/credentials test/behaviour/faults test/behaviour/secrets
 *   SCHEMA_SAMPLES=/tmp/schema-samples SCHEMA_WRITE=1 npx jest test/nodes/outputSchemas
 *
 * The schemas hold types and field names only, never a value.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { ROOT } from '../real-n8n/host';

export type JsonSchema = {
	type?: string | string[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	required?: string[];
	additionalProperties?: boolean;
	[key: string]: unknown;
};

/** As n8n: "1" → "1.0.0", "1.1" → "1.1.0". */
export function padVersion(version: number | string): string {
	return String(version).split('.').concat(['0', '0']).slice(0, 3).join('.');
}

/** nodes/<Dir>/ of a node type: its name with the first letter upper-cased (huaweiCloudMeeting → HuaweiCloudMeeting). */
export function nodeDir(nodeType: INodeType): string {
	const name = nodeType.description.name;
	return join(ROOT, 'nodes', name[0].toUpperCase() + name.slice(1));
}

export function schemaFile(
	nodeType: INodeType,
	version: number | string,
	resource: string,
	operation: string,
): string {
	return join(
		nodeDir(nodeType),
		'__schema__',
		`v${padVersion(version)}`,
		resource,
		`${operation}.json`,
	);
}

/** Every resource and operation of an action node, from its description. */
export function operationsOf(nodeType: INodeType): Array<{ resource: string; operation: string }> {
	const out: Array<{ resource: string; operation: string }> = [];
	for (const p of nodeType.description.properties) {
		if (p.name !== 'operation' || !p.options) continue;
		for (const resource of (p.displayOptions?.show?.resource as string[] | undefined) ?? [])
			for (const option of p.options)
				if ('value' in option) out.push({ resource, operation: String(option.value) });
	}
	return out;
}

const typeOf = (value: unknown): string =>
	value === null
		? 'null'
		: Array.isArray(value)
			? 'array'
			: typeof value === 'number'
				? Number.isInteger(value)
					? 'integer'
					: 'number'
				: typeof value;

/**
 * The schema of `samples` (all the values one field took): the union of their types ("integer"
 * folded into "number" when both appear), of the properties of the objects among them, of the
 * elements of the arrays among them. On the item itself (`top`), the fields present in every sample
 * are required and no other field is allowed: a new or vanished output field fails the check.
 */
export function inferSchema(samples: unknown[], top = false): JsonSchema {
	const types = new Set(samples.map(typeOf));
	if (types.has('integer') && types.has('number')) types.delete('integer');
	const schema: JsonSchema = {};
	const list = [...types].sort();
	if (list.length > 0) schema.type = list.length === 1 ? list[0] : list;
	const objects = samples.filter((s) => typeOf(s) === 'object') as Array<Record<string, unknown>>;
	if (objects.length > 0) {
		const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))].sort();
		schema.properties = Object.fromEntries(
			keys.map((k) => [k, inferSchema(objects.filter((o) => k in o).map((o) => o[k]))]),
		);
		if (top) {
			const required = keys.filter((k) => objects.every((o) => k in o));
			if (required.length > 0) schema.required = required;
			schema.additionalProperties = false;
		}
	}
	const arrays = samples.filter(Array.isArray) as unknown[][];
	if (arrays.length > 0) {
		const elements = arrays.flat();
		schema.items = elements.length > 0 ? inferSchema(elements) : {};
	}
	return schema;
}

/** Where a run's items are recorded under SCHEMA_SAMPLES: <node>/<version>/<resource>/<operation>.jsonl. */
export function samplesFile(
	dir: string,
	nodeType: INodeType,
	version: number,
	resource: string,
	operation: string,
): string {
	return join(dir, nodeType.description.name, padVersion(version), resource, `${operation}.jsonl`);
}

/** Writes the schema of every operation recorded in `samplesDir` for the given node types. */
export function writeSchemas(samplesDir: string, nodeTypes: INodeType[]): string[] {
	const written: string[] = [];
	for (const nodeType of nodeTypes) {
		const base = join(samplesDir, nodeType.description.name);
		if (!existsSync(base)) continue;
		for (const version of readdirSync(base))
			for (const resource of readdirSync(join(base, version)))
				for (const file of readdirSync(join(base, version, resource))) {
					const operation = file.replace(/\.jsonl$/, '');
					const items = readFileSync(join(base, version, resource, file), 'utf8')
						.split('\n')
						.filter(Boolean)
						.flatMap((line) => JSON.parse(line) as unknown[]);
					const path = schemaFile(nodeType, version, resource, operation);
					mkdirSync(dirname(path), { recursive: true });
					writeFileSync(
						path,
						`${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...inferSchema(items, true) }, null, '\t')}\n`,
					);
					written.push(path);
				}
	}
	// As `prettier --write` leaves them (npm run lint checks them too).
	if (written.length > 0)
		execFileSync(join(ROOT, 'node_modules', '.bin', 'prettier'), [
			'--write',
			'--log-level=warn',
			...written,
		]);
	return written;
}
