// Copies what tsc does not emit (node icons, codex files and the output schemas n8n serves from
// nodes/<Node>/__schema__/) into dist/, keeping the folder layout.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(
		[
			'nodes/**/*.{png,svg}',
			'nodes/**/*.node.json',
			'nodes/*/__schema__/**/*.json',
			'credentials/**/*.{png,svg}',
		],
		{ base: '.', encoding: false },
	).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
