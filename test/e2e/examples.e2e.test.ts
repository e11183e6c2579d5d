/**
 * The example workflows in a real n8n, from their pinned sample data: each example is imported with
 * its pinData (tools/examples/pin-samples.ts made it from the real trigger), run manually through
 * n8n's REST API from its pinned trigger (POST /rest/workflows/:id/run with `triggerToStartFrom`,
 * the same request on n8n 1.x and 2.x), and what its downstream nodes do arrives at the stand-in
 * cloud (Slack stand-in message, e-mail at the SMTP sink). Also: n8n serves the action nodes'
 * output schemas at /schemas/<node>/<x.y.z>/<resource>/<operation>.json, without a session.
 *
 * Runs once per e2e target (N8N_E2E_LINES, N8N_E2E_NEWEST), like n8n.e2e.test.ts.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nProcess } from '../../tools/real-n8n/host';
import {
	e2eTargets,
	freePort,
	installN8n,
	installPackageInto,
	N8nRest,
	ROOT,
	startN8n,
	waitFor,
} from '../../tools/real-n8n/host';
import { exampleFiles } from '../../tools/examples/pin-samples';
import { decodeMail, DEMO, Stack } from '../../tools/stand-in-cloud/stack';

jest.setTimeout(600_000);

const TARGETS = e2eTargets().map((t) => [t.version, t.line, t.version] as const);
const SUBJECT = DEMO.meeting.subject;
const MEETING = DEMO.meeting.conferenceID;

/** What each example's downstream nodes deliver for its pinned sample. */
const EXPECTED: Record<string, { slack?: string; mail?: { subject: string; text: string } }> = {
	'huawei-meeting-started-to-slack.json': {
		slack: `“${SUBJECT}” started — host Tom, 10:00–11:00 UTC (meeting ${MEETING})`,
	},
	'huawei-meeting-started-to-email.json': {
		mail: {
			subject: `“${SUBJECT}” has started`,
			text: `“${SUBJECT}”, hosted by Tom, started at 2026-11-25T10:00:30.000Z.`,
		},
	},
	'huawei-recording-finished-to-email.json': {
		mail: {
			subject: `Recording of “${SUBJECT}” is ready`,
			text: `Hd: https://record.example/${MEETING}/hd.mp4`,
		},
	},
	'huawei-meeting-ended-polling-to-slack.json': {
		slack: `“${SUBJECT}” ended — host Tom, 10:55–11:00 UTC (meeting ${MEETING})`,
	},
	'huawei-meeting-router.json': {
		slack: `Meeting started: “${SUBJECT}”, host Tom (meeting ${MEETING}, routed)`,
	},
	'huawei-conference-participants-to-slack.json': {
		slack: `Meeting ${DEMO.conferenceId}: Ann added (1 in the meeting)`,
	},
	'sparkrtc-recording-to-email.json': {
		mail: {
			subject: 'Recording of room room-sample is ready',
			text: 'Record/room-sample/file.mp4',
		},
	},
	'tencent-room-updated-to-slack.json': {
		slack: 'Room "Weekly sync" (rid-sample) was updated by bob',
	},
	'trtc-user-entered-to-slack.json': {
		slack: 'ann entered TRTC room room-sample as audience from android at 10:00:29 UTC',
	},
	'trtc-recording-ready-to-email.json': {
		mail: {
			subject: 'Recording of TRTC room room-sample is ready',
			text: 'VOD file 5285890781763144364: http://127.0.0.1/vod/5285890781763144364/f0.mp4',
		},
	},
};

/** One operation per action node whose schema n8n must serve. */
const SCHEMAS = [
	['huaweiCloudMeeting', 'HuaweiCloudMeeting', 'meeting', 'get'],
	['huaweiCloudSparkRtc', 'HuaweiCloudSparkRtc', 'recordRule', 'get'],
	['tencentCloudRoom', 'TencentCloudRoom', 'room', 'get'],
	['tencentCloudRtc', 'TencentCloudRtc', 'usage', 'getRooms'],
] as const;

