/**
 * `npm run bench:profile`: a CPU profile of n8n's main process while one trigger case and the
 * do-nothing trigger take turns under load (lazy acquire, 15 s each, twice), to find where a
 * trigger's cost above the floor goes. PROFILE_CASE picks the case (huaweiNoDetails, sparkRtc,
 * tencentRoom, tencentRtc, …); the .cpuprofile files go to PROFILE_DIR (a temporary folder by
 * default) for Chrome DevTools or any cpuprofile reader. Not a figure: the profiler slows n8n.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, installN8n, installPackageInto, N8nRest, waitFor } from '../tools/real-n8n/host';
import type { CaseName } from '../tools/real-n8n/triggerLoads';
import { createTriggerCases, TriggerSimulators } from '../tools/real-n8n/triggerLoads';
import { createAnchors, FLOOR_PACKAGE } from './anchors';
import type { CpuProfile } from './cpuprofile';
import { byFunction, byPackage, inclusiveTime, selfTime } from './cpuprofile';
import { measure, procCpu } from './load';

interface Window {
	label: string;
	from: number;
	to: number;
	executions: number;
	/** CPU time (ms) of n8n's threads by name during the window. */
	threads: Map<string, number>;
	benchCpuUs: number;
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const sumCpu = (u: NodeJS.CpuUsage) => u.user + u.system;

/** CPU time (ms) of each thread of `pid`, summed by thread name (/proc, Linux). */
function threadCpuMs(pid: number): Map<string, number> {
	const out = new Map<string, number>();
	for (const tid of readdirSync(`/proc/${pid}/task`)) {
		const { name, ms } = procCpu(`/proc/${pid}/task/${tid}/stat`);
		out.set(name, (out.get(name) ?? 0) + ms);
	}
	return out;
}

function diffMs(after: Map<string, number>, before: Map<string, number>) {
	return new Map([...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)]));
}

const windows: Window[] = [];

/** Per execution: n8n's threads, the bench process, and the main thread's self time by key. */
function report(profile: CpuProfile, name: string) {
	const sum = (label: string, keyOf: Parameters<typeof selfTime>[3], inclusive = false) => {
		const picked = windows.filter((w) => w.label === label);
		const executions = picked.reduce((n, w) => n + w.executions, 0);
		const total = new Map<string, number>();
		const threads = new Map<string, number>();
		let bench = 0;
		for (const w of picked) {
			for (const [k, v] of (inclusive ? inclusiveTime : selfTime)(profile, w.from, w.to, keyOf))
				total.set(k, (total.get(k) ?? 0) + v);
			for (const [k, v] of w.threads) threads.set(k, (threads.get(k) ?? 0) + v);
			bench += w.benchCpuUs;
		}
		const per = (m: Map<string, number>, scale: number) =>
			new Map([...m].map(([k, v]) => [k, (v * scale) / executions]));
		return {
			executions,
			self: per(total, 1),
			threads: per(threads, 1000),
			bench: bench / executions,
		};
	};
	const print = (
		title: string,
		keyOf: Parameters<typeof selfTime>[3],
		top: number,
		inclusive = false,
	) => {
		const a = sum('doNothing', keyOf, inclusive);
		const b = sum(name, keyOf, inclusive);
		const keys = new Set([...a.self.keys(), ...b.self.keys()]);
		const rows = [...keys]
			.map((k) => [k, a.self.get(k) ?? 0, b.self.get(k) ?? 0] as const)
			.sort((x, y) => Math.abs(y[2] - y[1]) - Math.abs(x[2] - x[1]))
			.slice(0, top);
		process.stdout.write(`\n${title}: µs per execution, do-nothing vs ${name} (difference)\n`);
		for (const [k, x, y] of rows)
			process.stdout.write(
				`  ${k.padEnd(90)} ${x.toFixed(0).padStart(6)} ${y.toFixed(0).padStart(6)} ${(y - x).toFixed(0).padStart(6)}\n`,
			);
		return [a, b];
	};
	const [a, b] = print('main thread, self time by package', byPackage, 25);
	print('main thread, self time by function', byFunction, 40);
	print('main thread, inclusive time by function', byFunction, 60, true);
	process.stdout.write(`\nCPU µs per execution by thread, do-nothing vs ${name}\n`);
	for (const k of new Set([...a.threads.keys(), ...b.threads.keys()]))
		process.stdout.write(
			`  ${k.padEnd(24)} ${(a.threads.get(k) ?? 0).toFixed(0).padStart(6)} ${(b.threads.get(k) ?? 0).toFixed(0).padStart(6)}\n`,
		);
	process.stdout.write(
		`  ${'bench process'.padEnd(24)} ${a.bench.toFixed(0).padStart(6)} ${b.bench.toFixed(0).padStart(6)}\n`,
	);
}

async function main() {
	const name = (process.env.PROFILE_CASE ?? 'huaweiNoDetails') as CaseName;
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
		const [c] = await createTriggerCases(rest, install.line, baseUrl, sims, 'p0', [name]);
		const trigger = {
			label: name,
			url: c.url,
			workflowId: c.workflowId,
			perRequest: 1,
			request: (i: number) => c.delivery(i),
		};
		process.env.BENCH_SECONDS = '15';
		const floor = anchors.cases[process.env.PROFILE_FLOOR === 'credential' ? 2 : 1];
		for (const load of [floor, trigger, floor, trigger]) {
			const threadsBefore = threadCpuMs(child.pid!);
			const benchBefore = process.cpuUsage();
			const from = nowUs();
			const r = await measure(rest, load);
			windows.push({
				label: load.label === name ? name : 'doNothing',
				from,
				to: nowUs(),
				executions: r.executions,
				threads: diffMs(threadCpuMs(child.pid!), threadsBefore),
				benchCpuUs: sumCpu(process.cpuUsage(benchBefore)),
			});
			process.stdout.write(`${load.label}: ${r.eps.toFixed(1)} executions/s (profiled)\n`);
		}
	} finally {
		child.kill('SIGTERM');
		await new Promise((resolve) => child.once('exit', resolve));
		await sims.stop();
	}
	const files = readdirSync(profileDir).map((f) => join(profileDir, f));
	process.stdout.write(`profiles: ${files.join(', ')}\n`);
	const main = files
		.map((f) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile)
		.sort((x, y) => y.samples.length - x.samples.length)[0];
	report(main, name);
	process.exit(0);
}

main().catch((error) => {
	process.stderr.write(`profile failed: ${(error as Error).stack}\n`);
	process.exit(1);
});
