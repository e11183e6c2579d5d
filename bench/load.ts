/**
 * Load on a real n8n's webhook (b and e): autocannon on one URL with distinct requests, then the
 * executions n8n recorded for the workflow, counted until n8n has run everything it answered.
 */
import { readFileSync } from 'node:fs';

import autocannon from 'autocannon';
import type { IDataObject } from 'n8n-workflow';

import type { N8nRest } from '../tools/real-n8n/host';
import { waitFor } from '../tools/real-n8n/host';

/** Executions n8n recorded for a workflow (its REST API's count); finished ones only when asked. */
async function executionCount(
	rest: N8nRest,
	workflowId: string,
	finishedOnly = false,
): Promise<number> {
	const filter = finishedOnly
		? { workflowId, status: ['success', 'error', 'crashed', 'canceled'] }
		: { workflowId };
	const data = await rest.request<any>(
		'GET',
		`/rest/executions?filter=${encodeURIComponent(JSON.stringify(filter))}&limit=1`,
	);
	return Number(data?.count ?? 0);
}

export interface LoadCase {
	label: string;
	url: string;
	/** The i-th distinct request: body, headers and (for Tencent) the query string. */
	request: (i: number) => { body: string; headers: Record<string, string>; query?: string };
	workflowId: string;
	/** Executions each accepted request should give (1; the bare Webhook node too). */
	perRequest: number;
	detailCalls?: () => number;
}

/**
 * The next request index of each case: a case measured again (the profile does) must send new
 * deliveries, or the triggers' duplicate guards answer them without starting executions.
 */
const nextIndex = new WeakMap<LoadCase, number>();

/** A /proc stat file's name and CPU time (user + system, ms): a process's, or one thread's. */
export function procCpu(statFile: string): { name: string; ms: number } {
	const stat = readFileSync(statFile, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return {
		name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
		ms: (Number(fields[11]) + Number(fields[12])) * 10,
	};
}

/** CPU time (ms) a process has used, all its threads (Linux /proc). */
const cpuMs = (pid: number) => procCpu(`/proc/${pid}/stat`).ms;

/**
 * autocannon on one URL for BENCH_SECONDS, distinct requests, then the executions n8n recorded. With
 * n8n's process ID, also the CPU n8n's process used per execution over the same span.
 */
export async function measure(rest: N8nRest, c: LoadCase, n8nPid?: number) {
	const seconds = Number(process.env.BENCH_SECONDS ?? 7);
	// Publishing is asynchronous in n8n 2.x: wait until the URL accepts a (distinct) request.
	let i = nextIndex.get(c) ?? 0;
	const executionsAtStart = await executionCount(rest, c.workflowId);
	let answered = 0;
	const send = async () => {
		const r = c.request(i++);
		const res = await fetch(`${c.url}${r.query ?? ''}`, {
			method: 'POST',
			headers: r.headers,
			body: r.body,
		}).catch((error: Error & { cause?: Error }) => {
			throw new Error(`${error.message}: ${error.cause?.message ?? ''}`);
		});
		await res.arrayBuffer();
		if (res.status === 200) answered++;
		return res.status;
	};
	await waitFor(`${c.label} to answer`, async () => (await send()) === 200, 60_000);
	for (let w = 0; w < 20; w++) await send();
	await waitFor(
		`${c.label}: warm-up executions finished`,
		async () =>
			(await executionCount(rest, c.workflowId)) >= executionsAtStart + answered * c.perRequest,
		60_000,
	);
	const before = await executionCount(rest, c.workflowId, true);
	const detailsBefore = c.detailCalls?.() ?? 0;
	const startIndex = i;
	const cpuBefore = n8nPid === undefined ? 0 : cpuMs(n8nPid);
	const started = Date.now();
	const r = await autocannon({
		url: c.url,
		connections: 10,
		duration: seconds,
		requests: [
			{
				method: 'POST',
				setupRequest: (req: IDataObject) => {
					const next = c.request(i++);
					return {
						...req,
						path: `${new URL(c.url).pathname}${next.query ?? ''}`,
						headers: next.headers,
						body: next.body,
					};
				},
			},
		],
	} as never);
	if (r.non2xx > 0 || r.errors > 0)
		throw new Error(`${c.label} answered ${r.non2xx} non-2xx responses and ${r.errors} errors`);
	const accepted = r['2xx'];
	// Every accepted delivery must be a finished execution before a figure counts, and executions/s
	// counts the time until n8n has run all of them (a row that answers first and runs later must not
	// look faster than it is). Requests still in flight when the load stops are executed too:
	// executions lie between the 2xx answers autocannon counted and the requests it sent.
	const expected = before + accepted * c.perRequest;
	const executions =
		(await waitFor(
			`${c.label}: ${accepted} executions finished`,
			async () => {
				const n = await executionCount(rest, c.workflowId, true);
				return n >= expected ? n : undefined;
			},
			180_000,
			100,
		)) - before;
	const drainedMs = Date.now() - started;
	const cpuMsPerExecution =
		n8nPid === undefined ? undefined : (cpuMs(n8nPid) - cpuBefore) / executions;
	nextIndex.set(c, i);
	return {
		// autocannon's own length of the load (it can run a tick past BENCH_SECONDS).
		rps: accepted / ((r as unknown as { duration?: number }).duration || seconds),
		eps: executions / (drainedMs / 1000),
		drainedMs,
		p50: r.latency.p50,
		accepted,
		executions,
		sent: i - startIndex,
		detailCalls: c.detailCalls ? c.detailCalls() - detailsBefore : undefined,
		cpuMsPerExecution,
	};
}
