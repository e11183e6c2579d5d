#!/usr/bin/env node
// Takes the README's screenshots of the nodes in the n8n editor, with Debian's headless Chromium
// (scripts/e2e/install-system.sh installs it with the CJK and emoji fonts the meeting subject
// "Q4 planning 规划 🚀" needs) against a freshly started demo (`npm start`: executions left by an
// earlier run would show in the trigger panels):
//   node scripts/screenshots.mjs <demo password>
// It writes every docs/screenshots/*.png: each example trigger's canvas and panel, and
// "Listen for test event" on the Huawei meeting → Slack workflow, unpublished for the listen (the
// event comes from the demo's control port, as `npm run simulate -- huawei meeting.started`; its
// output in the Schema view) and published again (the trigger's message).
import { chromium } from 'playwright-core';

const [password] = process.argv.slice(2);
if (!password) {
	console.error('usage: node scripts/screenshots.mjs <demo password>  (npm start prints it)');
	process.exit(2);
}
const base = process.env.N8N_URL ?? 'http://localhost:5678';
const control = `http://127.0.0.1:${process.env.DEMO_CONTROL_PORT ?? 18080}`;
const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const SUBJECT = 'Q4 planning 规划 🚀';

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	],
});
try {
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	await page.goto(`${base}/signin`);
	await page.fill('input[type="email"]', 'demo@example.com');
	await page.fill('input[type="password"]', password);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/home|\/workflows/, { timeout: 60_000 });

	/** n8n's REST API with the editor's session. */
	const rest = (method, path, body) =>
		page.evaluate(
			async ([method, path, body]) => {
				const res = await fetch(path, {
					method,
					headers: {
						'Content-Type': 'application/json',
						'browser-id': localStorage.getItem('n8n-browserId') ?? '',
					},
					body: body === undefined ? undefined : JSON.stringify(body),
				});
				const text = await res.text();
				if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
				return text ? JSON.parse(text).data : undefined;
			},
			[method, path, body],
		);
	const workflows = await rest('GET', '/rest/workflows');
	const workflow = (name) => {
		const wf = workflows.find((w) => w.name === name);
		if (!wf) throw new Error(`No workflow "${name}" in the demo`);
		return wf;
	};
	const trigger = (node) => page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`);
	/** Opens the workflow and waits until its canvas has settled, with nothing in front of it. */
	async function openWorkflow(name) {
		await page.goto(`${base}/workflow/${workflow(name).id}`);
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
		await page.waitForTimeout(1500);
		// n8n's "Production Checklist" pop-over, and a node's hover toolbar.
		const checklist = page.locator('[data-test-id="suggested-actions-close"]');
		if (await checklist.isVisible()) await checklist.click();
		await page.mouse.move(1400, 700);
		await page.waitForTimeout(500);
	}
	/** Opens the node's panel (its parameters and output). */
	async function openNode(node) {
		await trigger(node)
			.dblclick()
			.catch(async () => {
				await page.getByText(node, { exact: true }).first().dblclick();
			});
		await page.waitForTimeout(1500);
	}
	/** Closes n8n's toasts, so that they cover nothing. */
	async function closeToasts() {
		for (const close of await page.locator('.el-notification__closeBtn').all())
			await close.click().catch(() => {});
		await page.waitForTimeout(800);
	}

	const shots = [
		['Huawei meeting started → e-mail', 'Huawei Cloud Meeting Trigger', 'huawei-meeting-trigger'],
		[
			'SparkRTC recording finished → e-mail with the file link',
			'Huawei Cloud SparkRTC Trigger',
			'sparkrtc-trigger',
		],
		['Tencent room updated → Slack', 'Tencent Cloud Room Trigger', 'tencent-room-trigger'],
		[
			'Huawei meeting participants (live) → Slack',
			'Huawei Cloud Meeting Conference Trigger',
			'huawei-conference-trigger',
		],
	];
	for (const [name, node, file] of shots) {
		await openWorkflow(name);
		await page.screenshot({ path: `${out}${file}-canvas.png` });
		await openNode(node);
		await page.screenshot({ path: `${out}${file}.png` });
		await page.keyboard.press('Escape');
	}

	// "Listen for test event": the workflow unpublished, so that the test URL can be registered.
	const listenName = 'Huawei meeting started → Slack';
	const listenNode = 'Huawei Cloud Meeting Trigger';
	const { id: listenId } = workflow(listenName);
	await rest('POST', `/rest/workflows/${listenId}/deactivate`, {});
	try {
		// The demo gives each simulated meeting one of a few subjects; listen again until the
		// event is about the one the README shows.
		let shown = false;
		for (let attempt = 1; attempt <= 12 && !shown; attempt++) {
			await openWorkflow(listenName);
			await openNode(listenNode);
			await page.locator('[data-test-id="trigger-execute-button"]').click();
			const output = page.locator('[data-test-id="output-panel"]');
			const mode = (view) =>
				output
					.locator(
						`[data-test-id="ndv-run-data-display-mode"] [data-test-id="radio-button-${view}"]`,
					)
					.first();
			// Fire once the test URL is registered: until then the demo has no push configuration
			// for the workflow's enterprise and answers 500.
			let delivered = false;
			for (let i = 0; i < 60 && !delivered; i++) {
				await page.waitForTimeout(500);
				const res = await fetch(`${control}/simulate/huawei/meeting.started`, { method: 'POST' });
				delivered = res.ok && (await res.json()).answers?.[0]?.status === 200;
			}
			if (!delivered) throw new Error('The test URL took no simulated event');
			await output.getByText('meeting.started').first().waitFor({ timeout: 60_000 });
			await mode('json').click();
			shown = await output
				.getByText(SUBJECT)
				.first()
				.isVisible()
				.catch(() => false);
			if (!shown) {
				await page.keyboard.press('Escape');
				continue;
			}
			await mode('schema').click();
			await page.waitForTimeout(1000);
			await closeToasts();
			await page.screenshot({ path: `${out}editor-test-listen.png` });
			await page.keyboard.press('Escape');
		}
		if (!shown) throw new Error(`No simulated meeting with the subject ${SUBJECT}`);
	} finally {
		const { versionId } = await rest('GET', `/rest/workflows/${listenId}`);
		await rest('POST', `/rest/workflows/${listenId}/activate`, { versionId });
	}
	// The same on the published workflow: the trigger says what to do, production is untouched.
	await openWorkflow(listenName);
	await openNode(listenNode);
	await page.locator('[data-test-id="trigger-execute-button"]').click();
	await page.getByText('This workflow is active').first().waitFor({ timeout: 60_000 });
	await page.waitForTimeout(1500);
	await page.screenshot({ path: `${out}editor-test-listen-active.png` });

	console.log(`screenshots written to ${out}`);
} finally {
	await browser.close();
}
