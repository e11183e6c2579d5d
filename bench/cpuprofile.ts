/**
 * Reading a V8 .cpuprofile by time window: self time per package (or function) in each window, so
 * that a trigger's cost above the do-nothing trigger can be found by difference, per execution.
 * Windows are in the profile's clock (CLOCK_MONOTONIC µs, the same as process.hrtime in any process).
 */
interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
}
export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** The package a frame belongs to: our dist, the floor fixture, node_modules/<pkg>, node: or V8. */
export function packageOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (m) return m[1];
	if (url.startsWith('node:')) return 'node:internal';
	return url;
}

/** Each sample within [from, to): the sampled node's ID and the time it stands for (µs). */
function* samplesIn(profile: CpuProfile, from: number, to: number): Generator<[number, number]> {
	let t = profile.startTime;
	for (let i = 0; i < profile.samples.length; i++) {
		t += profile.timeDeltas[i];
		// A sample's time is the interval that ends at it.
		const dt = profile.timeDeltas[i + 1] ?? 0;
		if (t >= from && t < to) yield [profile.samples[i], dt];
	}
}

/** Self time (µs) per key within [from, to), keyed by `keyOf` of the sampled frame. */
export function selfTime(
	profile: CpuProfile,
	from: number,
	to: number,
	keyOf: (n: ProfileNode) => string,
): Map<string, number> {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const out = new Map<string, number>();
	for (const [id, dt] of samplesIn(profile, from, to)) {
		const key = keyOf(byId.get(id)!);
		out.set(key, (out.get(key) ?? 0) + dt);
	}
	return out;
}

export const byPackage = (n: ProfileNode) => packageOf(n.callFrame.url, n.callFrame.functionName);
export const byFunction = (n: ProfileNode) =>
	`${n.callFrame.functionName || '(anonymous)'} ${packageOf(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;

/**
 * Inclusive time (µs) per key within [from, to): each sample counts once for every distinct key on
 * its stack, so a function's figure includes everything it called.
 */
export function inclusiveTime(
	profile: CpuProfile & { nodes: Array<ProfileNode & { children?: number[] }> },
	from: number,
	to: number,
	keyOf: (n: ProfileNode) => string,
): Map<string, number> {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const out = new Map<string, number>();
	for (const [sampled, dt] of samplesIn(profile, from, to)) {
		const seen = new Set<string>();
		for (let id: number | undefined = sampled; id !== undefined; id = parent.get(id))
			seen.add(keyOf(byId.get(id)!));
		for (const key of seen) out.set(key, (out.get(key) ?? 0) + dt);
	}
	return out;
}
