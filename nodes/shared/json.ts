/**
 * JSON helpers for webhook bodies.
 *
 * - `parseJsonBody` parses like JSON.parse, but integers beyond 2^53 (account IDs, seen in Tencent samples)
 *   come back as decimal strings instead of silently losing digits.
 * - `topLevelMemberText` returns the exact source text of one member of the top-level object, for
 *   signatures computed over a sub-object as the provider serialised it.
 */

export class JsonBodyError extends Error {}

/** True when a parsed value holds an integer JSON.parse could not represent exactly (beyond 2^53). */
function hasUnsafeInteger(value: unknown): boolean {
	if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
	if (value === null || typeof value !== 'object') return false;
	if (Array.isArray(value)) {
		for (const v of value) if (hasUnsafeInteger(v)) return true;
		return false;
	}
	for (const key in value)
		if (hasUnsafeInteger((value as Record<string, unknown>)[key])) return true;
	return false;
}

export function parseJsonBody(text: string): unknown {
	if (text.trim() === '') throw new JsonBodyError('The request body is empty');
	let problem: string | undefined;
	let value: unknown;
	try {
		value = JSON.parse(text) as unknown;
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined)
		throw new JsonBodyError(`The request body is not valid JSON: ${problem}`);
	// Only when a long integer lost digits is the text parsed again, keeping them.
	if (!hasUnsafeInteger(value)) return value;
	const parser = new LosslessParser(text);
	const lossless = parser.parseValue();
	parser.expectEnd();
	return lossless;
}

/** Source text of `key`'s value in the top-level object of `text`, or undefined. */
export function topLevelMemberText(text: string, key: string): string | undefined {
	const parser = new LosslessParser(text);
	try {
		return parser.memberText(key);
	} catch {
		return undefined;
	}
}

class LosslessParser {
	private pos = 0;

	constructor(private readonly text: string) {}

	memberText(key: string): string | undefined {
		this.ws();
		this.expect('{');
		this.ws();
		if (this.peek() === '}') return undefined;
		for (;;) {
			this.ws();
			const name = this.parseString();
			this.ws();
			this.expect(':');
			this.ws();
			const start = this.pos;
			this.parseValue();
			if (name === key) return this.text.slice(start, this.pos);
			this.ws();
			const c = this.next();
			if (c === '}') return undefined;
			if (c !== ',') this.fail('Expected , or }');
		}
	}

	parseValue(): unknown {
		this.ws();
		const c = this.peek();
		if (c === '{') return this.parseObject();
		if (c === '[') return this.parseArray();
		if (c === '"') return this.parseString();
		if (c === '-' || (c >= '0' && c <= '9')) return this.parseNumber();
		for (const [word, value] of [
			['true', true],
			['false', false],
			['null', null],
		] as const) {
			if (this.text.startsWith(word, this.pos)) {
				this.pos += word.length;
				return value;
			}
		}
		return this.fail('Unexpected token');
	}

	expectEnd(): void {
		this.ws();
		if (this.pos !== this.text.length) this.fail('Unexpected data after the JSON value');
	}

	private parseObject(): Record<string, unknown> {
		this.expect('{');
		const out: Record<string, unknown> = {};
		this.ws();
		if (this.peek() === '}') {
			this.pos++;
			return out;
		}
		for (;;) {
			this.ws();
			const key = this.parseString();
			this.ws();
			this.expect(':');
			const value = this.parseValue();
			Object.defineProperty(out, key, {
				value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
			this.ws();
			const c = this.next();
			if (c === '}') return out;
			if (c !== ',') this.fail('Expected , or }');
		}
	}

	private parseArray(): unknown[] {
		this.expect('[');
		const out: unknown[] = [];
		this.ws();
		if (this.peek() === ']') {
			this.pos++;
			return out;
		}
		for (;;) {
			out.push(this.parseValue());
			this.ws();
			const c = this.next();
			if (c === ']') return out;
			if (c !== ',') this.fail('Expected , or ]');
		}
	}

	private parseString(): string {
		const start = this.pos;
		this.expect('"');
		for (;;) {
			const c = this.text[this.pos++];
			if (c === undefined) this.fail('Unterminated string');
			if (c === '\\') {
				this.pos++;
				continue;
			}
			if (c === '"') break;
			if (c < ' ') this.fail('Control character in string');
		}
		try {
			return JSON.parse(this.text.slice(start, this.pos)) as string;
		} catch {
			return this.fail('Invalid string escape');
		}
	}

	private parseNumber(): number | string {
		const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(
			this.text.slice(this.pos, this.pos + 400),
		);
		if (!match) return this.fail('Invalid number');
		this.pos += match[0].length;
		const literal = match[0];
		const value = Number(literal);
		if (!match[2] && !match[3] && !Number.isSafeInteger(value)) return literal;
		return value;
	}

	private ws(): void {
		while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
	}

	private peek(): string {
		return this.text[this.pos];
	}

	private next(): string {
		return this.text[this.pos++];
	}

	private expect(c: string): void {
		if (this.text[this.pos] !== c) this.fail(`Expected ${c}`);
		this.pos++;
	}

	private fail(message: string): never {
		throw new JsonBodyError(
			`The request body is not valid JSON: ${message} at position ${this.pos}`,
		);
	}
}
