// Removes a build folder (default dist/) so that deleted sources leave no stale output behind.
const path = require('node:path');
require('node:fs').rmSync(path.join(__dirname, '..', process.argv[2] ?? 'dist'), {
	recursive: true,
	force: true,
});
