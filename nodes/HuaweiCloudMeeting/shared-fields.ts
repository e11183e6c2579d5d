import type { IExecuteFunctions, IHookFunctions, INodeProperties } from 'n8n-workflow';

import type { PushScope } from './api';

/** The tenant fields shared by the action node and the trigger. */
export function scopeFields(show?: INodeProperties['displayOptions']): INodeProperties[] {
	const withScope = (scope: string): INodeProperties['displayOptions'] => ({
		...(show ?? {}),
		show: { ...(show?.show ?? {}), scope: [scope] },
	});
	return [
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'options',
			options: [
				{
					name: 'Enterprise',
					value: 'enterprise',
					description: 'Configuration of one enterprise (corpId)',
				},
				{
					name: 'Service Provider (SP)',
					value: 'sp',
					description: 'Configuration of an SP (spId), multi-tenant',
				},
			],
			default: 'enterprise',
			displayOptions: show,
		},
		{
			displayName: 'Enterprise ID (Corp ID)',
			name: 'corpId',
			type: 'string',
			default: '',
			required: true,
			description: 'Shown in the Huawei Cloud Meeting admin portal under Enterprise Settings',
			displayOptions: withScope('enterprise'),
		},
		{
			displayName: 'SP ID',
			name: 'spId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: withScope('sp'),
		},
	];
}

export function readScope(ctx: IExecuteFunctions | IHookFunctions, itemIndex = 0): PushScope {
	const get = (name: string) =>
		'getInputData' in ctx
			? (ctx as IExecuteFunctions).getNodeParameter(name, itemIndex, '')
			: (ctx as IHookFunctions).getNodeParameter(name, '');
	const scope = get('scope') as string;
	return scope === 'sp'
		? { spId: (get('spId') as string).trim() }
		: { corpId: (get('corpId') as string).trim() };
}
