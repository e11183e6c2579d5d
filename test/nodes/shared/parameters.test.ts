/**
 * requiredText, the action nodes' required text parameters: trimmed, and a missing, null or blank
 * value is "Enter the <label>" for that item before anything is sent.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requiredText } from '../../../nodes/shared/parameters';

const node = {
	id: '1',
	name: 'Room',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** n8n's getNodeParameter: the value when the parameter is set, otherwise the fallback given. */
function ctxWith(parameters: Record<string, unknown>) {
	return {
		getNode: () => node,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
	} as unknown as IExecuteFunctions;
}

function refusal(parameters: Record<string, unknown>, i = 3) {
	try {
		requiredText(ctxWith(parameters), i, 'roomId', 'room ID');
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('accepted');
}

describe('requiredText', () => {
	it('gives the value trimmed', () => {
		expect(requiredText(ctxWith({ roomId: '  r-1 \n' }), 0, 'roomId', 'room ID')).toBe('r-1');
		expect(requiredText(ctxWith({ roomId: 42 }), 0, 'roomId', 'room ID')).toBe('42');
	});

	it('refuses a missing, null, empty or blank value, naming the field and the item', () => {
		for (const parameters of [{}, { roomId: null }, { roomId: '' }, { roomId: ' \t ' }]) {
			const error = refusal(parameters);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe('Enter the room ID');
			expect(error.context.itemIndex).toBe(3);
		}
	});
});
