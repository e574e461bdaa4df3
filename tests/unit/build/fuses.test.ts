import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { DEFAULT_FUSES, fuseWire, standInElectronBinary } from '../../helpers/electron-sim'

// The afterPack hook against stand-in binaries that carry Electron's fuse wire (the real binary cannot
// be downloaded here). electron-main.test.ts checks the same hook inside a real electron-builder run.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const afterPack = require('../../../build/after-pack.cjs') as (context: unknown) => Promise<void>
const repo = path.resolve(__dirname, '..', '..', '..')
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'))

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-fuses-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const context = (platform: string, appOutDir: string) => ({
  electronPlatformName: platform,
  appOutDir,
  arch: 1,
  packager: { executableName: 'linkscope', appInfo: { productFilename: 'Linkscope' } },
})

/** In wire order: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocolPrivileges, WasmTrapHandlers. */
const EXPECTED = '000011001'

describe('the afterPack hook flips the fuses', () => {
  it('is the hook electron-builder runs', () => {
    expect(pkg.build.afterPack).toBe('build/after-pack.cjs')
  })
  it.each([
    ['linux', 'linkscope'],
    ['win32', 'Linkscope.exe'],
    [
      'darwin',
      path.join('Linkscope.app', 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework'),
    ],
  ])(
    '%s: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges off; asar integrity and asar-only on',
    async (platform, binary) => {
      const out = fs.mkdtempSync(path.join(tmp, `${platform}-`))
      const file = standInElectronBinary(path.join(out, binary))
      const before = fs.readFileSync(file)
      expect(fuseWire(file)).toBe(DEFAULT_FUSES)
      await afterPack(context(platform, out))
      expect(fuseWire(file)).toBe(EXPECTED)
      // only the wire changed: same size, same bytes elsewhere
      const after = fs.readFileSync(file)
      expect(after.length).toBe(before.length)
      expect([...after].filter((b, i) => b !== before[i]).length).toBe(
        [...EXPECTED].filter((c, i) => c !== DEFAULT_FUSES[i]).length,
      )
    },
  )
  it('fails the build when the binary has no fuse wire, rather than ship it unfused', async () => {
    const out = fs.mkdtempSync(path.join(tmp, 'nowire-'))
    fs.writeFileSync(path.join(out, 'linkscope'), 'no sentinel here')
    await expect(afterPack(context('linux', out))).rejects.toThrow(/sentinel/)
  })
  it('keeps the elevation code inside the asar, and only native code unpacked', () => {
    expect(pkg.build.asarUnpack.filter((p: string) => p.startsWith('out/'))).toEqual([
      'out/engine/**/*',
      'out/native/**/*',
    ])
  })
})
