import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { CLI, REPO } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'

// bin/load-bundle.js is plain CommonJS shipped beside bin/linkscope.js.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loader = require(path.join(REPO, 'bin', 'load-bundle.js')) as {
  compile: (file: string) => { usedCache: boolean }
  loadBundle: (file: string) => Record<string, unknown>
  writeCache: (file: string) => void
}
const BUNDLE = path.join(REPO, 'out', 'cli', 'linkscope.js')
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' })

describe('linkscope --help and --version', () => {
  it('--version prints the package version and exits 0', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }
    for (const flag of ['--version', '-V']) {
      const r = cli([flag])
      expect(r.status, r.stderr).toBe(0)
      expect(r.stdout).toBe(`linkscope ${pkg.version}\n`)
    }
  })

  it('--help prints every command on stdout and exits 0; an unknown command exits 2 with the usage on stderr', () => {
    const help = cli(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^usage: linkscope <command> \.\.\.\n/)
    expect(help.stdout).toContain('  linkscope dupes ROOT...')
    expect(help.stdout).toContain('  linkscope --help | --version\n')
    const bad = cli(['--nonsense'])
    expect(bad.status).toBe(2)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toBe(`linkscope: unknown command "--nonsense"\n${help.stdout}`)
  })
})

describe('the CLI bundle loaded from its code cache', () => {
  let dir: string
  beforeEach(() => {
    dir = makeTempDir('linkscope-cache-')
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('the build wrote a cache the CLI uses', () => {
    expect(fs.existsSync(`${BUNDLE}.cache`)).toBe(true)
    expect(loader.compile(BUNDLE).usedCache).toBe(true)
  })

  it('a cache made from another bundle of the same length is not used, and the new bundle runs', () => {
    const copy = path.join(dir, 'linkscope.js')
    const source = fs.readFileSync(BUNDLE, 'utf8')
    fs.writeFileSync(copy, source)
    loader.writeCache(copy)
    expect(loader.compile(copy).usedCache).toBe(true)
    // The same length, one word changed: the old compiled code would still print the old word.
    const changed = source.replace('usage: linkscope <command>', 'USAGE: linkscope <command>')
    expect(changed.length).toBe(source.length)
    expect(changed).not.toBe(source)
    fs.writeFileSync(copy, changed)
    expect(loader.compile(copy).usedCache).toBe(false)
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(path.join(REPO, 'bin', 'load-bundle.js'))}).loadBundle(process.argv[1]).main(['--help'])`,
        copy,
      ],
      { encoding: 'utf8' },
    )
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^USAGE: linkscope <command>/)
  })

  it('without a cache the bundle loads from source', () => {
    const copy = path.join(dir, 'linkscope.js')
    fs.copyFileSync(BUNDLE, copy)
    expect(loader.compile(copy).usedCache).toBe(false)
    expect(typeof loader.loadBundle(copy).main).toBe('function')
  })
})
