#!/usr/bin/env node
// The `swarmdesk` command: the built CLI (npm run build makes out/main/cli.js).
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('swarmdesk: not built yet: run `npm run build` in the SwarmDesk checkout first\n')
  process.exit(1)
}
require(cli).runCliProcess(process.argv.slice(2))
