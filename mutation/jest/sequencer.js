// @ts-check
/**
 * Mutation testing only (mutation/stryker.conf.mjs `testSequencer`): jest's own sequencer, but in a
 * mutant's run (Stryker sets __STRYKER_ACTIVE_MUTANT__) only the test files that hold the tests
 * covering that mutant, as `covering-files.js` recorded them in the initial run. Stryker already runs
 * only the covering tests (by name); without this, jest still loads every related test file — for a
 * file every test imports (http.ts), the whole suite — to find them. With no record for a mutant, all
 * files run.
 */
const fs = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const DIR = path.join(process.cwd(), '.stryker-covering');
/** @type {Map<string, Set<string>> | undefined} */
let byMutant;

function coveringFiles() {
	if (byMutant) return byMutant;
	byMutant = new Map();
	for (const file of fs.existsSync(DIR) ? fs.readdirSync(DIR) : []) {
		const { testPath, mutants } = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
		for (const id of mutants) {
			if (!byMutant.has(id)) byMutant.set(id, new Set());
			byMutant.get(id)?.add(testPath);
		}
	}
	return byMutant;
}

class CoveringFilesSequencer extends Sequencer {
	/** @param {import('@jest/test-result').Test[]} tests */
	sort(tests) {
		const id = process.env.__STRYKER_ACTIVE_MUTANT__;
		const files = id === undefined ? undefined : coveringFiles().get(id);
		const chosen = files ? tests.filter((test) => files.has(test.path)) : [];
		return super.sort(chosen.length ? chosen : tests);
	}
}

module.exports = CoveringFilesSequencer;
