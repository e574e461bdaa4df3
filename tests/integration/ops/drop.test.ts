import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { dropLinks } from '../../../electron/engine/ops'
import type { ItemResult } from '../../../shared/types/ops'
import { makeTempDir } from '../../helpers/link-tree'
import { treeLines } from '../../helpers/tree-hash'

let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)
const names = (r: ItemResult[]): (string | null)[] => r.map((x) => (x.ok ? x.entry.name : null))

beforeEach(() => {
  root = makeTempDir('linkscope-drop-')
  fs.writeFileSync(p('a.txt'), 'alpha\n')
  fs.writeFileSync(p('b.txt'), 'beta\n')
  fs.writeFileSync(p('.bashrc'), 'export X=1\n')
  fs.writeFileSync(p('archive.tar.gz'), 'gz')
  fs.mkdirSync(p('my.folder'))
  fs.writeFileSync(p('my.folder', 'in.txt'), 'in\n')
  fs.mkdirSync(p('dest'))
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('drop naming, as Link Shell Extension does it', () => {
  it('keeps the source name where it is free, then "a - Hard link.txt", then "a - Hard link (2).txt"', () => {
    expect(names(dropLinks({ sources: [p('a.txt')], dir: p('dest'), as: 'hard' }))).toEqual(['a.txt'])
    expect(names(dropLinks({ sources: [p('a.txt')], dir: p('dest'), as: 'hard' }))).toEqual(['a - Hard link.txt'])
    expect(names(dropLinks({ sources: [p('a.txt')], dir: p('dest'), as: 'hard' }))).toEqual(['a - Hard link (2).txt'])
    expect(names(dropLinks({ sources: [p('a.txt')], dir: p('dest'), as: 'hard' }))).toEqual(['a - Hard link (3).txt'])
    expect(fs.statSync(p('a.txt')).nlink).toBe(5)
  })

  it('names a link dropped beside its source; twice in one drop gets (2)', () => {
    const r = dropLinks({ sources: [p('a.txt'), p('a.txt')], dir: root, as: 'symbolic-relative' })
    expect(names(r)).toEqual(['a - Symbolic link.txt', 'a - Symbolic link (2).txt'])
    expect(fs.readlinkSync(p('a - Symbolic link.txt'))).toBe('a.txt')
  })

  it('gives folders no extension and keeps a dotfile whole; only the last extension moves', () => {
    const r = dropLinks({
      sources: [p('my.folder'), p('.bashrc'), p('archive.tar.gz')],
      dir: root,
      as: 'symbolic-absolute',
    })
    expect(names(r)).toEqual(['my.folder - Symbolic link', '.bashrc - Symbolic link', 'archive.tar - Symbolic link.gz'])
    expect(fs.readlinkSync(p('my.folder - Symbolic link'))).toBe(p('my.folder'))
    const h = dropLinks({ sources: [p('.bashrc')], dir: root, as: 'hard' })
    expect(names(h)).toEqual(['.bashrc - Hard link'])
  })

  it('stores relative or absolute text as asked', () => {
    dropLinks({ sources: [p('a.txt')], dir: p('dest'), as: 'symbolic-relative' })
    expect(fs.readlinkSync(p('dest', 'a.txt'))).toBe('../a.txt')
    dropLinks({ sources: [p('a.txt')], dir: p('dest'), as: 'symbolic-absolute' })
    expect(fs.readlinkSync(p('dest', 'a - Symbolic link.txt'))).toBe(p('a.txt'))
  })
})

describe('several sources at once', () => {
  it('does or refuses each on its own, one result per source, in order', () => {
    const folder = treeLines(p('my.folder'))
    const sources = [p('a.txt'), p('my.folder'), p('missing.txt'), p('b.txt')]
    const r = dropLinks({ sources, dir: p('dest'), as: 'hard' })
    expect(r.map((x) => x.source)).toEqual(sources)
    expect(r[0]).toMatchObject({ ok: true, entry: { path: p('dest', 'a.txt'), kind: 'file', links: 2 } })
    expect(r[1]).toMatchObject({ ok: false, error: { code: 'IS_DIRECTORY', path: p('my.folder') } })
    expect(r[2]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', path: p('missing.txt') } })
    expect(r[3]).toMatchObject({ ok: true, entry: { path: p('dest', 'b.txt') } })
    expect(fs.readdirSync(p('dest')).sort()).toEqual(['a.txt', 'b.txt'])
    expect(treeLines(p('my.folder'))).toEqual(folder)
  })

  it('refuses every source, leaving the tree as it was, when the folder is missing or junctions cannot exist', () => {
    const before = treeLines(root)
    const missing = dropLinks({ sources: [p('a.txt'), p('b.txt')], dir: p('gone'), as: 'symbolic-absolute' })
    expect(missing.map((x) => (x.ok ? 'ok' : x.error.code))).toEqual(['NOT_FOUND', 'NOT_FOUND'])
    expect(missing[0]).toMatchObject({ error: { path: p('gone') } })
    const junctions = dropLinks({ sources: [p('my.folder')], dir: p('dest'), as: 'junction' })
    expect(junctions).toMatchObject([{ ok: false, error: { code: 'UNSUPPORTED_ON_PLATFORM' } }])
    const intoFile = dropLinks({ sources: [p('b.txt')], dir: p('a.txt'), as: 'hard' })
    expect(intoFile).toMatchObject([{ ok: false, error: { code: 'NOT_A_DIRECTORY', path: p('a.txt') } }])
    expect(treeLines(root)).toEqual(before)
  })

  it('refuses a generated name that would pass 255 bytes, and still does the others', () => {
    const long = 'x'.repeat(250) + '.txt' // free as is; "… - Hard link.txt" would be 266 bytes
    fs.writeFileSync(p(long), 'long\n')
    const r = dropLinks({ sources: [p(long), p(long), p('a.txt')], dir: p('dest'), as: 'hard' })
    expect(r.map((x) => (x.ok ? 'ok' : x.error.code))).toEqual(['ok', 'PATH_TOO_LONG', 'ok'])
  })
})
