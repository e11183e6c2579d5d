// @ts-check
/**
 * The security paths (`npm run mutate:security`): signatures, time windows, tenants and delivery
 * identities (the four trigger helper files), the signature compare, the duplicate guard and its
 * acknowledgement, the subscription lifecycle, token renewal times, the Huawei App ID and AK/SK
 * signing, UserSig, the Tencent Cloud API (TC3-HMAC-SHA256) signing.
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
	'nodes/TencentCloudRtc/signer.ts',
	'nodes/TencentCloudRtc/auth.ts',
	'nodes/TencentCloudRtc/TencentCloudRtcTriggerHelpers.ts',
];

/**
 * The whole configured scope (`npm run mutate`) in pieces, each a Stryker run of its own with its
 * own incremental file (incrementalFile below): a piece that completes keeps its results even when a
 * later one is stopped, and a piece fits a 90-minute job on 2 cores.
 */
export const PIECES = {
	security: SECURITY,
	// The rest of the shared layer: lossless JSON, paging, parameters, zod. description.ts is editor data
	// (the "events" and "Return All" properties).
	shared: [
		'nodes/shared/**/*.ts',
		'!nodes/shared/description.ts',
		'!nodes/shared/http.ts',
		...SECURITY.filter((f) => f.startsWith('nodes/shared/')).map((f) => `!${f}`),
	],
	// HTTP and error mapping: a piece of its own, as every test file imports it (its initial run is the
	// whole suite).
	http: ['nodes/shared/http.ts'],
	// Every webhook trigger's webhook() sequence, provider adapter and lifecycle wiring.
	triggers: [
		'nodes/HuaweiCloudMeeting/HuaweiCloudMeetingTrigger.node.ts',
		'nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtcTrigger.node.ts',
		'nodes/TencentCloudRoom/TencentCloudRoomTrigger.node.ts',
	],
	// The credentials' token handling (preAuthentication, authenticate, test).
	credentials: ['credentials/*.credentials.ts'],
};

/**
 * Where a piece's incremental state lives: a full mutation-testing report of its latest run, in the
 * git-ignored .cache/, kept between CI runs by the mutation workflow's cache (one key per piece).
 * Missing, the piece runs in full.
 * @param {string} piece
 */
export const incrementalFile = (piece) => `.cache/stryker/incremental-${piece}.json`;

/** The piece this Stryker run covers (MUTATE_PIECE, set by mutation/mutate.mjs). */
export const PIECE = process.env.MUTATE_PIECE ?? 'security';
if (!(PIECE in PIECES)) {
	throw new Error(`MUTATE_PIECE must be one of ${Object.keys(PIECES).join(', ')}`);
}

/**
 * Mutation testing (`npm run mutate`): StrykerJS over the security and correctness paths — the shared
 * layer, every webhook trigger's delivery checks and lifecycle, the credentials' token handling, the
 * AK/SK signer and UserSig — against the unit and integration suites (real HTTP to the simulators; not
 * the real-n8n e2e), one piece a run (mutation/mutate.mjs runs them in turn). Incremental
 * (.cache/stryker/incremental-<piece>.json, not committed): a mutant runs again when its code changed,
 * the test that killed it changed, or — a survivor — a test covering it is new or changed. The HTML
 * report goes to reports/mutation/<piece>/; mutation/summary.mjs writes the scores of all pieces
 * together to mutation/results.json (committed). Paths are relative to the repository root, where
 * Stryker runs: `npx stryker run mutation/stryker.conf.mjs`.
 *
 * Node descriptions (display names, option lists) are excluded with `// Stryker disable` blocks in
 * the node files: they are data for n8n's editor, checked by the lint and the dist test, not logic.
 * The build drops comments (tsconfig.build.json removeComments), so the blocks stay out of dist/.
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
			// A mutant's run loads only the test files holding its covering tests (recorded in the initial
			// run): the same tests run, without loading every related file to find them by name.
			setupFilesAfterEnv: ['<rootDir>/mutation/jest/covering-files.js'],
			testSequencer: '<rootDir>/mutation/jest/sequencer.js',
		},
		// The initial run takes only the test files that import a mutated file; each mutant's run then only
		// the files holding its covering tests (mutation/jest/sequencer.js) and in them those tests.
		enableFindRelatedTests: true,
	},
	testRunnerNodeArgs: ['--max-old-space-size=4096'],
	coverageAnalysis: 'perTest',
	checkers: ['typescript'],
	// The checker compiles the node and credential sources only (tsconfig.build.json): with the tests
	// (n8n-core's types) in the program it was slower than the test runner and held it back.
	tsconfigFile: 'tsconfig.build.json',
	typescriptChecker: { prioritizePerformanceOverAccuracy: true },
	mutate: PIECES[PIECE],
	incremental: true,
	incrementalFile: incrementalFile(PIECE),
	// The other pieces' incremental files stay out of the sandbox.
	ignorePatterns: ['/.cache'],
	reporters: ['html', 'json', 'clear-text', 'progress'],
	htmlReporter: { fileName: `reports/mutation/${PIECE}/index.html` },
	jsonReporter: { fileName: `reports/mutation/${PIECE}/mutation.json` },
	// The 90 % break is applied by mutation/summary.mjs to the whole scope (all pieces' latest
	// results together), not to each piece.
	thresholds: { high: 95, low: 90, break: null },
	concurrency: 2,
	// Mutants that only run at module load (constants, schemas) would each need the whole suite
	// (~30 s): they are left out, and the constants that matter (windows, codes, limits) are pinned
	// by direct tests of their modules instead (test/nodes/<Provider>/*TriggerHelpers.test.ts).
	ignoreStatic: true,
	timeoutMS: 10000,
	timeoutFactor: 2,
	tempDirName: '.stryker-tmp',
	cleanTempDir: 'always',
};
