/**
 * The pinned trigger data of the example workflows (examples/*.json `pinData`): the items each
 * example's trigger node emits for one fixed sample event, produced by the node itself in n8n-core's
 * contexts (test/harness/n8n.ts) against the stand-in cloud's simulators, never written by hand.
 *
 * - One entry of CASES (sample-cases.ts) per example file: how to make its trigger emit (the sample
 *   event). An example without an entry is an error (`pinnedSample` throws), so a new example needs
 *   its case; a new trigger type also needs its line in TRIGGERS.
 * - Deterministic: the clock reads SAMPLE_TIME (a SampleClock, set only while sampling; a case may
 *   move it), nonces and message IDs are fixed, the demo meeting's random fields are fixed
 *   (SAMPLE_MEETING), and what still differs per run is replaced by sample values (`normalise`).
 * - Sample values only: the stand-in cloud generates its secrets per run; none appears in an item
 *   (the secret-hygiene suite checks the nodes for that), and `pinnedSample` checks it again.
 *
 * Write them: `PIN_SAMPLES=write npx jest test/examples/pinned-data.test.ts`.
 * test/examples/pinned-data.test.ts regenerates them and fails when an example's pinData differs.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';
import { WebSocket as WsWebSocket } from 'ws';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudMeetingApi } from '../../credentials/HuaweiCloudMeetingApi.credentials';
import { TencentCloudChatApi } from '../../credentials/TencentCloudChatApi.credentials';
import { TencentRtcCallbackApi } from '../../credentials/TencentRtcCallbackApi.credentials';
import { HuaweiCloudMeetingPollingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingPollingTrigger.node';
import { HuaweiCloudMeetingConferenceTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingConferenceTrigger.node';
import { HuaweiCloudMeetingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { HuaweiCloudSparkRtcTrigger } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { TencentCloudRoomTrigger } from '../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import { TencentCloudRtcTrigger } from '../../nodes/TencentCloudRtc/TencentCloudRtcTrigger.node';
import {
	activate,
	CredentialStore,
	deactivate,
	hostTrigger,
	runTrigger,
} from '../../test/harness/n8n';
import type { TriggerHost } from '../../test/harness/n8n';
import { hostPoll } from '../../test/harness/poll';
import { ROOT, waitFor } from '../real-n8n/host';
import { DEMO, Stack } from '../stand-in-cloud/stack';
import { CASES, SAMPLE_TIME, SampleClock } from './sample-cases';

export { CASES, SAMPLE_TIME } from './sample-cases';

export const EXAMPLES_DIR = join(ROOT, 'examples');

const PREFIX = 'n8n-nodes-meeting-events.';

/** The node types with a trigger the examples start from, and the credential each uses. */
const TRIGGERS: Record<string, { node: () => INodeType; credential: () => ICredentialType }> = {
	[`${PREFIX}huaweiCloudMeetingTrigger`]: {
		node: () => new HuaweiCloudMeetingTrigger(),
		credential: () => new HuaweiCloudMeetingApi(),
	},
	[`${PREFIX}huaweiCloudMeetingConferenceTrigger`]: {
		node: () => new HuaweiCloudMeetingConferenceTrigger(),
		credential: () => new HuaweiCloudMeetingApi(),
	},
	[`${PREFIX}huaweiCloudMeetingPollingTrigger`]: {
		node: () => new HuaweiCloudMeetingPollingTrigger(),
		credential: () => new HuaweiCloudMeetingApi(),
	},
	[`${PREFIX}huaweiCloudSparkRtcTrigger`]: {
		node: () => new HuaweiCloudSparkRtcTrigger(),
		credential: () => new HuaweiCloudApi(),
	},
	[`${PREFIX}tencentCloudRtcTrigger`]: {
		node: () => new TencentCloudRtcTrigger(),
		credential: () => new TencentRtcCallbackApi(),
	},
	[`${PREFIX}tencentCloudRoomTrigger`]: {
		node: () => new TencentCloudRoomTrigger(),
		credential: () => new TencentCloudChatApi(),
	},
};

/** The demo meeting's generated fields, fixed (the simulator draws them at random). */
const SAMPLE_MEETING = {
	userUUID: '7d3c1f0e2b4a49c8a6e5d4c3b2a10f9e',
	guestJoinUri: `https://c.meeting.huaweicloud.com/#/j/${DEMO.meeting.conferenceID}/guest-sample-link`,
	chairJoinUri: `https://c.meeting.huaweicloud.com/#/j/${DEMO.meeting.conferenceID}/host-sample-link`,
	passwordEntry: [
		{ conferenceRole: 'chair', password: 'host-sample' },
		{ conferenceRole: 'general', password: '246810' },
	],
};

/**
 * Values that differ per run, and the sample value that replaces them wherever they appear in an
 * item (whole strings or inside them): the simulators' addresses, the generated subscriber ID, the
 * trigger's URL. Any other long hex string that is not a fixed sample value (signatures made with
 * the run's keys, delivery IDs derived from them, random message IDs and tokens) becomes a numbered
 * sample of the same length, in order of appearance.
 */
