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
			...Object.entries(events).map(([value, label]) => ({
				name: label,
				value,
				description: value,
			})),
		],
	};
}

/** n8n's usual "Return All" + "Limit" pair for a list operation. */
export function returnAllFields(
	show: NonNullable<INodeProperties['displayOptions']>['show'],
): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/**
 * A trigger's "Filters": plain values checked before an execution starts (a delivery filtered out is
 * answered as usual and starts nothing). Plain text, so that n8n evaluates no expression per request.
 */
export function filtersProperty(
	filters: Array<{ displayName: string; name: string; placeholder: string; description: string }>,
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: filters.map((f) => ({ ...f, type: 'string' as const, default: '' })),
	};
}
