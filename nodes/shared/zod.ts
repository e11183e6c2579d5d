import { ZodError } from 'zod';

/** One line naming each invalid field, for 4xx answers and error messages (no values echoed). */
export function zodSummary(error: unknown): string {
	if (error instanceof ZodError) {
		return error.issues
			.slice(0, 5)
			.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
			.join('; ');
	}
	return (error as Error)?.message ?? String(error);
}
