import type { INodeProperties } from 'n8n-workflow';

/** The "which events" multi-select every trigger has: "All" first, then each event by name. */
export function eventsProperty(
	events: Record<string, string>,
	defaults: string[],
	displayName = 'Events',
	name = 'events',
	allLabel = 'All Events',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		required: true,
		default: [...defaults],
		options: [
			{ name: allLabel, value: '*' },
			...Object.entries(events).map(([value, label]) => ({ name: label, value, description: value })),
		],
	};
}
