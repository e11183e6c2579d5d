// Runs the n8n community-package scanner's own analysis (@n8n/scan-community-package) locally:
// on the packed tarball (what users install) and on the source files it reads from the repository.
// The published CLI only scans packages already on npm with provenance; analyzePackage is the same check.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'scan-'));
try {
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	)[0];
	execFileSync('tar', ['xzf', join(work, packed.filename), '-C', work]);
	const results = [
		['packed tarball', await analyzePackage(join(work, 'package'))],
		['source files', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
	];
	let failed = false;
	for (const [what, result] of results) {
		console.log(`scan ${what}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}`);
		if (!result.passed) {
			failed = true;
			console.log(result.details ?? '');
		}
	}
	console.log(
		`scan: ${packed.files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`,
	);
	process.exit(failed ? 1 : 0);
} finally {
	rmSync(work, { recursive: true, force: true });
}
