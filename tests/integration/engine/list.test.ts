import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { listBatches } from '../../../electron/engine/listing/list'
import type { LinkEntry } from '../../../shared/types/link'
import { runAsOtherUser } from '../../helpers/as-user'
import { otherUserStage } from '../../helpers/as-user-vitest'
import { buildLinkTree, LONG_NAME, makeTempDir } from '../../helpers/link-tree'

const CLI = path.resolve(__dirname, '..', '..', '..', 'bin', 'linkscope.js')
let root: string
let byName: Map<string, LinkEntry>

beforeAll(() => {
  root = buildLinkTree(makeTempDir())
  byName = new Map([...listBatches(root)].flat().map((e) => [e.name, e]))
})
afterAll(() => {
  fs.chmodSync(path.join(root, 'locked'), 0o755)
  fs.rmSync(root, { recursive: true, force: true })
})

const get = (name: string): LinkEntry => {
  const e = byName.get(name)
  if (!e) throw new Error(`no entry ${JSON.stringify(name)}`)
  return e
}

describe('listing a real folder', () => {
  it('lists every entry exactly once, with absolute paths', () => {
    expect(byName.size).toBe(fs.readdirSync(root).length)
    for (const e of byName.values()) expect(e.path).toBe(path.join(root, e.name))
  })

  it('shows plain files and folders as themselves, with the OS link count', () => {
    const plain = get('plain.txt')
    expect(plain).toMatchObject({ kind: 'file', links: 1, status: 'n/a', size: 6, hidden: false, readonly: false })
    expect(plain.target).toBeUndefined()
    const st = fs.lstatSync(path.join(root, 'plain.txt'))
    expect(plain.id).toBe(`${st.dev}:${st.ino}`)
    expect(plain.mtimeMs).toBe(st.mtimeMs)
    expect(get('docs')).toMatchObject({ kind: 'dir', links: fs.statSync(path.join(root, 'docs')).nlink })
  })

  it('gives every name of a hard-linked file the same id and the full count, across folders', () => {
    const here = get('report-hardlink.txt')
    const there = [...listBatches(path.join(root, 'docs'))].flat().find((e) => e.name === 'report.txt')
    const deep = [...listBatches(path.join(root, 'other', 'deep'))].flat()[0]
    expect(here.links).toBe(3)
    expect(there?.id).toBe(here.id)
    expect(deep?.id).toBe(here.id)
    expect(here.status).toBe('n/a') // hard links are never broken: every name is the file
  })

  it('reads relative, absolute and folder symlinks: target as stored, resolved absolute, alive', () => {
    expect(get('rel-link')).toMatchObject({
      kind: 'symlink',
      target: 'plain.txt',
      resolved: path.join(root, 'plain.txt'),
      targetKind: 'file',
      status: 'ok',
    })
    expect(get('abs-link')).toMatchObject({
      target: path.join(root, 'plain.txt'),
      resolved: path.join(root, 'plain.txt'),
      status: 'ok',
    })
    expect(get('folder-link')).toMatchObject({ target: 'docs', targetKind: 'dir', status: 'ok' })
  })

  it('marks dangling links and chains by where they end', () => {
    expect(get('dangling')).toMatchObject({ status: 'broken', targetKind: null, target: 'missing.txt' })
    expect(get('chain')).toMatchObject({
      status: 'ok',
      target: 'rel-link',
      resolved: path.join(root, 'rel-link'),
      targetKind: 'file',
    })
    expect(get('chain-to-broken')).toMatchObject({ status: 'broken', target: 'dangling' })
  })

  it('marks loops (a→b→a and a self link) as loop, and a link through a file as broken', () => {
    expect(get('loop-a').status).toBe('loop')
    expect(get('loop-b').status).toBe('loop')
    expect(get('self')).toMatchObject({ status: 'loop', target: 'self' })
    expect(get('through-file')).toMatchObject({ status: 'broken', target: 'plain.txt/x' })
  })

  it('keeps odd names intact: unicode, spaces, a leading dash, a newline, a backslash, 250 characters', () => {
    for (const name of ['ünïcödé ✓.txt', 'with space.txt', '-leading-dash', 'new\nline', 'back\\slash', LONG_NAME]) {
      expect(get(name)).toMatchObject({ kind: 'file', size: Buffer.byteLength(name) })
    }
    expect(get('.hidden').hidden).toBe(true)
  })

  it('shows a fifo as a special entry', () => {
    expect(get('pipe')).toMatchObject({ kind: 'special', status: 'n/a' })
  })

  it('reports a missing folder and a file given as folder with typed errors', () => {
    expect(() => [...listBatches(path.join(root, 'nope'))]).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(() => [...listBatches(path.join(root, 'plain.txt'))]).toThrow(
      expect.objectContaining({ code: 'NOT_A_DIRECTORY' }),
    )
  })
})

describe('as an unprivileged user', () => {
  const otherUser = otherUserStage()
  it('sees a link into a folder it may not enter as denied, and the folder itself as ACCESS_DENIED', (ctx) => {
    const { cli } = otherUser(ctx)
    const ls = runAsOtherUser(process.execPath, [cli, 'ls', root, '--json'])
    expect(ls.status).toBe(0)
    const entries = ls.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LinkEntry)
    expect(entries.find((e) => e.name === 'into-locked')).toMatchObject({ kind: 'symlink', status: 'denied' })
    expect(entries).toHaveLength(byName.size)

    const locked = runAsOtherUser(process.execPath, [cli, 'ls', path.join(root, 'locked'), '--json'])
    expect(locked.status).toBe(1)
    const last = JSON.parse(locked.stdout.trim().split('\n').pop() as string)
    expect(last.error).toMatchObject({ code: 'ACCESS_DENIED', path: path.join(root, 'locked') })
    expect(locked.stderr).toMatch(/permission/i)
  })
})

describe('linkscope ls', () => {
  it('prints one NDJSON LinkEntry per entry, equal to the engine listing', () => {
    const r = runAsRoot(['ls', root, '--json'])
    expect(r.status).toBe(0)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LinkEntry & { chain?: string[]; final?: string })
    // each symbolic link also carries its chain (and final target when it ends at one); the rest is the engine's entry
    for (const e of lines) expect(e.chain !== undefined).toBe(e.kind === 'symlink')
    const entryOnly = lines.map(({ chain: _chain, final: _final, ...e }) => e)
    expect(new Map(entryOnly.map((e) => [e.name, e]))).toEqual(byName)
  })
  it('exits 2 on usage errors and 1 on a missing folder', () => {
    expect(runAsRoot(['ls']).status).toBe(2)
    expect(runAsRoot(['ls', 'a', 'b']).status).toBe(2)
    expect(runAsRoot(['ls', root, '--bogus']).status).toBe(2)
    const missing = runAsRoot(['ls', path.join(root, 'nope'), '--json'])
    expect(missing.status).toBe(1)
    expect(JSON.parse(missing.stdout.trim()).error.code).toBe('NOT_FOUND')
  })
  it('prints names safely in text mode', () => {
    const r = runAsRoot(['ls', root])
    expect(r.stdout).toContain('new\\nline')
    expect(r.stdout).toMatch(/symlink\s+1\s+loop-a -> loop-b\s+\[loop\]/)
  })
})

import { spawnSync } from 'node:child_process'
function runAsRoot(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' })
}
