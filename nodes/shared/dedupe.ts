/**
 * Duplicate-delivery guard. Providers retry (Huawei Cloud Meeting for up to 24 h), so the same
 * delivery can arrive several times; each is answered 200 but only the first starts an execution.
 *
 * Memory is bounded: at most `maxEntries` keys per guard, the oldest evicted first, and every key
 * is forgotten once its window has passed. The guard lives in the n8n process (node type classes
 * are loaded once), so it spans executions; it does not span n8n restarts or several webhook
 * processes (see the README).
 */
export class DeliveryGuard {
	private readonly expiries = new Map<string, number>();

	constructor(private readonly maxEntries = 10_000) {}

	/** Records `key`; true when it was not seen within its window (i.e. this is the first delivery). */
	firstSeen(key: string, windowMs: number, now = Date.now()): boolean {
		this.evict(now);
		const expiry = this.expiries.get(key);
		if (expiry !== undefined && expiry > now) return false;
		this.expiries.delete(key);
		this.expiries.set(key, now + windowMs);
		while (this.expiries.size > this.maxEntries) {
			const oldest = this.expiries.keys().next().value as string;
			this.expiries.delete(oldest);
		}
		return true;
	}

	/** Forgets `key` (used when an accepted delivery could not be emitted after all). */
	forget(key: string): void {
		this.expiries.delete(key);
	}

	get size(): number {
		return this.expiries.size;
	}

	private evict(now: number): void {
		for (const [key, expiry] of this.expiries) {
			if (expiry > now) break;
			this.expiries.delete(key);
		}
	}
}

/** One guard per trigger node type; keys are scoped by workflow and node. */
export const deliveryGuards = {
	huaweiMeeting: new DeliveryGuard(),
	huaweiSparkRtc: new DeliveryGuard(),
	tencentRoom: new DeliveryGuard(),
};
