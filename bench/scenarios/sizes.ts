/** d. Packed size, runtime dependencies, cold require time of all nodes and credentials. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT } from '../../tools/real-n8n/host';
import { log, median, results, rows } from '../report';

export function sizes() {
	const work = mkdtempSync(join(tmpdir(), 'bench-pack-'));
	try {
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
				cwd: ROOT,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		)[0];
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		const deps = Object.keys(pkg.dependencies ?? {}).length;
		const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((f: string) => join(ROOT, f));
		const time = (script: string) => {
			const out: number[] = [];
			for (let i = 0; i < 7; i++) {
				out.push(
					Number(
						execFileSync(
							process.execPath,
							[
								'-e',
								`const t=process.hrtime.bigint();${script};process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`,
							],
							{ cwd: ROOT, encoding: 'utf8' },
						),
					),
				);
			}
			return median(out);
		};
		const base = time("require('n8n-workflow');require('zod')");
		const all = time(
			`require('n8n-workflow');require('zod');${files.map((f) => `require(${JSON.stringify(f)})`).join(';')}`,
		);
		results.package = {
			packedBytes: packed.size,
			unpackedBytes: packed.unpackedSize,
			files: packed.files.length,
			runtimeDependencies: deps,
			requireMsBaseline: +base.toFixed(1),
			requireMsWithAllNodes: +all.toFixed(1),
		};
		rows.push([
			'd. Packed tarball',
			`${(packed.size / 1024).toFixed(1)} KB (${packed.files.length} files)`,
			'',
			'≤ 150 KB',
			packed.size <= 150 * 1024 ? 'met' : 'missed',
		]);
		rows.push(['d. Runtime dependencies', String(deps), '', '0', deps === 0 ? 'met' : 'missed']);
		rows.push([
			'd. Cold require of all nodes and credentials (n8n-workflow + zod alone)',
			`${(all - base).toFixed(1)} ms on top of ${base.toFixed(1)} ms`,
			`${(all / base).toFixed(2)}×`,
			'',
			'info',
		]);
		log(
			`packed ${packed.size} bytes, deps ${deps}, require ${base.toFixed(1)} → ${all.toFixed(1)} ms`,
		);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}
