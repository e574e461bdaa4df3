import * as fs from 'node:fs'
import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { outsideAsar } from '../../../electron/engine/fs/outside-asar'

// electron-builder cannot run here (it downloads Electron), so the configuration itself is checked:
// the targets people install from, the native module kept out of the asar, and the files main needs.
const repo = path.resolve(__dirname, '..', '..', '..')
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'))
const build = pkg.build

describe('packaging configuration', () => {
  it('builds the Windows per-user installer and a portable build for x64 and arm64', () => {
    const targets = Object.fromEntries(
      build.win.target.map((t: { target: string; arch: string[] }) => [t.target, t.arch]),
    )
    expect(targets.nsis).toEqual(['x64', 'arm64'])
    expect(targets.portable).toEqual(['x64', 'arm64'])
    // one-click and per user: no "all users" page, no UAC prompt (nothing asks for elevation)
    expect(build.nsis).toMatchObject({ oneClick: true, perMachine: false })
    expect(build.nsis.allowElevation).toBeUndefined()
  })
  it('builds an AppImage and a deb on Linux', () => {
    expect(build.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']))
  })
  it('keeps koffi (a native module) unpacked from the asar, and ships what main loads', () => {
    expect(build.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/koffi/**/*', 'node_modules/@koromix/**/*', 'out/engine/**/*']),
    )
    expect(pkg.dependencies).toEqual({ koffi: expect.any(String) })
    expect(build.files).toContain('out/**/*')
    expect(pkg.main).toBe('out/main/index.js')
    // the main bundle finds its preload, renderer and engine worker next to it in out/
    const main = fs.readFileSync(path.join(repo, 'electron', 'main', 'index.ts'), 'utf8')
    expect(main).toMatch(/'preload', 'index\.js'/)
    expect(main).toMatch(/'\.\.', 'renderer'\)/)
    expect(fs.existsSync(path.join(repo, 'out', 'engine', 'engine-worker.js'))).toBe(true)
    expect(fs.existsSync(path.join(repo, 'out', 'main', 'index.js'))).toBe(true)
    expect(fs.existsSync(path.join(repo, 'out', 'preload', 'index.js'))).toBe(true)
  })
  it('loads worker and helper scripts from outside app.asar (Node cannot start a worker inside it)', () => {
    expect(outsideAsar('/opt/Linkscope/resources/app.asar/out/engine/engine-worker.js')).toBe(
      '/opt/Linkscope/resources/app.asar.unpacked/out/engine/engine-worker.js',
    )
    expect(outsideAsar('C:\\Apps\\Linkscope\\resources\\app.asar\\out\\engine\\scan-worker.js')).toBe(
      'C:\\Apps\\Linkscope\\resources\\app.asar.unpacked\\out\\engine\\scan-worker.js',
    )
    expect(outsideAsar('/work/linkscope/out/engine/engine-worker.js')).toBe(
      '/work/linkscope/out/engine/engine-worker.js',
    )
  })

  it('never bundles koffi or electron into the Node bundles', () => {
    const mainJs = fs.readFileSync(path.join(repo, 'out', 'main', 'index.js'), 'utf8')
    expect(mainJs).toContain('require("electron")')
    expect(mainJs).not.toMatch(/koffi\.load|function koffi\b/) // koffi's own code; our resolveKoffiEntry() is fine
  })
})
