// Prints the plain closing line CI reads, after Jest's own summary: "jest: N passed, N failed, N skipped".
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const {
			numPassedTests,
			numFailedTests,
			numPendingTests,
			numTodoTests,
			numRuntimeErrorTestSuites,
		} = results;
		const line = `jest: ${numPassedTests} passed, ${numFailedTests + numRuntimeErrorTestSuites} failed, ${numPendingTests + numTodoTests} skipped\n`;
		process.once('exit', () => process.stderr.write(line));
	}
}
module.exports = SummaryReporter;
