import { ZodError } from 'zod/v4';

/** One line naming each invalid field, for 4xx answers and error messages (no values echoed). */
export function zodSummary(error: unknown): string {
	if (error instanceof ZodError) {
		return error.issues
			.slice(0, 5)
			.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
			.join('; ');
	}
	return (error as Error)?.message ?? String(error);
}
