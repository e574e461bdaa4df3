// electron-builder's afterPack hook: flip Electron's fuses in the packaged binary, before it is signed.
// The elevated helper runs the app's own binary with --elevated-helper; these fuses keep that binary from
// being turned into a general Node runtime or debugger by its environment or command line, and make it
// load only the app.asar it shipped with (integrity-checked where Electron supports it: macOS, Windows).
'use strict'
const path = require('node:path')
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses')
const { Arch } = require('app-builder-lib')

const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false, // ELECTRON_RUN_AS_NODE
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false, // NODE_OPTIONS
  [FuseV1Options.EnableNodeCliInspectArguments]: false, // --inspect and friends
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The page comes from the linkscope:// scheme, so file:// pages need nothing extra.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
}

/** The file that carries the fuse wire, where electron-builder put the app's binary. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`)
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`)
    default:
      return path.join(appOutDir, packager.executableName)
  }
}

async function afterPack(context) {
  // An ad-hoc signature on Apple silicon must be redone after the binary changed.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === Arch.arm64
  await flipFuses(electronBinary(context), { ...FUSES, resetAdHocDarwinSignature })
}

module.exports = afterPack
module.exports.default = afterPack
module.exports.FUSES = FUSES
module.exports.electronBinary = electronBinary
