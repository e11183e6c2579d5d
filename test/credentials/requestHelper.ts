/**
 * For calling a credential's preAuthentication as n8n calls it: n8n's request helper played by a
 * recorder, and a failed request as that helper reports it.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

/** `this` of preAuthentication: n8n's request helper, answering with `answer` (or failing with it). */
export function helperAnswering(answer: unknown, fail = false) {
	const sent: IHttpRequestOptions[] = [];
	const helper = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				sent.push(options);
				if (fail) throw answer;
				return answer;
			},
		},
	};
	return { helper: helper as never, sent };
}

/** A failed request as n8n's helper reports it (axios-like). */
export const refused = (status: number, body: unknown) =>
	Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data: body },
	});
