// Removes dist/ before a build so that deleted sources leave no stale output behind.
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
