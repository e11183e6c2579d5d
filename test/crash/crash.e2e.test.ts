/**
 * The crash suite: no delivery answered 2xx is lost when n8n dies.
 *
 * In a real n8n 2.x (SQLite, one process) with every webhook trigger on its defaults (the Huawei
 * trigger also with meeting details off), concurrent senders post distinct signed deliveries; mid-load
 * n8n's whole process group gets SIGKILL (an OOM kill, a crashed container); n8n starts again on the
 * same database; every delivery not answered 2xx is sent again byte for byte, as the providers retry.
 * Then n8n's database is read: every delivery answered 2xx must have an execution, and every delivery
 * at least one. Deliveries with two executions (stored, then killed before the answer went out, then
 * retried) are counted: `deliveryId` absorbs them (n8n's Remove Duplicates node, see docs).
 *
 * n8n 1.x answers before storing for every node, so the suite runs on the 2.x line only.
 * Figures: CRASH_FIGURES_FILE (the committed copy is test/crash/crash-figures.json).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nInstall, N8nProcess } from '../../tools/real-n8n/host';
import {
	freePort,
	installN8n,
	installPackageInto,
	N8nRest,
	startN8n,
	waitFor,
} from '../../tools/real-n8n/host';
import type { CaseName, Delivery, TriggerCase } from '../../tools/real-n8n/triggerLoads';
import { createTriggerCases, send, TriggerSimulators } from '../../tools/real-n8n/triggerLoads';

jest.setTimeout(900_000);

const LINES = (process.env.N8N_E2E_LINES ?? '2 1').split(/\s+/).filter(Boolean);
const run = LINES.includes('2') && process.env.N8N_E2E_CRASH !== '0' ? describe : describe.skip;

const CASES: CaseName[] = [
	'huaweiDetails',
	'huaweiNoDetails',
	'sparkRtc',
	'tencentRoom',
	'tencentRtc',
];
/** Concurrent senders per trigger, the load's length before the kill, and a bound per trigger. */
const SENDERS = 3;
const LOAD_MS = Number(process.env.CRASH_LOAD_MS ?? 6000);
const MAX_DELIVERIES = 400;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Sent {
	delivery: Delivery;
	/** Answers received, in order (0: no answer: connection refused, reset or timed out). */
	statuses: number[];
}

