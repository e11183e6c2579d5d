// @ts-check
/**
 * Mutation testing only (mutation/stryker.conf.mjs `setupFilesAfterEnv`): during Stryker's initial
 * test run (per-test coverage, no active mutant) this records, per test file, which mutants its tests
 * covered, in `.stryker-covering/` of Stryker's sandbox. `sequencer.js` reads it back so that a
 * mutant's run loads only the test files that hold its covering tests. Outside Stryker it does nothing.
 */
const fs = require('node:fs');
const path = require('node:path');

const DIR = path.join(process.cwd(), '.stryker-covering');
const stryker = /** @type {any} */ (globalThis).__stryker__;

if (stryker && process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) {
	/** @type {Set<string>} */
	const names = new Set();
	beforeEach(() => {
		const name = expect.getState().currentTestName;
		if (name) names.add(name);
	});
	afterAll(() => {
		const perTest = stryker.mutantCoverage?.perTest ?? {};
		const mutants = new Set();
		for (const name of names) for (const id of Object.keys(perTest[name] ?? {})) mutants.add(id);
		const testPath = expect.getState().testPath;
		fs.mkdirSync(DIR, { recursive: true });
		fs.writeFileSync(
			path.join(
				DIR,
				`${encodeURIComponent(path.relative(process.cwd(), testPath ?? 'unknown'))}.json`,
			),
			JSON.stringify({ testPath, mutants: [...mutants] }),
		);
	});
}
