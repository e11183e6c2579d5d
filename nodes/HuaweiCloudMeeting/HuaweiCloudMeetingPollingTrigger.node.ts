import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { Candidate, PollList, PollWindow } from './polling';
import {
	candidatesOf,
	eventSelected,
	listsFor,
	meetingKey,
	pollWindow,
	POLLING_EVENTS,
	readList,
	testWindow,
} from './polling';
import { toPollItem, withDownloadLinks } from './pollingItems';
import { readState, sortOut, writeState } from './pollingState';
import { eventsProperty } from '../shared/description';
import { requestDefaults } from '../shared/http';

export class HuaweiCloudMeetingPollingTrigger implements INodeType {
	// Stryker disable all: the description is data for the n8n editor (checked by lint and the dist test), not logic
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud Meeting Polling Trigger',
		name: 'huaweiCloudMeetingPollingTrigger',
		icon: { light: 'file:huaweiCloudMeeting.svg', dark: 'file:huaweiCloudMeeting.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			"Starts the workflow when a Huawei Cloud Meeting is scheduled, starts or ends, or a recording is ready, by reading Huawei's meeting and recording lists on a schedule (no public URL or event-push subscription needed)",
		defaults: { name: 'Huawei Cloud Meeting Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudMeetingApi', required: true }],
		properties: [
			{
				displayName:
					'The first poll after activation only notes what exists; later polls emit what is new, once per meeting and event. After n8n was down, the next poll catches up on the last 7 days at most.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			eventsProperty(POLLING_EVENTS, ['meeting.end']),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: "All Users' Meetings",
						name: 'queryAll',
						type: 'boolean',
						default: true,
						description:
							"Whether to read the whole enterprise's meetings (an enterprise administrator's credential) rather than only the credential user's own",
					},
					{
						displayName: 'Include Download Links',
						name: 'includeDownloadLinks',
						type: 'boolean',
						default: false,
						description:
							'Whether Recording Ready items carry the recording files (type, download URL and its token; each link is valid for one hour and one download). One more Huawei API call per recording, for 10 recordings per poll at most.',
					},
					{
						displayName: 'Include Host Link and Password',
						name: 'includeHostSecrets',
						type: 'boolean',
						default: false,
						description:
							'Whether the meeting details include the host (chair) join link and the host password. Anyone who has them can run the meeting as its host, so they are left out unless you need them.',
					},
				],
			},
		],
	};
	// Stryker restore all

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const lists = listsFor(events);
		if (lists.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Choose at least one event');
		}
		const now = Date.now();
		const manual = this.getMode() === 'manual';
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData);
		const window = manual ? testWindow(now) : pollWindow(now, state.lastPollAt);
		const candidates = await readCandidates(this, lists, window, options.queryAll !== false);

		let chosen: Candidate[];
		if (manual) {
			// Fetch Test Event: the newest matching event, seen or not; the state is left alone.
			const newest = candidates
				.filter((c) => eventSelected(events, c.event))
				.sort((a, b) => b.at - a.at)[0];
			if (!newest) {
				throw new NodeOperationError(
					this.getNode(),
					'No matching Huawei Cloud Meeting event found',
					{
						description: `Fetch Test Event looks for ${describeSelection(events)} in the last 7 days and found none. Schedule, hold or record a meeting with this account, then try again.`,
					},
				);
			}
			chosen = [newest];
		} else {
			const { fresh, next } = sortOut(state, candidates, lists, now);
			writeState(staticData, next);
			chosen = fresh.filter((c) => eventSelected(events, c.event)).sort((a, b) => a.at - b.at);
		}
		if (chosen.length === 0) return null;
		let items = chosen.map((c) =>
			toPollItem(c, now, { includeHostSecrets: options.includeHostSecrets === true }),
		);
		if (options.includeDownloadLinks === true) {
			items = await withDownloadLinks(this, items, requestDefaults.timeoutMs);
		}
		return [this.helpers.returnJsonArray(items)];
	}
}

/** The lists read one after the other; recordings carry their meeting's history entry when read. */
async function readCandidates(
	ctx: IPollFunctions,
	lists: PollList[],
	window: PollWindow,
	queryAll: boolean,
): Promise<Candidate[]> {
	const candidates: Candidate[] = [];
	const history = new Map<string, IDataObject>();
	for (const list of lists) {
		const { entries } = await readList(ctx, list, window, queryAll);
		if (list === 'history') for (const e of entries) history.set(meetingKey(e), e);
		for (const c of candidatesOf(list, entries)) {
			if (c.event === 'record.finish') c.meeting = history.get(c.key) ?? c.meeting;
			candidates.push(c);
		}
	}
	return candidates;
}

function describeSelection(events: string[]): string {
	if (events.includes('*')) return 'any event';
	return events.map((e) => POLLING_EVENTS[e as keyof typeof POLLING_EVENTS] ?? e).join(', ');
}
