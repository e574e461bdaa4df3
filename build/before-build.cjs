// electron-builder's beforeBuild hook, run once per target architecture before the app's node_modules
// are packed. koffi ships its native code as one npm package per platform and CPU, and npm installs only
// the build machine's: add the target's, so that (say) the Windows arm64 package built on x64 carries
// koffi for arm64. The package is fetched with `npm pack` and unpacked beside the others, so npm neither
// refuses it for the wrong CPU nor touches package.json, the lock file or the rest of node_modules.
'use strict'
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

/** The koffi binary package for a Node platform name and an electron-builder arch name. */
const koffiPackage = (platform, arch) => `@koromix/koffi-${platform}-${arch}`

/** Download `spec` with npm and unpack it into `dest`. */
function fetchPackage(spec, dest) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-koffi-'))
  try {
    // Under `npm run dist`, npm names its own CLI; otherwise the one on PATH.
    const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []]
    const out = execFileSync(npm[0], [...npm[1], 'pack', spec, '--silent', '--pack-destination', tmp], {
      encoding: 'utf8',
      shell: !process.env.npm_execpath && process.platform === 'win32',
    })
    const tarball = path.join(tmp, out.trim().split('\n').pop())
    fs.mkdirSync(dest, { recursive: true })
    execFileSync('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1'])
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

async function beforeBuild({ appDir, platform, arch }, fetch = fetchPackage) {
  const name = koffiPackage(platform.nodeName, arch)
  const dest = path.join(appDir, 'node_modules', ...name.split('/'))
  if (!fs.existsSync(path.join(dest, 'package.json'))) {
    const { version } = JSON.parse(fs.readFileSync(path.join(appDir, 'node_modules', 'koffi', 'package.json'), 'utf8'))
    console.log(`adding ${name}@${version} for this package's CPU`)
    fetch(`${name}@${version}`, dest)
  }
  return true // electron-builder goes on to install or rebuild the rest as usual
}

module.exports = beforeBuild
module.exports.default = beforeBuild
module.exports.koffiPackage = koffiPackage
