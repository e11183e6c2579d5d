/** The real-n8n end-to-end suite (npm run test:e2e). */
const base = require('./jest.config');

module.exports = {
	...base,
	testMatch: ['**/test/e2e/**/*.e2e.test.ts'],
	testTimeout: 600_000,
	maxWorkers: 1,
	testPathIgnorePatterns: ['/node_modules/'],
};
