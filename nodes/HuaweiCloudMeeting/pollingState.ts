/**
 * What the Huawei Cloud Meeting Polling Trigger remembers between polls, in the workflow's static
 * data (n8n saves it with the workflow): when the last successful poll ran, which lists have had
 * their baseline, and which meetings and recordings each event has already been emitted for,
 * by ID. Bounded: at most MAX_SEEN_PER_EVENT IDs per event.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Candidate, PollList, PollingEvent } from './polling';
import { POLLING_EVENTS } from './polling';

/**
 * IDs remembered per event. A poll sees at most 4 pages of 500 meetings per list (2,000) and
 * 400 recordings, and IDs still in a list are kept (moved to the newest end) on every poll, so only
 * IDs that have left the lists are forgotten, oldest first.
 */
export const MAX_SEEN_PER_EVENT = 5000;
const STATE_VERSION = 1;

export interface PollState {
	version: number;
	/** When the last successful poll started (Unix ms). */
	lastPollAt?: number;
	/** Lists whose first read (the baseline) is done. */
	lists: PollList[];
	/** Per event, the IDs already emitted (or present at the baseline), oldest first. */
	seen: Record<PollingEvent, string[]>;
}

function emptySeen(): Record<PollingEvent, string[]> {
	return Object.fromEntries(Object.keys(POLLING_EVENTS).map((e) => [e, []])) as unknown as Record<
		PollingEvent,
		string[]
	>;
}

/** The state as stored, or a fresh one (first poll, or a state this version cannot read). */
export function readState(staticData: IDataObject): PollState {
	const stored = staticData.polling as Partial<PollState> | undefined;
	const fresh: PollState = { version: STATE_VERSION, lists: [], seen: emptySeen() };
	if (!stored || stored.version !== STATE_VERSION) return fresh;
	const seen = emptySeen();
	for (const event of Object.keys(seen) as PollingEvent[]) {
		const ids = stored.seen?.[event];
		if (Array.isArray(ids)) seen[event] = ids.filter((id) => typeof id === 'string');
	}
	return {
		version: STATE_VERSION,
		lastPollAt: typeof stored.lastPollAt === 'number' ? stored.lastPollAt : undefined,
		lists: Array.isArray(stored.lists) ? stored.lists : [],
		seen,
	};
}

export function writeState(staticData: IDataObject, state: PollState): void {
	staticData.polling = state as unknown as IDataObject;
}

/**
 * Sorts what the lists show into what is new, and the state after this poll: every ID shown is
 * remembered (IDs of a list read for the first time are the baseline: remembered, not new), IDs
 * still shown move to the newest end, and each event keeps its newest MAX_SEEN_PER_EVENT IDs.
 */
export function sortOut(
	state: PollState,
	candidates: Candidate[],
	listsRead: PollList[],
	now: number,
): { fresh: Candidate[]; next: PollState } {
	const baseline = new Set(listsRead.filter((l) => !state.lists.includes(l)));
	const seen = Object.fromEntries(
		Object.entries(state.seen).map(([event, ids]) => [event, new Set(ids)]),
	) as Record<PollingEvent, Set<string>>;
	const shown = Object.fromEntries(
		Object.keys(state.seen).map((event) => [event, new Set<string>()]),
	) as Record<PollingEvent, Set<string>>;
	const fresh: Candidate[] = [];
	for (const c of candidates) {
		if (shown[c.event].has(c.key)) continue;
		shown[c.event].add(c.key);
		const known = [c.key, ...(c.aliases ?? [])].some((id) => seen[c.event].has(id));
		if (!known && !baseline.has(c.list)) fresh.push(c);
	}
	const nextSeen = emptySeen();
	for (const event of Object.keys(nextSeen) as PollingEvent[]) {
		const kept = state.seen[event].filter((id) => !shown[event].has(id));
		nextSeen[event] = [...kept, ...shown[event]].slice(-MAX_SEEN_PER_EVENT);
	}
	return {
		fresh,
		next: {
			version: STATE_VERSION,
			lastPollAt: now,
			lists: [...new Set([...state.lists, ...listsRead])],
			seen: nextSeen,
		},
	};
}
