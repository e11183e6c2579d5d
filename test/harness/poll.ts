/**
 * A polling trigger in n8n-core's own PollContext, as n8n's tick engine runs it: one workflow whose
 * node static data lives across polls (as n8n keeps it with the workflow), `getMode()` 'trigger'
 * for a scheduled poll and 'manual' for Fetch Test Event, and what the poll returned.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import type { CredentialStore } from './n8n';
import { additionalData, workflowFor } from './n8n';

export interface PollHost {
	/** The node's static data (what n8n stores with the workflow). */
	staticData: IDataObject;
	/** One poll: the items it returned ([] for null). */
	poll(mode?: 'trigger' | 'manual'): Promise<IDataObject[]>;
	/** Every item returned by scheduled polls, in order. */
	emitted: IDataObject[];
}

export function hostPoll(
	nodeType: INodeType,
	store: CredentialStore,
	params: IDataObject,
): PollHost {
	const { workflow, node } = workflowFor(nodeType, params, {
		workflowId: `wf-poll-${Math.random()}`,
	});
	const staticData = workflow.getStaticData('node', node) as IDataObject;
	const emitted: IDataObject[] = [];
	return {
		staticData,
		emitted,
		async poll(mode = 'trigger') {
			const context = new PollContext(
				workflow,
				node,
				additionalData(store),
				mode,
				mode === 'manual' ? 'manual' : 'activate',
			);
			const result = (await nodeType.poll!.call(context)) as INodeExecutionData[][] | null;
			const items = result ? result[0].map((i) => i.json) : [];
			if (mode === 'trigger') emitted.push(...items);
			return items;
		},
	};
}
