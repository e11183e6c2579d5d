/**
 * "Listen for test event" through the real n8n editor (n8n 2.x, Debian's headless Chromium driven by
 * playwright-core): a test listen registers the /webhook-test/ URL, a simulated Huawei event shows in
 * the output panel with the meeting's subject, and the test registration is removed; on an active
 * workflow the same click shows the node's message and leaves production's registration unchanged,
 * still receiving. "Fetch Test Event" on the polling trigger shows an ended meeting's item.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { N8nInstall, N8nProcess } from '../../tools/real-n8n/host';
import {
	freePort,
	installN8n,
	installPackageInto,
	N8nRest,
	startN8n,
	waitFor,
} from '../../tools/real-n8n/host';
import { DEMO, Stack } from '../../tools/stand-in-cloud/stack';

jest.setTimeout(600_000);

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const LINES = (process.env.N8N_E2E_LINES ?? '2 1').split(/\s+/).filter(Boolean);
const CORP = 'editor-corp';
const EMAIL = 'editor@example.com';
const PASSWORD = 'Editor-E2e-Passw0rd';
const run = LINES.includes('2') ? describe : describe.skip;
const POLLING_NODE = 'Huawei Cloud Meeting Polling Trigger';

run('the n8n editor: "Listen for test event" on the Huawei Cloud Meeting Trigger', () => {
	let install: N8nInstall;
	let stack: Stack;
	let n8n: N8nProcess;
	let rest: N8nRest;
	let browser: Browser;
	let page: Page;
	let userFolder: string;
	let workflowId: string;
	let pollingWorkflowId: string;

	beforeAll(async () => {
		if (!existsSync(CHROMIUM))
			throw new Error(
				`No Chromium at ${CHROMIUM}: run scripts/e2e/install-system.sh (npm test does)`,
			);
		install = installN8n(2);
		userFolder = mkdtempSync(join(tmpdir(), 'n8n-editor-'));
		installPackageInto(userFolder);
		stack = await new Stack().start();
		n8n = await startN8n(install, { userFolder, port: await freePort() });
		rest = new N8nRest(n8n.baseUrl);
		await rest.login(EMAIL, PASSWORD);
		const cred = stack.credentials().find((c) => c.type === 'huaweiCloudMeetingApi')!;
		const { id: credentialId } = await rest.createCredential(cred.name, cred.type, cred.data);
		const created = await rest.createWorkflow({
			name: 'Editor test listen',
			nodes: [
				{
					id: 'e0e0e0e0-0000-4000-8000-000000000001',
					name: 'Huawei Cloud Meeting Trigger',
					type: 'n8n-nodes-meeting-events.huaweiCloudMeetingTrigger',
					typeVersion: 1.1,
					position: [0, 0],
					webhookId: 'e0e0e0e0-1111-4a6e-9d6e-3b0c1d2e3f49',
					parameters: {
						scope: 'enterprise',
						corpId: CORP,
						events: ['meeting.started'],
						options: { allowHttpUrl: true },
					},
					credentials: { huaweiCloudMeetingApi: { id: credentialId, name: cred.name } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		workflowId = created.id;
		pollingWorkflowId = (
			await rest.createWorkflow({
				name: 'Editor fetch test event',
				nodes: [
					{
						id: 'e0e0e0e0-0000-4000-8000-000000000002',
						name: POLLING_NODE,
						type: 'n8n-nodes-meeting-events.huaweiCloudMeetingPollingTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {
							pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] },
							events: ['meeting.end'],
							options: {},
						},
						credentials: { huaweiCloudMeetingApi: { id: credentialId, name: cred.name } },
					},
				],
				connections: {},
				settings: { executionOrder: 'v1' },
			})
		).id;
		browser = await chromium.launch({
			executablePath: CHROMIUM,
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
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(`${n8n.baseUrl}/signin`);
		await page.fill('input[type="email"]', EMAIL);
		await page.fill('input[type="password"]', PASSWORD);
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/home|\/workflows/, { timeout: 60_000 });
	}, 900_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await stack?.stop();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	});

	/** Opens the workflow and the trigger's panel, and clicks "Listen for test event". */
	async function listen() {
		await page.goto(`${n8n.baseUrl}/workflow/${workflowId}`);
		const node = page.locator(
			'[data-test-id="canvas-node"][data-node-name="Huawei Cloud Meeting Trigger"]',
		);
		await node.waitFor({ timeout: 60_000 });
		await node.dblclick();
		const button = page.locator('[data-test-id="trigger-execute-button"]');
		await button.waitFor({ timeout: 30_000 });
		await button.click();
	}

	const meetingInfo = { meetingID: DEMO.meeting.conferenceID, meetingUUID: DEMO.meeting.confUUID };

	/** Waits for text on the page; on a time-out, keeps a screenshot for the failure report. */
	async function see(text: string, within = page.locator('body'), name = 'editor-failure') {
		try {
			await within.getByText(text).first().waitFor({ timeout: 60_000 });
		} catch (error) {
			await page.screenshot({ path: join(tmpdir(), `${name}.png`) });
			throw error;
		}
	}

	it('registers the test URL, shows the simulated event with the meeting subject, then removes the test registration', async () => {
		await listen();
		const config = await waitFor('the test URL registered and enabled', () =>
			stack.huawei.activeConfig(CORP),
		);
		expect(config.url).toMatch(/\/webhook-test\/e0e0e0e0-1111-4a6e-9d6e-3b0c1d2e3f49\/webhook$/);
		expect((await stack.huawei.deliver('meeting.started', { meetingInfo }, CORP)).status).toBe(200);
		const output = page.locator('[data-test-id="output-panel"]');
		await see('meeting.started', output, 'editor-test-listen-failure');
		// The JSON view shows the whole item, the meeting's subject with it.
		await output
			.locator('[data-test-id="ndv-run-data-display-mode"] [data-test-id="radio-button-json"]')
			.first()
			.click();
		await see('Q4 planning 规划 🚀', output, 'editor-test-listen-failure');
		await waitFor(
			'the test registration removed',
			() =>
				!stack.huawei.activeConfig(CORP) &&
				![...stack.huawei.configs.values()].some((c) => c.corpId === CORP),
		);
		await page.screenshot({ path: join(tmpdir(), 'editor-test-listen.png') });
	});

	it('"Fetch Test Event" on the polling trigger shows the newest ended meeting', async () => {
		stack.huawei.timeline.ended('Editor polling 轮询', 45);
		await page.goto(`${n8n.baseUrl}/workflow/${pollingWorkflowId}`);
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${POLLING_NODE}"]`);
		await node.waitFor({ timeout: 60_000 });
		await node.dblclick();
		const button = page.getByRole('button', { name: /Fetch Test Event/i }).first();
		await button.waitFor({ timeout: 30_000 });
		await button.click();
		const output = page.locator('[data-test-id="output-panel"]');
		await see('meeting.end', output, 'editor-fetch-test-event-failure');
		await output
			.locator('[data-test-id="ndv-run-data-display-mode"] [data-test-id="radio-button-json"]')
			.first()
			.click();
		await see('Editor polling 轮询', output, 'editor-fetch-test-event-failure');
		await page.screenshot({ path: join(tmpdir(), 'editor-fetch-test-event.png') });
	});

	it('on the active workflow: says what to do, and production keeps its registration and its events', async () => {
		await rest.setActive(install.line, workflowId, true);
		const production = await waitFor('the production registration', () =>
			stack.huawei.activeConfig(CORP),
		);
		expect(production.url).toBe(
			`${n8n.baseUrl}/webhook/e0e0e0e0-1111-4a6e-9d6e-3b0c1d2e3f49/webhook`,
		);
		const before = JSON.stringify([...stack.huawei.configs.values()]);
		await listen();
		await see(
			'This workflow is active and receives Huawei Cloud Meeting events at its production URL: see its executions, or deactivate it to listen for a test event',
			undefined,
			'editor-active-failure',
		);
		await page.screenshot({ path: join(tmpdir(), 'editor-test-listen-active.png') });
		expect(JSON.stringify([...stack.huawei.configs.values()])).toBe(before);
		const executionsBefore = (await rest.executions(workflowId)).length;
		expect((await stack.huawei.deliver('meeting.started', { meetingInfo }, CORP)).status).toBe(200);
		await waitFor(
			'the production execution',
			async () =>
				(await rest.executions(workflowId)).filter((e) => e.status === 'success').length >
				executionsBefore,
		);
		expect(JSON.stringify([...stack.huawei.configs.values()])).toBe(before);
	});
});
