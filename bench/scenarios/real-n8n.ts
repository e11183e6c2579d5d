/**
 * b. In a real n8n: executions/s (and 2xx/s, and n8n's CPU per execution) through each webhook trigger
 * against four anchors in the same n8n, settings and concurrency (autocannon on loopback): the bare
 * Webhook node (first and last, after a warm-up load), the do-nothing trigger and the same holding a
 * credential (the floors, taking turns with each trigger), and the do-it-yourself workflow
 * (bench/anchors.ts). Once per engine setting (SETTINGS). BENCH_N8N_ONLY picks settings by label, BENCH_CASES trigger cases (the anchors always
 * run), BENCH_SECONDS each load's length (7 s), BENCH_ROUNDS the turns each trigger takes (2).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import {
	freePort,
	installN8n,
	installPackageInto,
	N8nRest,
	startN8n,
	waitFor,
} from '../../tools/real-n8n/host';
import type { CaseName } from '../../tools/real-n8n/triggerLoads';
import { createTriggerCases, TriggerSimulators } from '../../tools/real-n8n/triggerLoads';
import { ANCHOR, createAnchors, FLOOR_PACKAGE } from '../anchors';
import type { LoadCase } from '../load';
import { measure } from '../load';
import { log, results, rows } from '../report';

/** n8n's expression-engine settings the triggers and anchors are measured under. */
export const SETTINGS: Array<[string, Record<string, string>]> = [
	['defaults', {}],
	['N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }],
	['N8N_EXPRESSION_ENGINE_POOL_SIZE=4', { N8N_EXPRESSION_ENGINE_POOL_SIZE: '4' }],
	['N8N_EXPRESSION_ENGINE=legacy', { N8N_EXPRESSION_ENGINE: 'legacy' }],
];

/** Turns each trigger takes with the floors (each load BENCH_SECONDS long). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const TRIGGERS: Array<[CaseName, string]> = [
	['huaweiNoDetails', 'Huawei Cloud Meeting Trigger 1.1 (meeting details off)'],
	['huaweiDetails', 'Huawei Cloud Meeting Trigger 1.1 (defaults: meeting details on)'],
	['sparkRtc', 'Huawei Cloud SparkRTC Trigger 1.1'],
	['tencentRoom', 'Tencent Cloud Room Trigger 1.1'],
	['tencentRtc', 'Tencent Cloud TRTC Trigger 1.1'],
];

type Figures = Awaited<ReturnType<typeof measure>>;

const figures = (r: Figures) =>
	`${r.eps.toFixed(1)} executions/s (${r.rps.toFixed(1)} 2xx/s, p50 ${r.p50} ms, ${r.executions} executions for ${r.accepted} answered, n8n CPU ${r.cpuMsPerExecution?.toFixed(2)} ms per execution)`;

const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(2)}`;

/** The ratio row of a trigger to an anchor, with its target where the issue sets one. */
function ratioRow(
	version: string,
	setting: string,
	label: string,
	ours: Figures,
	anchor: string,
	theirs: Figures,
	target: number | undefined,
) {
	const ratio = ours.eps / theirs.eps;
	rows.push([
		`b. Real n8n ${version} (${setting}): ${label} vs ${anchor}, executions/s`,
		`${ours.eps.toFixed(1)} vs ${theirs.eps.toFixed(1)} (${ours.rps.toFixed(1)} vs ${theirs.rps.toFixed(1)} 2xx/s)`,
		`${ratio.toFixed(2)}×`,
		target === undefined ? 'info' : `≥ ${target}×`,
		target === undefined ? 'info' : ratio >= target ? 'met' : 'missed',
	]);
}

async function oneSetting(
	install: ReturnType<typeof installN8n>,
	sims: TriggerSimulators,
	setting: string,
	env: Record<string, string>,
	tag: string,
): Promise<IDataObject> {
	const userFolder = mkdtempSync(join(tmpdir(), 'bench-n8n-'));
	installPackageInto(userFolder);
	installPackageInto(userFolder, FLOOR_PACKAGE);
	const n8n = await startN8n(install, {
		userFolder,
		port: await freePort(),
		env: { ...env, N8N_LOG_LEVEL: 'warn' },
	});
	try {
		const rest = new N8nRest(n8n.baseUrl);
		await rest.login();
		const anchors = await createAnchors(rest, install.line, n8n.baseUrl, tag);
		const only = process.env.BENCH_CASES;
		const picked = TRIGGERS.filter(([, label]) => !only || label.includes(only));
		const triggerCases = await createTriggerCases(
			rest,
			install.line,
			n8n.baseUrl,
			sims,
			tag,
			picked.map(([name]) => name),
		);
		const cases: LoadCase[] = triggerCases.map((c, n) => ({
			label: picked[n][1],
			url: c.url,
			workflowId: c.workflowId,
			perRequest: 1,
			request: (i) => c.delivery(i),
			detailCalls:
				c.label === 'huaweiDetails' ? () => sims.meeting.meetings.detailCalls : undefined,
		}));
		// The do-it-yourself workflow must refuse what it is there to refuse.
		const [bare, doNothing, holding, diy] = anchors.cases;
		await waitFor('the do-it-yourself workflow to refuse a forged push', async () => {
			const f = anchors.forged();
			const res = await fetch(diy.url, { method: 'POST', headers: f.headers, body: f.body });
			await res.arrayBuffer();
			return res.status === 401;
		});

		const measured: Record<string, Figures> = {};
		const run = async (c: LoadCase, key = c.label) => {
			measured[key] = await measure(rest, c, n8n.child.pid);
			log(`n8n ${setting}: ${key}: ${figures(measured[key])}`);
		};
		const meanOf = (labels: string[]): Figures => {
			const runs = labels.map((l) => measured[l]);
			const avg = (k: 'eps' | 'rps') => runs.reduce((sum, r) => sum + r[k], 0) / runs.length;
			return {
				...runs[0],
				eps: avg('eps'),
				rps: avg('rps'),
				executions: runs.reduce((sum, r) => sum + r.executions, 0),
				accepted: runs.reduce((sum, r) => sum + r.accepted, 0),
				cpuMsPerExecution:
					runs.reduce((sum, r) => sum + (r.cpuMsPerExecution ?? 0), 0) / runs.length,
				detailCalls:
					runs[0].detailCalls === undefined
						? undefined
						: runs.reduce((sum, r) => sum + (r.detailCalls ?? 0), 0),
			};
		};
		// A first load warms n8n up (its start-up tasks, JIT) and is not counted.
		await run(bare, 'warm-up (not counted)');
		// The do-it-yourself workflow first: under lazy acquire it builds and drops isolates, which
		// slows whatever runs next for a while; that is the bare Webhook node, which only gives context.
		await run(diy);
		await run(bare);
		// n8n's pace drifts during a run (its execution table grows, the machine's other load changes),
		// so each trigger takes ROUNDS turns with the two do-nothing floors (F T F T F) and is compared
		// with the mean of the floor runs around and between its own.
		const floors = [doNothing, holding];
		let turn = 0;
		const floorKey = (f: LoadCase, k: number) => `${f.label} #${k}`;
		const floorTurn = async () => {
			for (const f of floors) await run(f, floorKey(f, turn));
			return turn++;
		};
		const floorTurns: Record<string, number[]> = {};
		let last = await floorTurn();
		for (const c of cases) {
			floorTurns[c.label] = [last];
			const turns: string[] = [];
			for (let r = 1; r <= ROUNDS; r++) {
				turns.push(`${c.label} (turn ${r})`);
				await run(c, `${c.label} (turn ${r})`);
				last = await floorTurn();
				floorTurns[c.label].push(last);
			}
			measured[c.label] = meanOf(turns);
		}
		await run(bare, `${ANCHOR.bare} (last)`);
		measured[`${ANCHOR.bare} (mean)`] = meanOf([ANCHOR.bare, `${ANCHOR.bare} (last)`]);
		const allTurns = (f: LoadCase) => Array.from({ length: turn }, (_, k) => floorKey(f, k));
		for (const f of floors) measured[`${f.label} (mean)`] = meanOf(allTurns(f));

		const lazy = setting.includes('LAZY');
		const v = install.version;
		for (const c of cases) {
			const ours = measured[c.label];
			// The details lookup is a Huawei API call per delivery that the anchors do not make.
			const details = c.label.includes('details on');
			for (const f of floors)
				ratioRow(
					v,
					setting,
					c.label,
					ours,
					`${f.label} (turns around and between)`,
					meanOf(floorTurns[c.label].map((k) => floorKey(f, k))),
					details || f !== doNothing ? undefined : 0.95,
				);
			const floor = meanOf(floorTurns[c.label].map((k) => floorKey(doNothing, k)));
			const cpu = (f: Figures) => f.cpuMsPerExecution ?? NaN;
			rows.push([
				`b. Real n8n ${v} (${setting}): ${c.label}: n8n's CPU per execution, do-nothing trigger's vs ours (turns around and between)`,
				`${cpu(floor).toFixed(2)} ms vs ${cpu(ours).toFixed(2)} ms (${signed(cpu(ours) - cpu(floor))} ms)`,
				`${(cpu(floor) / cpu(ours)).toFixed(2)}×`,
				'info',
				'info',
			]);
			ratioRow(
				v,
				setting,
				c.label,
				ours,
				ANCHOR.diy,
				measured[ANCHOR.diy],
				lazy && !details ? 1 : undefined,
			);
			ratioRow(
				v,
				setting,
				c.label,
				ours,
				`${ANCHOR.bare} (mean of first and last)`,
				measured[`${ANCHOR.bare} (mean)`],
				undefined,
			);
		}
		const eps = (label: string) => measured[label].eps.toFixed(1);
		rows.push([
			`b. Real n8n ${v} (${setting}): the anchors, executions/s`,
			[
				`${ANCHOR.bare} ${eps(`${ANCHOR.bare} (mean)`)} (first ${eps(ANCHOR.bare)}, last ${eps(`${ANCHOR.bare} (last)`)})`,
				...floors.map(
					(f) => `${f.label} ${eps(`${f.label} (mean)`)} (${allTurns(f).map(eps).join(', ')})`,
				),
				`${ANCHOR.diy} ${eps(ANCHOR.diy)}`,
			].join('; '),
			'',
			'info',
			'info',
		]);
		// n8n's check of a workflow's credentials, which a trigger that registers cannot avoid.
		ratioRow(
			v,
			setting,
			ANCHOR.doNothingCredential,
			measured[`${holding.label} (mean)`],
			`${ANCHOR.doNothing} (n8n's per-execution credential check), all turns`,
			measured[`${doNothing.label} (mean)`],
			undefined,
		);
		const details = measured[TRIGGERS[1][1]];
		if (details?.detailCalls !== undefined)
			rows.push([
				`b. Real n8n ${v} (${setting}): meeting-details calls made for the details-on row`,
				`${details.detailCalls} calls for ${details.executions} executions`,
				'',
				'info',
				'info',
			]);
		return { setting, results: measured };
	} finally {
		await n8n.stop();
		copyFileSync(n8n.logFile, join(tmpdir(), `bench-n8n-${tag}.log`));
		rmSync(userFolder, { recursive: true, force: true });
	}
}

export async function realN8n() {
	const install = installN8n(2);
	const sims = await new TriggerSimulators().start();
	const out: IDataObject[] = [];
	try {
		for (const [n, [setting, env]] of SETTINGS.entries()) {
			if (process.env.BENCH_N8N_ONLY && !setting.includes(process.env.BENCH_N8N_ONLY)) continue;
			out.push(await oneSetting(install, sims, setting, env, `b${n}`));
		}
	} finally {
		await sims.stop();
	}
	results.realN8n = out;
}
