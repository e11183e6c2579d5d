/**
 * `npm run bench:profile`: a CPU profile of n8n's main process while one trigger case and the
 * do-nothing trigger take turns under load (lazy acquire, 15 s each, twice), to find where a
 * trigger's cost above the floor goes. PROFILE_CASE picks the case (huaweiNoDetails, sparkRtc,
 * tencentRoom, tencentRtc, …); the .cpuprofile files go to PROFILE_DIR (a temporary folder by
 * default) for Chrome DevTools or any cpuprofile reader. Not a figure: the profiler slows n8n.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, installN8n, installPackageInto, N8nRest, waitFor } from '../tools/real-n8n/host';
import type { CaseName } from '../tools/real-n8n/triggerLoads';
import { createTriggerCases, TriggerSimulators } from '../tools/real-n8n/triggerLoads';
import { createAnchors, FLOOR_PACKAGE } from './anchors';
import { measure } from './load';

async function main() {
	const install = installN8n(2);
	const sims = await new TriggerSimulators().start();
	const userFolder = mkdtempSync(join(tmpdir(), 'profile-n8n-'));
	const profileDir = process.env.PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'n8n-cpuprofile-'));
	installPackageInto(userFolder);
	installPackageInto(userFolder, FLOOR_PACKAGE);
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const env: Record<string, string> = {
		...(process.env as Record<string, string>),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		WEBHOOK_URL: `${baseUrl}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'warn',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
		PATH: `${join(install.nodeBin, '..')}:${process.env.PATH ?? ''}`,
	};
	delete env.NODE_OPTIONS;
	const n8nBin = join(install.n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const child = spawn(
		install.nodeBin,
		['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval', '200', n8nBin, 'start'],
		{ env, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const log = createWriteStream(join(userFolder, 'n8n.log'));
	child.stdout.pipe(log);
	child.stderr.pipe(log);
	try {
		await waitFor(
			'n8n',
			async () => {
				const res = await fetch(`${baseUrl}/rest/settings`);
				return res.status === 200 && (res.headers.get('content-type') ?? '').includes('json');
			},
			180_000,
			1000,
		);
		const rest = new N8nRest(baseUrl);
		await rest.login();
		const anchors = await createAnchors(rest, install.line, baseUrl, 'p0');
		const name = (process.env.PROFILE_CASE ?? 'huaweiNoDetails') as CaseName;
		const [c] = await createTriggerCases(rest, install.line, baseUrl, sims, 'p0', [name]);
		const trigger = {
			label: name,
			url: c.url,
			workflowId: c.workflowId,
			perRequest: 1,
			request: (i: number) => c.delivery(i),
		};
		process.env.BENCH_SECONDS = '15';
		for (const load of [anchors.cases[1], trigger, anchors.cases[1], trigger]) {
			const r = await measure(rest, load);
			process.stdout.write(`${load.label}: ${r.eps.toFixed(1)} executions/s (profiled)\n`);
		}
	} finally {
		child.kill('SIGTERM');
		await new Promise((resolve) => child.once('exit', resolve));
		await sims.stop();
	}
	process.stdout.write(
		`profiles: ${readdirSync(profileDir)
			.map((f) => join(profileDir, f))
			.join(', ')}\n`,
	);
	process.exit(0);
}

main().catch((error) => {
	process.stderr.write(`profile failed: ${(error as Error).stack}\n`);
	process.exit(1);
});
