/**
 * nodes/shared/dedupe.ts: the duplicate guard (a key's window and its boundary, the ring's bound
 * and what it pushes out, forgetting a key, the in-flight mark), body identities and delivery IDs.
 * How n8n's answer drives the guard (firstDelivery, answerRepeat) is in webhook.test.ts; duplicates
 * through each trigger are tested beside the trigger and in test/behaviour/.
 */
import { sha256Hex } from '../../../nodes/shared/crypto';
import { bodyIdentity, DeliveryGuard, deliveryId } from '../../../nodes/shared/dedupe';

describe('DeliveryGuard', () => {
	it('forgets a key exactly when its window ends', () => {
		const guard = new DeliveryGuard();
		expect(guard.firstSeen('a', 1000, 0)).toBe(true);
		expect(guard.firstSeen('a', 1000, 999)).toBe(false);
		expect(guard.firstSeen('a', 1000, 1000)).toBe(true);
		expect(guard.firstSeen('a', 1000, 1999)).toBe(false);
	});

	it('keeps at most maxEntries keys, forgetting the oldest first', () => {
		const guard = new DeliveryGuard(3);
		for (const key of ['a', 'b', 'c', 'd']) expect(guard.firstSeen(key, 60_000, 0)).toBe(true);
		expect(guard.size).toBe(3);
		// 'a' was evicted by 'd'; 'b', 'c', 'd' are still held.
		expect(guard.firstSeen('b', 60_000, 1)).toBe(false);
		expect(guard.firstSeen('d', 60_000, 1)).toBe(false);
		expect(guard.firstSeen('a', 60_000, 1)).toBe(true);
		for (let i = 0; i < 50; i++) guard.firstSeen(`k${i}`, 60_000, 2);
		expect(guard.size).toBe(3);
		expect(guard.firstSeen('k49', 60_000, 3)).toBe(false);
		expect(guard.firstSeen('k46', 60_000, 3)).toBe(true);
	});

	it('lets a key through once per window', () => {
		const guard = new DeliveryGuard();
		expect(guard.firstSeen('a', 1000, 0)).toBe(true);
		expect(guard.firstSeen('a', 1000, 999)).toBe(false);
		expect(guard.firstSeen('a', 1000, 1000)).toBe(true);
	});

	it('keeps memory bounded', () => {
		const guard = new DeliveryGuard(100);
		for (let i = 0; i < 10_000; i++) guard.firstSeen(`k${i}`, 60_000, i);
		expect(guard.size).toBe(100);
		expect(guard.firstSeen('k9999', 60_000, 10_000)).toBe(false);
		expect(guard.firstSeen('k0', 60_000, 10_000)).toBe(true);
	});

	it('lets an expired key through again, without growing', () => {
		const guard = new DeliveryGuard(10);
		for (let i = 0; i < 50; i++) guard.firstSeen(`k${i}`, 10, 0);
		expect(guard.size).toBe(10);
		expect(guard.firstSeen('k49', 10, 100)).toBe(true);
		expect(guard.firstSeen('k49', 10, 105)).toBe(false);
		expect(guard.size).toBe(10);
	});

	it('never holds more than maxEntries keys: the oldest is pushed out', () => {
		const guard = new DeliveryGuard(3);
		for (const key of ['a', 'b', 'c', 'd', 'e']) expect(guard.firstSeen(key, 60_000, 1)).toBe(true);
		expect(guard.size).toBe(3);
		expect(guard.firstSeen('a', 60_000, 2)).toBe(true);
		expect(guard.firstSeen('e', 60_000, 2)).toBe(false);
	});
});

describe('DeliveryGuard.forget', () => {
	it('ends the key window now; unknown keys are left alone; the ring holds the key once', () => {
		const guard = new DeliveryGuard(2);
		expect(guard.firstSeen('a', 60_000, 1000)).toBe(true);
		guard.forget('a');
		guard.forget('never-seen');
		expect(guard.size).toBe(1);
		expect(guard.firstSeen('a', 60_000, 1001)).toBe(true);
		expect(guard.firstSeen('a', 60_000, 1002)).toBe(false);
		// 'a' took one slot only: one more key fits before 'a' is pushed out.
		expect(guard.firstSeen('b', 60_000, 1003)).toBe(true);
		expect(guard.firstSeen('a', 60_000, 1004)).toBe(false);
		expect(guard.firstSeen('c', 60_000, 1005)).toBe(true);
		expect(guard.firstSeen('a', 60_000, 1006)).toBe(true);
	});
});

describe('DeliveryGuard.inFlight', () => {
	it('a key pushed out of the ring is no longer in flight', () => {
		const guard = new DeliveryGuard(2);
		guard.firstSeen('a', 60_000, 0);
		expect(guard.inFlight('a')).toBe(true);
		guard.firstSeen('b', 60_000, 0);
		guard.firstSeen('c', 60_000, 0);
		expect(guard.inFlight('a')).toBe(false);
		expect(guard.inFlight('c')).toBe(true);
		guard.answered('c');
		expect(guard.inFlight('c')).toBe(false);
		expect(guard.firstSeen('c', 60_000, 1)).toBe(false);
	});
});

describe('bodyIdentity', () => {
	it('keeps bodies up to 2048 characters as they are, hashes longer ones', () => {
		const short = 'x'.repeat(2048);
		const long = 'x'.repeat(2049);
		expect(bodyIdentity(short)).toBe(short);
		expect(bodyIdentity(long)).toBe(sha256Hex(long));
		expect(bodyIdentity('{}')).toBe('{}');
	});
});

describe('deliveryId', () => {
	it('deliveryId is 32 hex characters', () => {
		expect(deliveryId('x')).toMatch(/^[0-9a-f]{32}$/);
	});
});
