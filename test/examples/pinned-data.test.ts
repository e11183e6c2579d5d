/**
 * Every example workflow carries, as pinData of its trigger node, the items that trigger emits for
 * its documented sample event (tools/examples/pin-samples.ts): regenerated here through the node in
 * n8n-core's contexts against the simulators, and compared. `PIN_SAMPLES=write` writes them instead.
 */
import {
	CASES,
	exampleFiles,
	pinnedSample,
	readExample,
	triggerOf,
	writePinData,
} from '../../tools/examples/pin-samples';

jest.setTimeout(60_000);

const WRITE = process.env.PIN_SAMPLES === 'write';

describe('pinned sample data of the example workflows', () => {
	it('every example has a sample case, and every case an example', () => {
		const files = exampleFiles();
		expect(files.filter((f) => !(f in CASES))).toEqual([]);
		// A case without its example is allowed only while that example is being written.
		expect(files.length).toBeGreaterThan(0);
	});

	describe.each(exampleFiles())('%s', (file) => {
		it("its trigger's pinData is what the trigger emits for the sample event", async () => {
			const expected = await pinnedSample(file);
			if (WRITE) writePinData(file, expected);
			const example = readExample(file);
			const trigger = triggerOf(example);
			expect(Object.keys(example.pinData ?? {})).toEqual([trigger.name]);
			expect(example.pinData).toEqual(expected);
		});
	});
});
