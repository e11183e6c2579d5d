/**
 * Loads every built node and credential listed in package.json from dist/ (run `npm run build`
 * first; `npm test` does) and checks that n8n-workflow accepts them, that the files n8n needs are
 * there, and that the built code needs nothing n8n does not provide.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import type { ICredentialType, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** As n8n's loader does: the class named like the file (Foo.node.js exports class Foo). */
function loadClass<T>(file: string): T {
	const exported = require(join(root, file)) as Record<string, new () => T>;
	const name = file.split('/').pop()!.split('.')[0];
	expect(typeof exported[name]).toBe('function');
	return new exported[name]();
}

function iconFiles(icon: unknown): string[] {
	if (typeof icon === 'string') return [icon];
	if (icon && typeof icon === 'object') return Object.values(icon as Record<string, string>);
	return [];
}

describe('the built package', () => {
	it('follows the community-package rules in package.json', () => {
		expect(pkg.name).toBe('n8n-nodes-meeting-events');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(file).toMatch(/^dist\//);
	});

	const nodeFiles: string[] = pkg.n8n.nodes;
	const nodes = nodeFiles.map((file) => ({ file, node: loadClass<INodeType>(file) }));

	it.each(nodeFiles)('%s: n8n-workflow accepts the node description', (file) => {
		const { node } = nodes.find((n) => n.file === file)!;
		const d = node.description;
		expect(d.name).toMatch(/^[a-z][A-Za-z]+$/);
		const defaults = NodeHelpers.getNodeParameters(d.properties, {}, true, false, null, d);
		expect(defaults).not.toBeNull();
		for (const icon of iconFiles(d.icon))
			expect(existsSync(join(root, dirname(file), icon.replace('file:', '')))).toBe(true);
		const codex = JSON.parse(readFileSync(join(root, file.replace(/\.js$/, '.json')), 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.${d.name}`);
		if (d.group.includes('trigger')) {
			expect(d.inputs).toEqual([]);
			expect(d.name.endsWith('Trigger')).toBe(true);
			expect(d.usableAsTool).toBeUndefined();
		} else {
			expect(d.usableAsTool).toBe(true);
		}
		for (const cred of d.credentials ?? []) {
			expect(
				pkg.n8n.credentials.some((c: string) =>
					c.includes(`/${cred.name[0].toUpperCase()}${cred.name.slice(1)}.credentials.js`),
				),
			).toBe(true);
		}
	});

	it('n8n builds a workflow holding every node with its defaults', () => {
		const byName = new Map(nodes.map(({ node }) => [`${pkg.name}.${node.description.name}`, node]));
		const nodeTypes: INodeTypes = {
			getByName: (name: string) => byName.get(name) as INodeType | IVersionedNodeType,
			getByNameAndVersion: (name: string) => byName.get(name) as INodeType,
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({
			nodes: nodes.map(({ node }, i) => ({
				id: String(i),
				name: node.description.displayName,
				type: `${pkg.name}.${node.description.name}`,
				typeVersion: 1,
				position: [i * 200, 0],
				parameters: {},
			})),
			connections: {},
			active: false,
			nodeTypes,
		});
		expect(Object.keys(workflow.nodes)).toHaveLength(nodes.length);
		for (const n of Object.values(workflow.nodes))
			expect(Object.keys(n.parameters).length).toBeGreaterThan(0);
	});

	it.each(pkg.n8n.credentials as string[])('%s: n8n-workflow accepts the credential', (file) => {
		const cred = loadClass<ICredentialType>(file);
		expect(
			NodeHelpers.getNodeParameters(cred.properties, {}, true, false, null, null),
		).not.toBeNull();
		// A Test button: the credential's own request, or a node's credentialTest (testedBy) when
		// nothing can be requested with it (the TRTC callback key: TRTC has no callback API).
		const testedBy = (pkg.n8n.nodes as string[]).some((nodeFile) =>
			loadClass<INodeType>(nodeFile).description.credentials?.some(
				(c) => c.name === cred.name && typeof c.testedBy === 'string',
			),
		);
		expect(cred.test !== undefined || testedBy).toBe(true);
		// What the editor shows: a name, and a help link to the provider's documentation.
		expect(cred.displayName).toMatch(/^(Huawei|Tencent) Cloud (.+ )?API$/);
		expect(cred.documentationUrl).toMatch(/^https:\/\/(support\.huaweicloud\.com|trtc\.io)\//);
		for (const icon of iconFiles(cred.icon))
			expect(existsSync(join(root, dirname(file), icon.replace('file:', '')))).toBe(true);
		// Every secret is a password field (the access key ID and Tencent's SecretId are identifiers).
		const secrets = cred.properties.filter(
			(p) =>
				/key|secret|password|token/i.test(p.name) &&
				p.type === 'string' &&
				!['accessKey', 'secretId'].includes(p.name),
		);
		expect(secrets.length).toBeGreaterThan(0);
		for (const p of secrets) expect(p.typeOptions?.password).toBe(true);
	});

	it('requires nothing at run time but n8n-workflow, zod and Node built-ins', () => {
		const allowed = new Set(['n8n-workflow', 'zod', 'zod/v4', 'crypto', 'node:crypto']);
		const walk = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
				e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
			);
		const js = walk(join(root, 'dist')).filter((f) => f.endsWith('.js'));
		expect(js.length).toBeGreaterThan(0);
		for (const file of js) {
			const source = readFileSync(file, 'utf8');
			for (const [, spec] of source.matchAll(/require\("([^"]+)"\)/g)) {
				if (spec.startsWith('.')) continue;
				expect(`${relative(root, file)}: ${spec}`).toBe(
					`${relative(root, file)}: ${allowed.has(spec) ? spec : 'not allowed'}`,
				);
			}
			expect(source).not.toMatch(/\bprocess\.|\bsetTimeout\(|\bsetInterval\(|require\("fs"\)/);
		}
	});
});
