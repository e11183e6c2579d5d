#!/usr/bin/env node
// Takes the README's screenshots of the nodes in the n8n editor, with Debian's headless Chromium
// (apt-get install chromium) against the demo started by `npm start`.
//   node scripts/screenshots.mjs <demo password>
import { chromium } from 'playwright-core';

const [password] = process.argv.slice(2);
const base = process.env.N8N_URL ?? 'http://localhost:5678';
const out = new URL('../docs/screenshots/', import.meta.url).pathname;

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
	const workflows = await page.evaluate(
		async () =>
			(
				await (
					await fetch('/rest/workflows', {
						headers: { 'browser-id': localStorage.getItem('n8n-browserId') ?? '' },
					})
				).json()
			).data,
	);
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
		const wf = workflows.find((w) => w.name === name);
		await page.goto(`${base}/workflow/${wf.id}`);
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
		await page.waitForTimeout(1500);
		await page.screenshot({ path: `${out}${file}-canvas.png` });
		await page
			.dblclick(`[data-test-id="canvas-node"][data-node-name="${node}"]`)
			.catch(async () => {
				await page.getByText(node, { exact: true }).first().dblclick();
			});
		await page.waitForTimeout(1500);
		await page.screenshot({ path: `${out}${file}.png` });
		await page.keyboard.press('Escape');
	}
	console.log(`screenshots written to ${out}`);
} finally {
	await browser.close();
}
