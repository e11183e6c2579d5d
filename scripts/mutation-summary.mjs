#!/usr/bin/env node
// Writes bench/mutation.json from Stryker's JSON report (reports/mutation/mutation.json), with the scope
// it measured (MUTATE_SCOPE=security, or everything): the mutation score per file and overall, the
// security paths' share, the surviving mutants with their line, code and mutator, and the run's date. A
// survivor that is equivalent (no test can tell it from the original) carries the reason from
// scripts/mutation-equivalents.json, matched by file, mutator and the code of its line; the summary
// counts the survivors left unexplained.
import { readFileSync, writeFileSync } from 'node:fs';

import { SECURITY, SECURITY_RUN } from '../stryker.conf.mjs';

const root = new URL('../', import.meta.url);
const report = JSON.parse(readFileSync(new URL('reports/mutation/mutation.json', root), 'utf8'));
const equivalents = JSON.parse(
	readFileSync(new URL('scripts/mutation-equivalents.json', root), 'utf8'),
);
const counted = (status) => ['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(status);
const detected = (status) => status === 'Killed' || status === 'Timeout';
const files = {};
let all = 0;
let caught = 0;
const survivors = [];
for (const [path, file] of Object.entries(report.files)) {
	const mutants = file.mutants.filter((m) => counted(m.status));
	const killed = mutants.filter((m) => detected(m.status)).length;
	all += mutants.length;
	caught += killed;
	files[path] = {
		mutants: mutants.length,
		detected: killed,
		score: mutants.length ? +((100 * killed) / mutants.length).toFixed(1) : 100,
	};
	const lines = file.source.split('\n');
	for (const m of file.mutants.filter(
		(x) => x.status === 'Survived' || x.status === 'NoCoverage',
	)) {
		const code = lines[m.location.start.line - 1].trim();
		const equivalent = equivalents.find(
			(e) =>
				e.file === path &&
				e.mutator === m.mutatorName &&
				code.includes(e.code) &&
				(e.replacement === undefined || e.replacement === m.replacement) &&
				(e.column === undefined || e.column === m.location.start.column),
		);
		survivors.push({
			file: path,
			line: m.location.start.line,
			code,
			mutator: m.mutatorName,
			replacement: m.replacement,
			status: m.status,
			...(equivalent ? { equivalent: equivalent.why } : {}),
		});
	}
}
const unexplained = survivors.filter((s) => !s.equivalent);
// The security paths' share of this run (all of them when the whole scope ran).
const securityFiles = Object.entries(files).filter(([path]) => SECURITY.includes(path));
const securityMutants = securityFiles.reduce((n, [, f]) => n + f.mutants, 0);
const securityDetected = securityFiles.reduce((n, [, f]) => n + f.detected, 0);
const summary = {
	date: new Date().toISOString(),
	tool: `StrykerJS (npm run ${SECURITY_RUN ? 'mutate:security' : 'mutate'})`,
	scope: SECURITY_RUN
		? 'security paths (stryker.conf.mjs SECURITY)'
		: 'everything configured (stryker.conf.mjs EVERYTHING)',
	score: all ? +((100 * caught) / all).toFixed(1) : 100,
	mutants: all,
	detected: caught,
	survivors: survivors.length,
	unexplained: unexplained.length,
	securityPaths: {
		score: securityMutants ? +((100 * securityDetected) / securityMutants).toFixed(1) : 100,
		mutants: securityMutants,
		detected: securityDetected,
		unexplained: unexplained.filter((s) => SECURITY.includes(s.file)).length,
	},
	files,
	survivorList: survivors,
};
writeFileSync(new URL('bench/mutation.json', root), `${JSON.stringify(summary, null, 2)}\n`);
console.log(
	`mutation score ${summary.score}% (${caught}/${all}); ${survivors.length} survivors, ${unexplained.length} not explained as equivalent; written to bench/mutation.json`,
);
