// Loads a CommonJS bundle the way require() does, but compiled from a V8 code cache kept beside it
// (`<bundle>.cache`): compiling the CLI's bundle from source is most of `linkscope`'s own start-up.
// The cache starts with a hash of the bundle it was made from: V8 itself checks only the source's
// length, so a rebuilt bundle of the same length would otherwise run stale compiled code.
// Run as a script (`node bin/load-bundle.js BUNDLE`), it writes the cache; the build does that.
'use strict'
const crypto = require('node:crypto')
const fs = require('node:fs')
const Module = require('node:module')
const path = require('node:path')
const vm = require('node:vm')

const HASH_BYTES = 32
const cachePath = (file) => `${file}.cache`

function compile(file) {
  const source = fs.readFileSync(file, 'utf8')
  const hash = crypto.createHash('sha256').update(source).digest()
  let cachedData
  try {
    const cache = fs.readFileSync(cachePath(file))
    if (cache.length > HASH_BYTES && cache.subarray(0, HASH_BYTES).equals(hash)) cachedData = cache.subarray(HASH_BYTES)
  } catch {
    // No cache (a build that could not write one): compile from source.
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData })
  return { script, hash, usedCache: cachedData !== undefined && !script.cachedDataRejected }
}

/** Runs the bundle's top level and returns its exports, as require(file) would. */
function run(script, file) {
  const module = { id: file, filename: file, exports: {}, loaded: true }
  const wrapper = script.runInThisContext({ displayErrors: true })
  wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file))
  return module.exports
}

function loadBundle(file) {
  return run(compile(file).script, file)
}

/** Compiles and runs the bundle's top level once, then stores what V8 compiled. */
function writeCache(file) {
  const { script, hash } = compile(file)
  run(script, file)
  const tmp = `${cachePath(file)}.${process.pid}`
  fs.writeFileSync(tmp, Buffer.concat([hash, script.createCachedData()]))
  fs.renameSync(tmp, cachePath(file))
}

module.exports = { loadBundle, writeCache, compile }

if (require.main === module) writeCache(path.resolve(process.argv[2]))