function normalise(items: IDataObject[], stack: Stack, subscriberId: unknown, url?: string) {
	const pairs: Array<[string, string]> = [
		[stack.huawei.baseUrl, 'https://api.meeting.huaweicloud.com'],
		[stack.rtc.baseUrl, 'https://rtc-api.myhuaweicloud.com'],
		[stack.tencent.baseUrl, 'https://console.tim.qq.com'],
	];
	if (typeof subscriberId === 'string') pairs.push([subscriberId, 'n8n0123456789abcdef']);
	if (url) pairs.push([url, 'https://n8n.example.com/webhook/sample/webhook']);
	let text = JSON.stringify(items);
	for (const [from, to] of pairs) text = text.split(from).join(to);
	const keep = new Set([DEMO.meeting.confUUID, SAMPLE_MEETING.userUUID, DEMO.rtcProject]);
	const seen = new Map<string, string>();
	text = text.replace(/\b[0-9a-f]{24,}\b/g, (hex) => {
		if (keep.has(hex)) return hex;
		if (!seen.has(hex)) {
			const n = String(seen.size + 1);
			seen.set(hex, `${'0'.repeat(hex.length - n.length - 4)}5a3e${n}`.slice(-hex.length));
		}
		return seen.get(hex)!;
	});
	return JSON.parse(text) as IDataObject[];
}

export interface ExampleWorkflow {
	name: string;
	nodes: Array<IDataObject & { name: string; type: string; typeVersion: number }>;
	pinData?: Record<string, Array<{ json: IDataObject }>>;
	[key: string]: unknown;
}

export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

export function readExample(file: string): ExampleWorkflow {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow;
}

/** The example's trigger node (the one node of a package trigger type). */
export function triggerOf(workflow: ExampleWorkflow) {
	const triggers = workflow.nodes.filter((n) => n.type in TRIGGERS);
	if (triggers.length !== 1)
		throw new Error(
			`${workflow.name}: expected one trigger of this package, found ${triggers.length}`,
		);
	return triggers[0];
}

/** The items the example's trigger emits for its sample event, as pinData of that node. */
export async function pinnedSample(
	file: string,
): Promise<Record<string, Array<{ json: IDataObject }>>> {
	const pinCase = CASES[file];
	if (!pinCase)
		throw new Error(
			`examples/${file} has no sample case: add one to CASES in tools/examples/pin-samples.ts`,
		);
	const stack = await new Stack().start();
	Object.assign(stack.huawei.meetings.meetings.get(DEMO.meeting.conferenceID)!, SAMPLE_MEETING);
	const clock = new SampleClock(SAMPLE_TIME);
	// Node 20 (the test runner's) has no global WebSocket, n8n 2.x's Node 24 has: use ws's, same API.
	const g = globalThis as unknown as { WebSocket?: unknown };
	const hadWebSocket = g.WebSocket !== undefined;
	if (!hadWebSocket) g.WebSocket = WsWebSocket;
	let host: TriggerHost | undefined;
	try {
		const credentialIds = Object.fromEntries(stack.credentials().map((c) => [c.type, c.type]));
		const workflow = stack
			.workflows(credentialIds, [file])
			.find((w) => w.file === file) as unknown as ExampleWorkflow;
		const example = readExample(file);
		const node = triggerOf(workflow);
		const trigger = TRIGGERS[node.type];
		const nodeType = trigger.node();
		const version = triggerOf(example).typeVersion;
		const defaultVersion =
			nodeType.description.defaultVersion ?? (nodeType.description.version as number);
		if (version !== defaultVersion)
			throw new Error(
				`${file}: the trigger is version ${version}, the node's default ${defaultVersion}`,
			);
		const credentialType = trigger.credential();
		const data = stack.credentials().find((c) => c.type === credentialType.name)!.data;
		const store = new CredentialStore(credentialType, { ...data } as never);
		const parameters = node.parameters as IDataObject;
		let items: IDataObject[];
		let subscriberId: unknown;
		if (pinCase.kind === 'webhook') {
			host = await hostTrigger(nodeType, store, parameters);
			await activate(nodeType, host);
			await pinCase.send({ stack, parameters, clock, host });
			await host.idle();
			items = host.emitted.flat();
			subscriberId = host.staticData.subscriberId;
			await deactivate(nodeType, host);
		} else if (pinCase.kind === 'poll') {
			const poller = hostPoll(nodeType, store, parameters);
			await pinCase.send({ stack, parameters, clock, poller });
			items = poller.emitted;
		} else {
			const run = await runTrigger(nodeType, store, parameters);
			try {
				await pinCase.send({ stack, parameters, clock });
				await waitFor('the conference item', () => run.emitted.length > 0, 15_000, 50);
			} finally {
				await run.close();
			}
			items = run.emitted;
		}
		if (items.length === 0) throw new Error(`${file}: the sample event gave no item`);
		const pinned = normalise(items, stack, subscriberId, host?.url);
		const text = JSON.stringify(pinned);
		for (const [name, value] of Object.entries(stack.secrets))
			if (text.includes(value)) throw new Error(`${file}: the sample item holds the ${name}`);
		return { [node.name]: pinned.map((json) => ({ json })) };
	} finally {
		clock.restore();
		if (!hadWebSocket) delete g.WebSocket;
		await host?.stop();
		await stack.stop();
	}
}

/** Writes each example's pinData (`PIN_SAMPLES=write` in the test). */
export function writePinData(file: string, pinData: ExampleWorkflow['pinData']): void {
	const path = join(EXAMPLES_DIR, file);
	const workflow = JSON.parse(readFileSync(path, 'utf8')) as ExampleWorkflow;
	workflow.pinData = pinData;
	writeFileSync(path, JSON.stringify(workflow, null, '\t'));
	// As `prettier --write` leaves it (npm run lint checks the examples too).
	execFileSync(join(ROOT, 'node_modules', '.bin', 'prettier'), [
		'--write',
		'--log-level=warn',
		path,
	]);
}
