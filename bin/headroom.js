#!/usr/bin/env node
// Launcher for the `headroom` CLI. The CLI itself is bundled into lib/cli.cjs by `npm run build`.
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'lib', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  console.error('headroom: the CLI is not built yet; run `npm run build` first.');
  process.exit(2);
}
require(bundle)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
