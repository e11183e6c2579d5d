/**
 * "Listen for test event" ("Test this trigger") on each webhook trigger: n8n registers the
 * /webhook-test/ URL with empty static data, also while the same workflow is active. One
 * registration exists per account, so a test listen must never touch production's, and must never
 * destroy what it cannot restore. Asserted against each provider's simulator.
 */
import type { IDataObject, INodeType, NodeOperationError } from 'n8n-workflow';

import { HuaweiCloudMeetingTrigger } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node';
import { HuaweiCloudSparkRtcTrigger } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node';
import { TencentCloudRoomTrigger } from '../../nodes/TencentCloudRoom/TencentCloudRoomTrigger.node';
import type { CredentialStore, TriggerHost } from '../harness/n8n';
import { activate, captured, deactivate, hostTrigger } from '../harness/n8n';
import type { HuaweiMeetingSimulator } from '../simulator/huaweiMeeting';
import type { HuaweiSparkRtcSimulator } from '../simulator/huaweiSparkRtc';
import type { TencentRoomSimulator } from '../simulator/tencentRoom';
import { MEETING_INFO } from '../fixtures/huaweiMeeting';
import { appIdCredential, CORP_ID, startMeetingSimulator } from '../nodes/HuaweiCloudMeeting/setup';
import {
	akSkCredential,
	APP_ID,
	FILE_COMPLETE,
	startRtcSimulator,
} from '../nodes/HuaweiCloudSparkRtc/setup';
import { startTencentSimulator, tencentCredential } from '../nodes/TencentCloudRoom/setup';

interface Provider {
	name: string;
	/** A new node at each use: built inside the test, so Stryker counts what its constructor sets up as covered by it. */
	readonly trigger: INodeType;
	/** How its messages name the registration, and the option that allows replacing it. */
	what: string;
	receives: string;
	replaceOption: string;
	start(): Promise<{ stop(): Promise<void> }>;
	credential(sim: any): CredentialStore;
	params: IDataObject;
	/** The provider's registration as it stands (compared before and after). */
	registration(sim: any): unknown;
	/** Someone else's registration. */
	foreign(sim: any): void;
	/** Sends one event to whatever is registered; resolves with the HTTP status. */
	fire(sim: any): Promise<number>;
	/** Whether replacing someone else's registration can be undone exactly. */
	restores: boolean;
	/** Whether the provider can remove a registration (SparkRTC has no delete, and refuses an empty URL). */
	removable: boolean;
}

const FOREIGN_URL = 'https://other.example.com/hook';

const PROVIDERS: Provider[] = [
	{
		name: 'Huawei Cloud Meeting',
		get trigger() {
			return new HuaweiCloudMeetingTrigger();
		},
		what: 'Huawei Cloud Meeting event push',
		receives: 'Huawei Cloud Meeting events',
		replaceOption: 'Replace Existing Subscription',
		start: startMeetingSimulator,
		credential: (sim: HuaweiMeetingSimulator) => appIdCredential(sim),
		params: {
			scope: 'enterprise',
			corpId: CORP_ID,
			events: ['*'],
			options: { allowHttpUrl: true, resolveMeetingDetails: false },
		},
		registration: (sim: HuaweiMeetingSimulator) => [...sim.configs.values()].map((c) => ({ ...c })),
		foreign: (sim: HuaweiMeetingSimulator) =>
			sim.configs.set(`corp:${CORP_ID}`, {
				id: 'f'.repeat(32),
				scope: `corp:${CORP_ID}`,
				corpId: CORP_ID,
				subscriberId: 'someone',
				subscriberKey: 'their-key',
				url: FOREIGN_URL,
				status: 0,
			}),
		fire: async (sim: HuaweiMeetingSimulator) =>
			(await sim.deliver('meeting.started', { meetingInfo: MEETING_INFO }, CORP_ID)).status,
		restores: false,
		removable: true,
	},
	{
		name: 'Huawei Cloud SparkRTC',
		get trigger() {
			return new HuaweiCloudSparkRtcTrigger();
		},
		what: 'SparkRTC recording callback',
		receives: 'SparkRTC recording events',
		replaceOption: 'Replace Existing Callback',
		start: startRtcSimulator,
		credential: (sim: HuaweiSparkRtcSimulator) => akSkCredential(sim),
		params: { appId: APP_ID, events: ['*'], options: {} },
		registration: (sim: HuaweiSparkRtcSimulator) => ({ ...sim.apps.get(APP_ID) }),
		foreign: (sim: HuaweiSparkRtcSimulator) =>
			sim.apps.set(APP_ID, {
				url: FOREIGN_URL,
				auth_key: 'c'.repeat(40),
				notify_event_subscription: ['RECORD_FILE_COMPLETE'],
			}),
		fire: async (sim: HuaweiSparkRtcSimulator) =>
			(await sim.deliver(APP_ID, { ...FILE_COMPLETE, job_id: `job-${Math.random()}` })).status,
		restores: true,
		removable: false,
	},
	{
		name: 'Tencent Cloud Room',
		get trigger() {
			return new TencentCloudRoomTrigger();
		},
		what: 'Tencent Cloud Room callback',
		receives: 'Tencent Cloud Room callbacks',
		replaceOption: 'Replace Existing Callback',
		start: startTencentSimulator,
		credential: (sim: TencentRoomSimulator) => tencentCredential(sim, { callbackToken: '' }),
		params: { events: ['*'], options: {} },
		registration: (sim: TencentRoomSimulator) => (sim.callback ? { ...sim.callback } : undefined),
		foreign: (sim: TencentRoomSimulator) =>
			(sim.callback = { Url: FOREIGN_URL, CallbackCommandList: ['Room.CallbackAfterCreateRoom'] }),
		fire: async (sim: TencentRoomSimulator) =>
			(
				await sim.deliver({
					CallbackCommand: 'Room.CallbackAfterDestroyRoom',
					Operator_Account: 'a',
					RoomId: `r-${Math.random()}`,
					EventTime: Date.now(),
				})
			).status,
		restores: true,
		removable: true,
	},
];

