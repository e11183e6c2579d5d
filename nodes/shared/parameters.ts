import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A required text parameter, trimmed; "Enter the <label>" for the item when it is empty. */
export function requiredText(
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
): string {
	const value = String(ctx.getNodeParameter(name, i, '') ?? '').trim();
	if (!value) throw new NodeOperationError(ctx.getNode(), `Enter the ${label}`, { itemIndex: i });
	return value;
}
