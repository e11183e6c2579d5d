#!/usr/bin/env node
// `npm run mutate [-- piece …]`: StrykerJS over the configured scope, one piece after another
// (mutation/stryker.conf.mjs PIECES; all of them when none is named), each with its own incremental
// file (.cache/stryker/incremental-<piece>.json; missing, the piece runs in full), then
// mutation/summary.mjs over every piece's latest results. Exits 1 when a Stryker run fails or the
// summary's break (90 % overall, a piece without results, or a security survivor not explained) is
// not met.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { PIECES } from './stryker.conf.mjs';

// Stryker, its config's paths and the summary all work from the repository root.
const cwd = fileURLToPath(new URL('../', import.meta.url));

const asked = process.argv.slice(2);
const unknown = asked.filter((p) => !(p in PIECES));
if (unknown.length) {
	console.error(
		`unknown piece(s) ${unknown.join(', ')}; pieces: ${Object.keys(PIECES).join(', ')}`,
	);
	process.exit(2);
}
const pieces = asked.length ? asked : Object.keys(PIECES);
const failed = [];
for (const piece of pieces) {
	console.log(`\n== mutation testing: ${piece} ==`);
	const run = spawnSync('npx', ['stryker', 'run', 'mutation/stryker.conf.mjs'], {
		cwd,
		stdio: 'inherit',
		// FUZZ_RUNS=300: the fuzz suites' property runs per mutant (10,000 in npm test).
		env: { ...process.env, MUTATE_PIECE: piece, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '300' },
	});
	if (run.status !== 0) failed.push(piece);
}
const summary = spawnSync('node', ['mutation/summary.mjs', ...pieces], {
	cwd,
	stdio: 'inherit',
});
if (failed.length) console.error(`Stryker failed for: ${failed.join(', ')}`);
process.exit(failed.length || summary.status !== 0 ? 1 : 0);
