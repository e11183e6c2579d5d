#!/usr/bin/env node
// Writes mutation/results.json (committed) from every piece's latest Stryker results
// (mutation/stryker.conf.mjs PIECES): the mutation score overall and per file, per piece with the date
// of its run, the security paths' share, and the surviving mutants with their line, code and mutator.
// A piece's results come from its incremental file (.cache/stryker/incremental-<piece>.json, a full
// mutation-testing report, git-ignored) when there is one, otherwise from the committed
// mutation/results.json itself (its files and survivors carry their piece), so the whole scope is
// scored on a clone or in a CI job that ran only one piece. A survivor that is equivalent (no test can
// tell it from the original) carries the reason from mutation/equivalents.json, matched by file,
// mutator and the code of its line. Arguments: the pieces that just ran (their date is now; the others
// keep theirs). Exits 1 below 90 % overall, when a piece has no results, or when a survivor is left
// unexplained on the security paths.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { incrementalFile, PIECES, SECURITY } from './stryker.conf.mjs';

const BREAK = 90;
const RESULTS = 'mutation/results.json';
const root = new URL('../', import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const equivalents = read('mutation/equivalents.json');
const previous = existsSync(new URL(RESULTS, root)) ? read(RESULTS) : {};
const justRan = new Set(process.argv.slice(2));
const counted = (status) => ['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(status);
const detected = (status) => status === 'Killed' || status === 'Timeout';
const score = (killed, all) => (all ? +((100 * killed) / all).toFixed(1) : 100);
const explain = (survivor) => {
	const equivalent = equivalents.find(
		(e) =>
			e.file === survivor.file &&
			e.mutator === survivor.mutator &&
			survivor.code.includes(e.code) &&
			(e.replacement === undefined || e.replacement === survivor.replacement) &&
			(e.column === undefined || e.column === survivor.column),
	);
	const { equivalent: _, ...rest } = survivor;
	return equivalent ? { ...rest, equivalent: equivalent.why } : rest;
};

const files = {};
const pieces = {};
const survivors = [];
const kept = [];
for (const piece of Object.keys(PIECES)) {
	const path = incrementalFile(piece);
	if (!existsSync(new URL(path, root))) {
		// No local state for this piece: its results as last committed.
		if (!previous.pieces?.[piece]?.measured) {
			pieces[piece] = { measured: false };
			continue;
		}
		kept.push(piece);
		pieces[piece] = previous.pieces[piece];
		for (const [file, result] of Object.entries(previous.files ?? {})) {
			if (result.piece === piece) files[file] = result;
		}
		for (const s of previous.survivorList ?? []) if (s.piece === piece) survivors.push(explain(s));
		continue;
	}
	let pieceAll = 0;
	let pieceCaught = 0;
	for (const [file, result] of Object.entries(read(path).files)) {
		const mutants = result.mutants.filter((m) => counted(m.status));
		const killed = mutants.filter((m) => detected(m.status)).length;
		pieceAll += mutants.length;
		pieceCaught += killed;
		files[file] = {
			piece,
			mutants: mutants.length,
			detected: killed,
			score: score(killed, mutants.length),
		};
		const lines = result.source.split('\n');
		for (const m of result.mutants.filter(
			(x) => x.status === 'Survived' || x.status === 'NoCoverage',
		)) {
			survivors.push(
				explain({
					piece,
					file,
					line: m.location.start.line,
					column: m.location.start.column,
					code: lines[m.location.start.line - 1].trim(),
					mutator: m.mutatorName,
					replacement: m.replacement,
					status: m.status,
				}),
			);
		}
	}
	pieces[piece] = {
		measured: true,
		date: justRan.has(piece) ? new Date().toISOString() : previous.pieces?.[piece]?.date,
		mutants: pieceAll,
		detected: pieceCaught,
		score: score(pieceCaught, pieceAll),
	};
}

const sum = (entries, key) => entries.reduce((n, f) => n + f[key], 0);
const all = sum(Object.values(files), 'mutants');
const caught = sum(Object.values(files), 'detected');
const security = Object.entries(files)
	.filter(([path]) => SECURITY.includes(path))
	.map(([, f]) => f);
const unexplained = survivors.filter((s) => !s.equivalent);
const missing = Object.keys(pieces).filter((p) => !pieces[p].measured);
const summary = {
	tool: 'StrykerJS (npm run mutate; one piece: npm run mutate -- <piece>)',
	scope: missing.length
		? `mutation/stryker.conf.mjs PIECES without ${missing.join(', ')} (not measured)`
		: `everything configured (mutation/stryker.conf.mjs PIECES: ${Object.keys(PIECES).join(', ')})`,
	score: score(caught, all),
	mutants: all,
	detected: caught,
	survivors: survivors.length,
	unexplained: unexplained.length,
	pieces,
	securityPaths: {
		score: score(sum(security, 'detected'), sum(security, 'mutants')),
		mutants: sum(security, 'mutants'),
		detected: sum(security, 'detected'),
		unexplained: unexplained.filter((s) => SECURITY.includes(s.file)).length,
	},
	files,
	survivorList: survivors,
};
writeFileSync(new URL(RESULTS, root), `${JSON.stringify(summary, null, 2)}\n`);
console.log(
	`mutation score ${summary.score}% (${caught}/${all}) over ${summary.scope}; ${survivors.length} survivors, ${unexplained.length} not explained as equivalent; written to ${RESULTS}` +
		(kept.length
			? ` (${kept.join(', ')} as last committed: no ${incrementalFile('<piece>')} here)`
			: ''),
);
const broken = [
	...(summary.score < BREAK ? [`score below ${BREAK} %`] : []),
	...(missing.length ? [`no results for ${missing.join(', ')}`] : []),
	...(summary.securityPaths.unexplained ? ['a security survivor not explained'] : []),
];
if (broken.length) {
	console.error(`mutation testing break: ${broken.join('; ')}`);
	process.exit(1);
}
