#!/usr/bin/env node
// The `linkscope` command: runs the built CLI (npm ci builds it through the prepare script).
const path = require('node:path')
const fs = require('node:fs')
const cli = path.join(__dirname, '..', 'out', 'cli', 'linkscope.js')
if (!fs.existsSync(cli)) {
  process.stderr.write('linkscope: not built yet; run `npm run build` first\n')
  process.exit(1)
}
// A closed pipe (`linkscope ls DIR | head`) is the reader being done, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})
require('./load-bundle.js')
  .loadBundle(cli)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code
    },
    (e) => {
      process.stderr.write(`linkscope: ${e && e.stack ? e.stack : e}\n`)
      process.exitCode = 1
    },
  )