describe.each(PROVIDERS.map((p) => [p.name, p] as const))(
	'%s Trigger: test listens',
	(_name, p) => {
		let sim: any;
		const hosts: TriggerHost[] = [];
		beforeEach(async () => (sim = await p.start()));
		afterEach(async () => {
			for (const h of hosts.splice(0)) await h.stop();
			await sim.stop();
		});

		const host = async (test: boolean, options: IDataObject = {}) => {
			const params = { ...p.params, options: { ...(p.params.options as IDataObject), ...options } };
			const h = await hostTrigger(p.trigger, p.credential(sim), params, {
				test,
				workflowId: 'wf-same',
			});
			hosts.push(h);
			return h;
		};

		it.each([false, true])(
			'on an active workflow (Replace %s): fails at once, production untouched and still receiving',
			async (replace) => {
				const production = await host(false, { replaceExisting: replace });
				await activate(p.trigger, production);
				const before = JSON.stringify(p.registration(sim));
				const test = await host(true, { replaceExisting: replace });
				const error = await activate(p.trigger, test).catch((e: Error) => e);
				expect(error).toBeInstanceOf(Error);
				expect((error as Error).message).toBe(
					`This workflow is active and receives ${p.receives} at its production URL: see its executions, or deactivate it to listen for a test event`,
				);
				expect((error as { description?: string }).description).toMatch(
					/deactivate the workflow to listen for a test event/,
				);
				expect(JSON.stringify(p.registration(sim))).toBe(before);
				// n8n calls delete() when the listen ends; production's registration stays.
				await deactivate(p.trigger, test);
				expect(JSON.stringify(p.registration(sim))).toBe(before);
				expect(await p.fire(sim)).toBe(200);
				await production.idle();
				expect(production.emitted).toHaveLength(1);
				expect(test.emitted).toHaveLength(0);
			},
		);

		it('with nothing registered: registers the test URL, the test event arrives, delete removes it (where the provider can)', async () => {
			const test = await host(true);
			await activate(p.trigger, test);
			expect(JSON.stringify(p.registration(sim))).toContain('/webhook-test/');
			expect(await p.fire(sim)).toBe(200);
			await test.idle();
			expect(test.emitted).toHaveLength(1);
			const warnings = captured.logs.length;
			expect(await deactivate(p.trigger, test)).toBe(true);
			if (p.removable) {
				expect(JSON.stringify(p.registration(sim) ?? null)).not.toContain('/webhook-test/');
			} else {
				// SparkRTC: no delete API, and an empty URL is refused: the warning says so (README too).
				expect(captured.logs.slice(warnings).join('\n')).toMatch(
					/refused to clear the recording callback URL/,
				);
			}
		});

		it("with someone else's registration: names it; Replace replaces only what can be put back", async () => {
			p.foreign(sim);
			const before = JSON.stringify(p.registration(sim));
			const plain = await host(true);
			const error = await activate(p.trigger, plain).catch((e: Error) => e);
			expect((error as Error).message).toBe(
				`${p.what} is already configured to deliver to ${FOREIGN_URL}`,
			);
			expect((error as NodeOperationError).description).toContain(`"${p.replaceOption}"`);
			expect((error as NodeOperationError).description).toContain(
				'examples/huawei-meeting-router.json',
			);
			expect(JSON.stringify(p.registration(sim))).toBe(before);

			const replacing = await host(true, { replaceExisting: true });
			const replaced = await activate(p.trigger, replacing).catch((e: Error) => e);
			if (!p.restores) {
				expect((replaced as Error).message).toBe(
					`A test listen does not replace the ${p.what} configuration that delivers to ${FOREIGN_URL}`,
				);
				expect(JSON.stringify(p.registration(sim))).toBe(before);
				return;
			}
			expect(replaced).toBeUndefined();
			expect(JSON.stringify(p.registration(sim))).toContain('/webhook-test/');
			await deactivate(p.trigger, replacing);
			const after = p.registration(sim) as IDataObject;
			// Put back exactly (the provider may add its own update time).
			expect({ ...after, update_time: undefined }).toEqual({
				...JSON.parse(before),
				update_time: undefined,
			});
		});
	},
);
