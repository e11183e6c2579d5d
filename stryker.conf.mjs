// @ts-check
/** The whole configured scope (`npm run mutate`). */
export const EVERYTHING = [
	'nodes/shared/**/*.ts',
	'nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node.ts',
	'nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers.ts',
	'nodes/HuaweiCloudMeeting/auth.ts',
	'nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node.ts',
	'nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTriggerHelpers.ts',
	'nodes/HuaweiCloudSparkRtc/auth.ts',
	'nodes/HuaweiCloudSparkRtc/signer.ts',
	'nodes/TencentCloudRoom/TencentCloudRoomTrigger.node.ts',
	'nodes/TencentCloudRoom/TencentCloudRoomTriggerHelpers.ts',
	'nodes/TencentCloudRoom/usersig.ts',
	'credentials/HuaweiCloudMeetingApi.credentials.ts',
	'credentials/HuaweiCloudApi.credentials.ts',
	'credentials/TencentCloudChatApi.credentials.ts',
	// description.ts is editor data (the "events" and "Return All" properties).
	'!nodes/shared/description.ts',
];

/**
 * The security paths (`npm run mutate:security`, about 50 minutes on 2 cores): signatures, time
 * windows, tenants and delivery identities (the three trigger helper files), the signature compare,
 * the duplicate guard and its acknowledgement, the subscription lifecycle, token renewal times, the
 * Huawei App ID and AK/SK signing, UserSig.
 */
export const SECURITY = [
	'nodes/shared/crypto.ts',
	'nodes/shared/dedupe.ts',
	'nodes/shared/webhook.ts',
	'nodes/shared/lifecycle.ts',
	'nodes/shared/time.ts',
	'nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTriggerHelpers.ts',
	'nodes/HuaweiCloudMeeting/auth.ts',
	'nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTriggerHelpers.ts',
	'nodes/HuaweiCloudSparkRtc/auth.ts',
	'nodes/HuaweiCloudSparkRtc/signer.ts',
	'nodes/TencentCloudRoom/TencentCloudRoomTriggerHelpers.ts',
	'nodes/TencentCloudRoom/usersig.ts',
];

/** True for `npm run mutate:security` (MUTATE_SCOPE=security): the run covers SECURITY only. */
export const SECURITY_RUN = process.env.MUTATE_SCOPE === 'security';

/**
 * Mutation testing (`npm run mutate`): StrykerJS over the security and correctness paths — the shared
 * layer, every webhook trigger's delivery checks and lifecycle, the credentials' token handling, the
 * AK/SK signer and UserSig — against the unit and integration suites (real HTTP to the simulators; not
 * the real-n8n e2e). Incremental (bench/stryker-incremental*.json, committed, one per scope): a mutant
 * runs again when its code changed, the test that killed it changed, or — a survivor — a test covering it
 * is new or changed. The HTML report goes to reports/mutation/; scripts/mutation-summary.mjs writes the
 * per-file scores to bench/mutation.json.
 *
 * Node descriptions (display names, option lists) are excluded with `// Stryker disable` blocks in
 * the node files: they are data for n8n's editor, checked by the lint and the dist test, not logic.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
	packageManager: 'npm',
	testRunner: 'jest',
	jest: {
		configFile: 'jest.config.js',
		// The unit and integration suites only: not the real-n8n e2e, not the packed-package test, and
		// not the conference (WebSocket) trigger's suite — that trigger is outside the mutated files, and
		// its heartbeat/reconnect timings (18 s a run) would be paid by every shared mutant it covers.
		config: {
			testPathIgnorePatterns: [
				'/node_modules/',
				'/test/e2e/',
				'/test/package/',
				'HuaweiCloudMeetingConferenceTrigger',
			],
			reporters: ['default'],
			// The sources are roots too: --findRelatedTests follows imports only through files jest
			// knows, so without them a test that reaches lifecycle.ts through a trigger was not related.
			roots: ['<rootDir>/test', '<rootDir>/nodes', '<rootDir>/credentials'],
		},
		// Each mutant runs only the test files that import its file (and then only the tests that covered it):
		// loading every test file (n8n-core with each) for every mutant made a full run take hours.
		enableFindRelatedTests: true,
	},
	testRunnerNodeArgs: ['--max-old-space-size=4096'],
	coverageAnalysis: 'perTest',
	checkers: ['typescript'],
	// The checker compiles the node and credential sources only (tsconfig.build.json): with the tests
	// (n8n-core's types) in the program it was slower than the test runner and held it back.
	tsconfigFile: 'tsconfig.build.json',
	typescriptChecker: { prioritizePerformanceOverAccuracy: true },
	mutate: SECURITY_RUN ? SECURITY : EVERYTHING,
	incremental: true,
	incrementalFile: `bench/stryker-incremental${SECURITY_RUN ? '-security' : ''}.json`,
	reporters: ['html', 'json', 'clear-text', 'progress'],
	htmlReporter: { fileName: 'reports/mutation/index.html' },
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	thresholds: { high: 95, low: 90, break: 90 },
	concurrency: 2,
	// Mutants that only run at module load (constants, schemas) would each need the whole suite
	// (~30 s): they are left out, and the constants that matter (windows, codes, limits) are pinned
	// by direct tests in test/nodes/shared/checks.test.ts instead.
	ignoreStatic: true,
	timeoutMS: 10000,
	timeoutFactor: 2,
	tempDirName: '.stryker-tmp',
	cleanTempDir: 'always',
};