/** Executions stored in n8n's SQLite database, with the markers of the deliveries they hold. */
function storedExecutions(
	install: N8nInstall,
	userFolder: string,
): Array<{ id: string; workflowId: string; status: string; data: string }> {
	// Node 24 (n8n 2.x's runtime) reads SQLite itself (node:sqlite).
	const script = `
		const { DatabaseSync } = require('node:sqlite');
		const db = new DatabaseSync(process.argv[1], { readOnly: true });
		const rows = db.prepare('SELECT e.id AS id, e.workflowId AS workflowId, e.status AS status, d.data AS data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id').all();
		process.stdout.write(JSON.stringify(rows.map((r) => ({ ...r, id: String(r.id), data: String(r.data ?? '') }))));
	`;
	const out = execFileSync(
		install.nodeBin,
		['--no-warnings', '-e', script, join(userFolder, '.n8n', 'database.sqlite')],
		{ encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
	);
	return JSON.parse(out);
}

run('crash suite (n8n 2.x, SQLite): SIGKILL mid-load, restart, provider retries', () => {
	let install: N8nInstall;
	let sims: TriggerSimulators;
	let n8n: N8nProcess | undefined;
	let userFolder: string;
	let port: number;
	let cases: TriggerCase[];
	const sent = new Map<string, Sent[]>();

	beforeAll(async () => {
		install = installN8n(2);
		userFolder = mkdtempSync(join(tmpdir(), 'n8n-crash-'));
		installPackageInto(userFolder);
		sims = await new TriggerSimulators().start();
		port = await freePort();
		n8n = await startN8n(install, { userFolder, port });
		const rest = new N8nRest(n8n.baseUrl);
		await rest.login();
		cases = await createTriggerCases(rest, install.line, n8n.baseUrl, sims, 'crash', CASES);
		// n8n 2.x publishes an activated workflow asynchronously: wait until each URL takes a delivery.
		for (const c of cases) {
			const list: Sent[] = [];
			sent.set(c.label, list);
			const first = { delivery: c.delivery(0), statuses: [] as number[] };
			list.push(first);
			await waitFor(`${c.label} to answer`, async () => {
				first.statuses.push(await send(c, first.delivery));
				return first.statuses.at(-1) === 200;
			});
		}
	}, 900_000);

	afterAll(async () => {
		await n8n?.stop();
		await sims?.stop();
		if (n8n) copyFileSync(n8n.logFile, join(tmpdir(), 'n8n-crash.log'));
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	});

	it('loses no delivery answered 2xx, and every delivery ends with an execution', async () => {
		// 1. Load: SENDERS concurrent senders per trigger, distinct deliveries, until the kill.
		let killed = false;
		const senders = cases.flatMap((c) =>
			Array.from({ length: SENDERS }, async () => {
				const list = sent.get(c.label)!;
				while (!killed && list.length < MAX_DELIVERIES) {
					const entry: Sent = { delivery: c.delivery(list.length), statuses: [] };
					list.push(entry);
					entry.statuses.push(await send(c, entry.delivery));
				}
			}),
		);
		await sleep(LOAD_MS);
		// 2. The crash: n8n and its task runners, at once.
		killed = true;
		n8n!.kill('SIGKILL');
		await Promise.all(senders);
		await waitFor('n8n to be gone', () => n8n!.child.exitCode !== null || n8n!.child.signalCode);
		const answeredBeforeCrash = Object.fromEntries(
			cases.map((c) => [
				c.label,
				sent.get(c.label)!.filter((s) => s.statuses.includes(200)).length,
			]),
		);

		// 3. Restart on the same database; 4. the providers retry what was not answered 2xx.
		n8n = await startN8n(install, { userFolder, port, logFile: join(userFolder, 'n8n-2.log') });
		const deadline = Date.now() + 180_000;
		for (;;) {
			const pending = cases.flatMap((c) =>
				sent
					.get(c.label)!
					.filter((s) => !s.statuses.some((x) => x >= 200 && x < 300))
					.map((s) => ({ c, s })),
			);
			if (pending.length === 0) break;
			if (Date.now() > deadline) throw new Error(`${pending.length} deliveries never answered 2xx`);
			for (let i = 0; i < pending.length; i += 8) {
				await Promise.all(
					pending
						.slice(i, i + 8)
						.map(async ({ c, s }) => s.statuses.push(await send(c, s.delivery))),
				);
			}
			await sleep(1000);
		}

		// 5. n8n's database, once every execution has finished.
		const rest = new N8nRest(n8n.baseUrl);
		await rest.login();
		const finished = await waitFor(
			'every execution finished',
			() => {
				const rows = storedExecutions(install, userFolder);
				return rows.every((r) => !['new', 'running', 'waiting'].includes(r.status))
					? rows
					: undefined;
			},
			180_000,
		);

		const figures: Record<string, unknown> = {};
		for (const c of cases) {
			const list = sent.get(c.label)!;
			const rows = finished.filter((r) => r.workflowId === c.workflowId);
			const executionsOf = (d: Delivery) => rows.filter((r) => r.data.includes(d.marker)).length;
			const counts = list.map((s) => executionsOf(s.delivery));
			const answered2xx = list.filter((s) => s.statuses.some((x) => x >= 200 && x < 300));
			const lostAnswered = list.filter((s, i) => s.statuses.includes(200) && counts[i] === 0);
			figures[c.label] = {
				deliveries: list.length,
				answered2xxBeforeCrash: answeredBeforeCrash[c.label],
				retriedAfterRestart: list.filter((s) => s.statuses.length > 1).length,
				answered2xx: answered2xx.length,
				executions: rows.length,
				crashedExecutions: rows.filter((r) => r.status === 'crashed').length,
				lostAnswered: lostAnswered.length,
				withoutExecution: counts.filter((n) => n === 0).length,
				doubled: counts.filter((n) => n > 1).length,
			};
			expect({ trigger: c.label, lostAnswered: lostAnswered.length }).toEqual({
				trigger: c.label,
				lostAnswered: 0,
			});
			expect({ trigger: c.label, withoutExecution: counts.filter((n) => n === 0).length }).toEqual({
				trigger: c.label,
				withoutExecution: 0,
			});
			// A stored execution belongs to one of our deliveries, and the load really was cut mid-way.
			expect(rows.every((r) => list.some((s) => r.data.includes(s.delivery.marker)))).toBe(true);
			expect(answeredBeforeCrash[c.label]).toBeGreaterThan(0);
			expect(list.length).toBeGreaterThan(answeredBeforeCrash[c.label]);
		}
		const file = process.env.CRASH_FIGURES_FILE ?? join(tmpdir(), 'crash-figures.json');
		writeFileSync(
			file,
			`${JSON.stringify(
				{
					date: new Date().toISOString(),
					n8n: install.version,
					database: 'SQLite, one process',
					sendersPerTrigger: SENDERS,
					loadMsBeforeKill: LOAD_MS,
					triggers: figures,
				},
				null,
				2,
			)}\n`,
		);
	});
});
