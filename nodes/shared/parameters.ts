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

/**
 * A filter list as typed in a plain text parameter: values separated by commas or new lines, trimmed,
 * blanks dropped. Undefined when there is none (no filter).
 */
export function valueList(value: unknown): Set<string> | undefined {
	const values = String(value ?? '')
		.split(/[,\n]/)
		.map((v) => v.trim())
		.filter(Boolean);
	return values.length > 0 ? new Set(values) : undefined;
}

/** True when there is no filter, or one of `values` (as text) is in it. */
export function passes(list: Set<string> | undefined, ...values: unknown[]): boolean {
	return !list || values.some((v) => v !== undefined && v !== null && list.has(String(v)));
}