describe.each(TARGETS)('n8n %s: the examples run from their pinned samples', (_, line, version) => {
	let stack: Stack;
	let n8n: N8nProcess;
	let rest: N8nRest;
	let userFolder: string;
	const workflows: Record<string, Record<string, any>> = {};

	beforeAll(async () => {
		const install = installN8n(line, version);
		userFolder = mkdtempSync(join(tmpdir(), `n8n-examples-${version}-`));
		installPackageInto(userFolder);
		stack = await new Stack().start();
		// What the recording example's Get Download Links finds for the sample meeting.
		stack.huawei.meetings.meetings.get(MEETING)!.recordingUrls = [
			{ fileType: 'Hd', url: `https://record.example/${MEETING}/hd.mp4` },
		];
		n8n = await startN8n(install, { userFolder, port: await freePort() });
		rest = new N8nRest(n8n.baseUrl);
		await rest.login();
		const credentialIds: Record<string, string> = {};
		for (const cred of stack.credentials())
			credentialIds[cred.type] = (await rest.createCredential(cred.name, cred.type, cred.data)).id;
		for (const { file, ...body } of stack.workflows(credentialIds, exampleFiles())) {
			const created = await rest.createWorkflow(body);
			workflows[file] = await rest.request('GET', `/rest/workflows/${created.id}`);
		}
	}, 900_000);

	afterAll(async () => {
		await n8n?.stop();
		await stack?.stop();
		if (n8n) copyFileSync(n8n.logFile, join(tmpdir(), `n8n-examples-${version}.log`));
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	});

	it('every example was imported with the pinned data of its trigger, and has its expectation here', () => {
		expect(Object.keys(workflows).sort()).toEqual(exampleFiles());
		expect(exampleFiles().filter((f) => !(f in EXPECTED))).toEqual([]);
		for (const workflow of Object.values(workflows))
			expect(Object.keys(workflow.pinData ?? {})).toEqual([workflow.nodes[0].name]);
	});

	it.each(exampleFiles())(
		'%s: a manual run from the pinned sample delivers downstream',
		async (file) => {
			const workflow = workflows[file];
			const expected = EXPECTED[file];
			expect(expected).toBeDefined();
			const slackBefore = stack.slackMessages.length;
			const mailsBefore = stack.mails.length;
			const trigger = Object.keys(workflow.pinData)[0];
			// n8n 1.x runs the workflow of the body, n8n 2.x the stored one: both are sent.
			const started = await rest.request<{ executionId?: string; waitingForWebhook?: boolean }>(
				'POST',
				`/rest/workflows/${workflow.id}/run`,
				{ workflowData: workflow, triggerToStartFrom: { name: trigger } },
			);
			expect(started.waitingForWebhook).toBeUndefined();
			expect(started.executionId).toEqual(expect.any(String));
			const execution = await waitFor('the manual execution', async () => {
				const list = await rest.executions(workflow.id);
				const found = list.find((e) => e.id === String(started.executionId));
				return found && !['running', 'new', 'waiting'].includes(found.status) ? found : undefined;
			});
			expect(execution).toMatchObject({ status: 'success', mode: 'manual' });
			if (expected.slack) {
				const message = await waitFor(
					'the Slack message',
					() => stack.slackMessages.length > slackBefore && stack.slackMessages.at(-1),
				);
				expect(message.text).toBe(expected.slack);
			}
			if (expected.mail) {
				const mail = await waitFor(
					'the e-mail',
					() => stack.mails.length > mailsBefore && stack.mails.at(-1),
				);
				const { subject, text } = decodeMail(mail.raw);
				expect(subject).toBe(expected.mail.subject);
				expect(text).toContain(expected.mail.text);
			}
		},
	);

	it.each(SCHEMAS)(
		'serves the output schema of %s (nodes/%s) %s → %s, without a session',
		async (name, dir, resource, operation) => {
			const path = `/schemas/n8n-nodes-meeting-events.${name}/1.0.0/${resource}/${operation}.json`;
			const res = await fetch(`${n8n.baseUrl}${path}`);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual(
				JSON.parse(
					readFileSync(
						join(ROOT, 'dist', 'nodes', dir, '__schema__', 'v1.0.0', resource, `${operation}.json`),
						'utf8',
					),
				),
			);
			// An operation without a schema: n8n answers 404.
			expect(
				(await fetch(`${n8n.baseUrl}/schemas/n8n-nodes-meeting-events.${name}/1.0.0/x/y.json`))
					.status,
			).toBe(404);
		},
	);

	it('never logged a secret', () => {
		const log = readFileSync(n8n.logFile, 'utf8');
		for (const value of Object.values(stack.secrets)) expect(log).not.toContain(value);
	});
});
