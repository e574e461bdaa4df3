// The folder listing through the native addon gives exactly node:fs's entries, in the same order: the
// same fields, errors and odd cases (links of every ending, names that are not UTF-8, a path past
// PATH_MAX, entries another user may not stat), so choosing it changes nothing but the time taken.
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { listBatches } from '../../../electron/engine/listing/list'
import { openNativeReader } from '../../../electron/engine/listing/native-list'
import type { LinkEntry } from '../../../shared/types/link'
import { runAsOtherUser } from '../../helpers/as-user'
import { otherUserStage } from '../../helpers/as-user-vitest'
import { buildLinkTree, makeTempDir } from '../../helpers/link-tree'

let root: string

/** Every batch of `dir`, through the addon or (LINKSCOPE_SCAN_NATIVE=0) node:fs. */
function listed(dir: string, native: boolean, batch?: number) {
  const before = process.env.LINKSCOPE_SCAN_NATIVE
  process.env.LINKSCOPE_SCAN_NATIVE = native ? '1' : '0'
  try {
    return [...listBatches(dir, batch)]
  } finally {
    if (before === undefined) delete process.env.LINKSCOPE_SCAN_NATIVE
    else process.env.LINKSCOPE_SCAN_NATIVE = before
  }
}

beforeAll(() => {
  root = buildLinkTree(makeTempDir())
  const raw = (...bytes: number[]): Buffer => Buffer.concat([Buffer.from(root), Buffer.from('/'), Buffer.from(bytes)])
  fs.writeFileSync(raw(0x66, 0xff), 'not UTF-8')
  fs.symlinkSync(Buffer.from([0x67, 0xfe]), raw(0x6c, 0xfe)) // a link whose name and text are not UTF-8
  fs.mkdirSync(path.join(root, 'many'))
  for (let i = 0; i < 450; i++) fs.writeFileSync(path.join(root, 'many', `n${i}`), '')
  // a folder whose own path fits PATH_MAX while the full paths of its entries do not
  let deep = path.join(root, 'deep')
  while (deep.length < 4096 - 260) deep = path.join(deep, 'd'.repeat(200))
  execFileSync('sh', [
    '-c',
    'mkdir -p "$1" && cd "$1" && : > "$2" && ln -s "$2" "$3"',
    'sh',
    deep,
    'x'.repeat(250),
    'y'.repeat(250),
  ])
  root = fs.realpathSync(root)
})
afterAll(() => {
  fs.chmodSync(path.join(root, 'locked'), 0o755)
  execFileSync('rm', ['-rf', root]) // node's rmSync gives up on paths past PATH_MAX; rm goes folder by folder
})

describe('the native folder listing', () => {
  it('is used where the addon is built', () => {
    const reader = openNativeReader(root, () => null)
    expect(reader).not.toBeNull()
    reader?.close()
  })

  it('gives the same entries as node:fs, in the same batches and order', () => {
    for (const dir of [root, path.join(root, 'docs'), path.join(root, 'many')]) {
      const native = listed(dir, true, 100)
      expect(native.flat().length).toBeGreaterThan(0)
      expect(native).toEqual(listed(dir, false, 100))
    }
  })

  it('redoes by path what C cannot reach: entries whose full path is past PATH_MAX fail as node:fs says', () => {
    let deep = path.join(root, 'deep')
    while (fs.readdirSync(deep).includes('d'.repeat(200))) deep = path.join(deep, 'd'.repeat(200))
    const native = listed(deep, true).flat()
    expect(native).toEqual(listed(deep, false).flat())
    expect(native.map((e) => e.status).sort()).toEqual(['denied', 'denied'])
  })

  it('skips entries removed after readdir read their names, as node:fs does', () => {
    const before = process.env.LINKSCOPE_SCAN_NATIVE
    for (const native of [true, false]) {
      const dir = makeTempDir('linkscope-vanish-')
      try {
        for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(dir, `v${i}`), '')
        process.env.LINKSCOPE_SCAN_NATIVE = native ? '1' : '0'
        const batches = listBatches(dir, 100, 50)
        const first: LinkEntry[] = batches.next().value ?? []
        // the folder's buffered names now name nothing: every later entry vanished before its lstat
        const seen = new Set(first.map((e) => e.name))
        for (const name of fs.readdirSync(dir)) if (!seen.has(name)) fs.unlinkSync(path.join(dir, name))
        const rest = [...batches].flat()
        expect(first).toHaveLength(50)
        expect(rest).toEqual([])
      } finally {
        if (before === undefined) delete process.env.LINKSCOPE_SCAN_NATIVE
        else process.env.LINKSCOPE_SCAN_NATIVE = before
        fs.rmSync(dir, { recursive: true, force: true })
      }
    }
  })

  it('fails like node:fs on what is not a folder', () => {
    for (const bad of [path.join(root, 'nope'), path.join(root, 'plain.txt'), path.join(root, 'dangling')]) {
      const code = (native: boolean): unknown => {
        try {
          listed(bad, native)
        } catch (e) {
          return (e as { code?: unknown }).code
        }
        return 'listed'
      }
      expect(code(true)).toBe(code(false))
      expect(code(true)).not.toBe('listed')
    }
  })
})

describe('as an unprivileged user', () => {
  const otherUser = otherUserStage()
  it('lists a folder it may read but not enter (no entry can be looked at) as node:fs does', (ctx) => {
    const { cli } = otherUser(ctx)
    fs.chmodSync(path.join(root, 'docs'), 0o744)
    try {
      const ls = (native: boolean) =>
        runAsOtherUser(process.execPath, [cli, 'ls', root, '--json'], {
          env: { ...process.env, LINKSCOPE_SCAN_NATIVE: native ? '1' : '0' },
        })
      const inDocs = (native: boolean) =>
        runAsOtherUser(process.execPath, [cli, 'ls', path.join(root, 'docs'), '--json'], {
          env: { ...process.env, LINKSCOPE_SCAN_NATIVE: native ? '1' : '0' },
        })
      expect(ls(true)).toEqual(ls(false))
      const docs = inDocs(true)
      expect(docs).toEqual(inDocs(false))
      expect(docs.stdout).toMatch(/"status":"denied"/)
    } finally {
      fs.chmodSync(path.join(root, 'docs'), 0o755)
    }
  })
})
