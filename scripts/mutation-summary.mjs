#!/usr/bin/env node
// Writes bench/mutation.json from Stryker's JSON report (reports/mutation/mutation.json): the mutation
// score per file and overall, the surviving mutants with their line and mutator, and the run's date.
import { readFileSync, writeFileSync } from 'node:fs';

const report = JSON.parse(
	readFileSync(new URL('../reports/mutation/mutation.json', import.meta.url), 'utf8'),
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
	for (const m of file.mutants.filter(
		(x) => x.status === 'Survived' || x.status === 'NoCoverage',
	)) {
		survivors.push({
			file: path,
			line: m.location.start.line,
			mutator: m.mutatorName,
			replacement: m.replacement,
			status: m.status,
		});
	}
}
const summary = {
	date: new Date().toISOString(),
	tool: 'StrykerJS (npm run mutate)',
	score: all ? +((100 * caught) / all).toFixed(1) : 100,
	mutants: all,
	detected: caught,
	files,
	survivors,
};
writeFileSync(
	new URL('../bench/mutation.json', import.meta.url),
	`${JSON.stringify(summary, null, 2)}\n`,
);
console.log(
	`mutation score ${summary.score}% (${caught}/${all}); ${survivors.length} survivors; written to bench/mutation.json`,
);
