/**
 * `npm run bench`: the figures the README quotes, measured side by side in one run, written to
 * bench/results.json and bench/results.md. The scenarios, in bench/scenarios/, run in this order:
 *   a. in-process.ts: per provider, in process, our verify + parse + filter path against the floor
 *      (HMAC-SHA256 over the same body + JSON.parse), same bodies; in-process-steps.ts: each step of
 *      that path timed on its own (a'); in-n8n-core.ts: each trigger's webhook() in n8n-core's real
 *      WebhookContext next to the do-nothing trigger's (a'');
 *   c. auth-calls.ts: authentication calls counted by the simulators over 1,000 action executions;
 *   d. sizes.ts: packed size, runtime dependencies, cold require time of all nodes;
 *   b. real-n8n.ts: in a real n8n, executions/s through each webhook trigger against the bare Webhook
 *      node, the do-nothing trigger and the do-it-yourself workflow (anchors.ts), same n8n, settings,
 *      body and concurrency (autocannon on loopback), under four expression-engine settings;
 *   e. queue-mode.ts: the same in n8n's queue mode, through the webhook processor.
 * Set BENCH_SKIP_N8N=1 to skip (b) and (e), BENCH_SKIP_QUEUE=1 to skip (e); BENCH_RESULTS=<path stem>
 * writes <stem>.json and <stem>.md instead (for a partial run that must not replace the quoted one).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../tools/real-n8n/host';
import { log, results, rows } from './report';
import { authCalls } from './scenarios/auth-calls';
import { inProcess } from './scenarios/in-process';
import { inN8nCore } from './scenarios/in-n8n-core';
import { inProcessSteps } from './scenarios/in-process-steps';
import { queueMode } from './scenarios/queue-mode';
import { realN8n } from './scenarios/real-n8n';
import { sizes } from './scenarios/sizes';

async function main() {
	const started = Date.now();
	await inProcess();
	inProcessSteps();
	await inN8nCore();
	await authCalls();
	sizes();
	if (process.env.BENCH_SKIP_N8N !== '1') await realN8n();
	if (process.env.BENCH_SKIP_N8N !== '1' && process.env.BENCH_SKIP_QUEUE !== '1') await queueMode();
	results.seconds = Math.round((Date.now() - started) / 1000);
	const table = [
		'| Measure | Figure | Ratio | Target | |',
		'|---|---|---|---|---|',
		...rows.map((r) => `| ${r.join(' | ')} |`),
	].join('\n');
	const stem = process.env.BENCH_RESULTS ?? join(ROOT, 'bench', 'results');
	writeFileSync(`${stem}.json`, `${JSON.stringify(results, null, 2)}\n`);
	writeFileSync(
		`${stem}.md`,
		`${table}\n\nMeasured ${results.date} on ${results.machine}, in ${results.seconds} s (\`npm run bench\`).\n`,
	);
	log(`\n${table}\n\nbench took ${results.seconds} s`);
	process.exit(0);
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
	process.exit(1);
});
