#!/usr/bin/env node
// Validates every GitHub Actions workflow file against GitHub's workflow schema (action-validator),
// as part of `npm run lint`. Exits non-zero, with the validator's report, when one is invalid.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../.github/workflows/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
let failed = 0;
for (const file of files) {
	try {
		execFileSync(
			join(dir, '..', '..', 'node_modules', '.bin', 'action-validator'),
			[join(dir, file)],
			{ stdio: 'pipe' },
		);
		console.log(`workflow ${file}: valid`);
	} catch (error) {
		failed++;
		console.error(
			`workflow ${file}: INVALID\n${error.stdout?.toString() ?? ''}${error.stderr?.toString() ?? ''}`,
		);
	}
}
if (files.length === 0) {
	console.error('no workflow files found');
	process.exit(1);
}
process.exit(failed ? 1 : 0);
