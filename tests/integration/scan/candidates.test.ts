import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { findCandidates } from '../../../electron/engine/scan'
import { MAX_CANDIDATES, rankCandidates } from '../../../electron/engine/scan/candidates'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'
import { type BigTree, makeBigTree } from './big-tree'
import { nulList } from './scan-helpers'

const candidatesOf = (link: string, under: string, signal = new AbortController().signal) =>
  findCandidates(
    {
      signal,
      emit: () => {
        throw new Error('candidates streams no items')
      },
    },
    link,
    under,
  )

let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)
const file = (...parts: string[]): void => {
  fs.mkdirSync(path.dirname(p(...parts)), { recursive: true })
  fs.writeFileSync(p(...parts), parts.join('/'))
}

beforeAll(() => {
  root = makeTempDir('linkscope-cand-')
  // album/a-link pointed at photos/2020/a.jpg, which has since moved under archive/
  fs.mkdirSync(p('album'))
  fs.symlinkSync('../photos/2020/a.jpg', p('album', 'a-link'))
  file('archive', 'photos', '2020', 'a.jpg') // shares photos + 2020
  file('archive', 'photos', '2021', 'a.jpg') // shares photos, far
  fs.mkdirSync(p('photos', 'a.jpg'), { recursive: true }) // a folder of that name, shares photos, near
  file('a.jpg') // shares nothing, near
  file('other', 'x', 'y', 'a.jpg') // shares nothing, far
  file('archive', 'photos', '2020', 'b.jpg') // another name: never a candidate
  fs.symlinkSync('archive', p('via-link')) // through a folder link the same files appear again: not followed
  fs.symlinkSync('a.jpg', p('other', 'a.jpg.lnk'))
  fs.symlinkSync('../a.jpg', p('other', 'x', 'a.jpg')) // a link named a.jpg: not a candidate itself
  for (let i = 0; i < 25; i++) file('many', `m${String(i).padStart(2, '0')}`, 'c.txt')
  fs.symlinkSync('gone/c.txt', p('c-link'))
  fs.symlinkSync('..', p('dots-link'))
  fs.writeFileSync(p('not-a-link'), 'x')
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('findCandidates', () => {
  it('ranks entries named like the target by shared folder names, then distance; never through links', async () => {
    const before = treeHash(root)
    const c = await candidatesOf(p('album', 'a-link'), root)
    expect(c.map((x) => [path.relative(root, x.path), x.kind])).toEqual([
      ['archive/photos/2020/a.jpg', 'file'],
      ['photos/a.jpg', 'dir'],
      ['archive/photos/2021/a.jpg', 'file'],
      ['a.jpg', 'file'],
      ['other/x/y/a.jpg', 'file'],
    ])
    const scores = c.map((x) => x.score)
    expect([...scores].sort((a, b) => b - a)).toEqual(scores) // best first by score too
    expect(treeHash(root)).toBe(before)
  })

  it('returns at most 20, best first', async () => {
    const c = await candidatesOf(p('c-link'), root)
    expect(c.length).toBe(20)
    expect(c.every((x) => x.path.endsWith(`${path.sep}c.txt`))).toBe(true)
  })

  it('finds nothing outside the root it is given', async () => {
    expect(await candidatesOf(p('album', 'a-link'), p('other', 'x', 'y'))).toEqual([
      expect.objectContaining({ path: p('other', 'x', 'y', 'a.jpg') }),
    ])
  })

  it('refuses what is not a link, a missing link, a target without a name and a missing root', async () => {
    const before = treeHash(root)
    await expect(candidatesOf(p('not-a-link'), root)).rejects.toMatchObject({
      code: 'NOT_A_LINK',
      path: p('not-a-link'),
    })
    await expect(candidatesOf(p('nope'), root)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(candidatesOf(p('dots-link'), root)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(candidatesOf(p('album', 'a-link'), p('no-root'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(treeHash(root)).toBe(before)
  })
})

describe('findCandidates on a big tree (L8)', () => {
  let big: BigTree
  let link: string
  beforeAll(() => {
    big = makeBigTree('linkscope-cand-big-')
    link = path.join(big.root, 'cand-link')
    fs.symlinkSync('t9/s9/old/f7', link) // every leaf folder holds an f7: 1600 matches
  }, 120_000)
  afterAll(() => fs.rmSync(big.root, { recursive: true, force: true }))

  it('keeps only the best while it walks, and they are the best of all the matches', async () => {
    const all = nulList('find', [big.root, '-name', 'f7', '-type', 'f', '-print0']).list
    expect(all.length).toBe(40 * 40)
    const expected = rankCandidates(
      path,
      path.join(big.root, 't9', 's9', 'old', 'f7'),
      all.map((p) => ({ path: p, kind: 'file' as const })),
    )
    const c = await candidatesOf(link, big.root)
    expect(c.length).toBe(MAX_CANDIDATES)
    expect(c).toEqual(expected)
  })

  it('cancelling rejects with CANCELLED promptly, long before the walk could end', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 30)
    const started = performance.now()
    const err = await candidatesOf(link, big.root, controller.signal).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'CANCELLED', path: link })
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
