import { sha256Hex } from './crypto';

/**
 * Duplicate-delivery guard. Providers retry (Huawei Cloud Meeting for up to 24 h), so the same
 * delivery can arrive several times; each is answered 200 but only the first starts an execution.
 *
 * Memory is bounded: at most `maxEntries` keys per guard, kept in a ring so that the oldest key is
 * forgotten when a new one arrives (O(1), no scans); a key also stops counting once its window has
 * passed. The guard lives in the n8n process (node type classes are loaded once), so it spans
 * executions; it does not span n8n restarts or several webhook processes (see the README).
 */
export class DeliveryGuard {
	private readonly expiries = new Map<string, number>();
	/** Keys recorded whose delivery has not been answered 2xx yet (a subset of the ring's keys). */
	private readonly unanswered = new Set<string>();
	private readonly ring: Array<string | undefined>;
	private next = 0;

	constructor(private readonly maxEntries = 10_000) {
		this.ring = new Array<string | undefined>(maxEntries);
	}

	/** Records `key`; true when it was not seen within its window (i.e. this is the first delivery). */
	firstSeen(key: string, windowMs: number, now = Date.now()): boolean {
		const expiry = this.expiries.get(key);
		if (expiry !== undefined && expiry > now) return false;
		if (expiry === undefined) {
			const oldest = this.ring[this.next];
			if (oldest !== undefined) {
				this.expiries.delete(oldest);
				this.unanswered.delete(oldest);
			}
			this.ring[this.next] = key;
			this.next = (this.next + 1) % this.maxEntries;
		}
		this.expiries.set(key, now + windowMs);
		this.unanswered.add(key);
		return true;
	}

	/** The delivery recorded under `key` was answered 2xx: a repeat of it is a plain duplicate now. */
	answered(key: string): void {
		this.unanswered.delete(key);
	}

	/**
	 * True while the first copy of `key` is still waiting for its answer (n8n has not stored its
	 * execution yet). A repeat then must not be acknowledged: if the first copy is never stored (n8n
	 * crashes), that acknowledgement would lose the event.
	 */
	inFlight(key: string): boolean {
		return this.unanswered.has(key);
	}

	/**
	 * Forgets `key` (its window ends now), so that the provider's retry of a delivery n8n did not take
	 * starts an execution. The ring slot stays: the key is only marked expired.
	 */
	forget(key: string): void {
		if (this.expiries.has(key)) this.expiries.set(key, 0);
		this.unanswered.delete(key);
	}

	/** Keys held (expired ones included until their slot is reused); never more than maxEntries. */
	get size(): number {
		return this.expiries.size;
	}
}

/**
 * A delivery's identity from its body: short bodies are their own key (no hashing on the hot path),
 * longer ones are hashed so that each key stays small (10,000 keys × 2 KB at most).
 */
export function bodyIdentity(rawBody: string): string {
	return rawBody.length <= 2048 ? rawBody : sha256Hex(rawBody);
}

/**
 * A delivery's stable ID for items (`deliveryId`): the same for every retry of one delivery, on any
 * n8n process, so that n8n's Remove Duplicates node can drop a retry that another process received.
 */
export function deliveryId(identity: string): string {
	return sha256Hex(identity).slice(0, 32);
}

/** One guard per trigger node type; keys are scoped by workflow and node. */
export const deliveryGuards = {
	huaweiMeeting: new DeliveryGuard(),
	huaweiSparkRtc: new DeliveryGuard(),
	tencentRoom: new DeliveryGuard(),
	tencentRtc: new DeliveryGuard(),
};
