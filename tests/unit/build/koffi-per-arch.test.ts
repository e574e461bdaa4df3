import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

// The beforeBuild hook that puts koffi's binary package for the target CPU into node_modules before
// electron-builder packs it. Downloading is npm's job: here a recording stand-in unpacks a package, so
// the test needs no network. (electron-main.test.ts shows the host's package in a real --dir build.)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const beforeBuild = require('../../../build/before-build.cjs') as (
  context: { appDir: string; platform: { nodeName: string }; arch: string },
  fetch: (spec: string, dest: string) => void,
) => Promise<boolean>
const repo = path.resolve(__dirname, '..', '..', '..')
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'))
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-koffi-arch-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

function appDir(): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'app-'))
  fs.mkdirSync(path.join(dir, 'node_modules', 'koffi'), { recursive: true })
  fs.writeFileSync(
    path.join(dir, 'node_modules', 'koffi', 'package.json'),
    JSON.stringify({ name: 'koffi', version: '9.8.7' }),
  )
  return dir
}

describe('koffi for every target CPU', () => {
  it('is the hook electron-builder runs before packing each architecture', () => {
    expect(pkg.build.beforeBuild).toBe('build/before-build.cjs')
    expect(pkg.build.npmRebuild).not.toBe(false) // beforeBuild only runs when electron-builder handles node_modules
  })
  it.each([
    ['win32', 'arm64'],
    ['win32', 'x64'],
    ['linux', 'arm64'],
    ['darwin', 'arm64'],
  ])("%s %s: fetches koffi's own version of its package", async (platform, arch) => {
    const dir = appDir()
    const fetched: string[] = []
    const fetch = (spec: string, dest: string): void => {
      fetched.push(`${spec} → ${path.relative(dir, dest)}`)
      fs.mkdirSync(dest, { recursive: true })
      fs.writeFileSync(path.join(dest, 'package.json'), '{}')
    }
    expect(await beforeBuild({ appDir: dir, platform: { nodeName: platform }, arch }, fetch)).toBe(true)
    expect(fetched).toEqual([
      `@koromix/koffi-${platform}-${arch}@9.8.7 → ${path.join('node_modules', '@koromix', `koffi-${platform}-${arch}`)}`,
    ])
    // a second architecture pass (or a rebuild) finds it and fetches nothing
    expect(await beforeBuild({ appDir: dir, platform: { nodeName: platform }, arch }, fetch)).toBe(true)
    expect(fetched).toHaveLength(1)
  })
  it('names the packages koffi itself declares', () => {
    const koffi = JSON.parse(fs.readFileSync(path.join(repo, 'node_modules', 'koffi', 'package.json'), 'utf8'))
    for (const [platform, arch] of [
      ['win32', 'x64'],
      ['win32', 'arm64'],
      ['linux', 'x64'],
      ['linux', 'arm64'],
      ['darwin', 'arm64'],
      ['darwin', 'x64'],
    ]) {
      expect(koffi.optionalDependencies[`@koromix/koffi-${platform}-${arch}`]).toBe(koffi.version)
    }
  })
})
