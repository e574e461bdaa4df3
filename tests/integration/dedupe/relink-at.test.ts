/**
 * The addon's one-call link step of a merge (native/relink_at.c): the path becomes a name of the source
 * only when both are still the files compared and the source is below the limit; every refusal and
 * failure leaves both names as they were, with no temporary name behind.
 */
import * as fs from 'node:fs'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { nativeRelinkAt, removalsDone } from '../../../electron/engine/dedupe/relink-held'
import { nativeAt } from '../../../electron/engine/platform/posix/native-at'
import { idOf, makeTree, type Tree } from './dedupe-helpers'

let t: Tree
beforeEach(() => {
  t = makeTree()
})
afterEach(() => t.done())

const LINKED = 0
const PATH_CHANGED = 1
const SOURCE_CHANGED = 2
const FULL = 3
const DIFFERS = 5
/** relinkAt's flags (relink_at.c) */
const LATER = 1
const COMPARE = 2

/** relinkAt's numbers: the path's look, the source's look, the limit. */
function numsOf(p: string, src: string, limit = -1, change: Partial<Record<'pathMtime' | 'srcSize', number>> = {}) {
  const a = fs.lstatSync(p)
  const b = fs.lstatSync(src)
  return new Float64Array([
    a.dev,
    a.ino,
    a.size,
    change.pathMtime ?? a.mtimeMs,
    a.mode,
    a.uid,
    a.gid,
    b.dev,
    b.ino,
    change.srcSize ?? b.size,
    b.mtimeMs,
    limit,
  ])
}

describe.runIf(process.platform === 'linux')('relinkAt (relink_at.c)', () => {
  const relinkAt = nativeRelinkAt()
  const at = nativeAt()
  let dirfd = -1
  let srcdirfd = -1
  beforeEach(() => {
    t.write('a/keep', 'same\n')
    t.write('b/dup', 'same\n')
    srcdirfd = at!.atOpenFolder(t.p('a'), true)
    dirfd = at!.atOpenFolder(t.p('b'), true)
  })
  afterEach(() => {
    at!.atClose(dirfd)
    at!.atClose(srcdirfd)
  })
  const call = (nums: Float64Array, temp = '.linkscope-tmp-test'): number =>
    relinkAt!(dirfd, 'dup', temp, srcdirfd, 'keep', nums)

  it('is built, and makes the path a name of the source with no temporary name left', () => {
    expect(relinkAt).not.toBeNull()
    const keep = idOf(t.p('a/keep'))
    expect(call(numsOf(t.p('b/dup'), t.p('a/keep')))).toBe(LINKED)
    expect(idOf(t.p('b/dup'))).toBe(keep)
    expect(fs.readdirSync(t.p('b'))).toEqual(['dup'])
    expect(fs.readFileSync(t.p('b/dup'), 'utf8')).toBe('same\n')
  })

  it('later: the old entry is checked at the temporary name, then removed in the background before removalsDone settles', async () => {
    const keep = idOf(t.p('a/keep'))
    const old = fs.lstatSync(t.p('b/dup'))
    fs.linkSync(t.p('b/dup'), t.p('a/other-name')) // the old file keeps a name: its removal is watched by its link count
    const nums = numsOf(t.p('b/dup'), t.p('a/keep'))
    expect(relinkAt!(dirfd, 'dup', '.linkscope-tmp-later', srcdirfd, 'keep', nums, LATER)).toBe(LINKED)
    expect(idOf(t.p('b/dup'))).toBe(keep)
    expect(await removalsDone()).toEqual([])
    expect(fs.readdirSync(t.p('b'))).toEqual(['dup'])
    const left = fs.lstatSync(t.p('a/other-name'))
    expect([left.ino, left.nlink]).toEqual([old.ino, 1])
    expect(fs.readFileSync(t.p('b/dup'), 'utf8')).toBe('same\n')
  })

  it('compare: links the same bytes; refuses other bytes of the same size (DIFFERS), changing nothing', () => {
    const keep = idOf(t.p('a/keep'))
    expect(
      relinkAt!(dirfd, 'dup', '.linkscope-tmp-c', srcdirfd, 'keep', numsOf(t.p('b/dup'), t.p('a/keep')), COMPARE),
    ).toBe(LINKED)
    expect(idOf(t.p('b/dup'))).toBe(keep)
    const big = Buffer.alloc(600_000, 7) // past the compare's block: the difference is in the last one
    t.write('a/big', big)
    big[big.length - 1] = 8
    t.write('b/big', big)
    const ids = [idOf(t.p('a/big')), idOf(t.p('b/big'))]
    const nums = numsOf(t.p('b/big'), t.p('a/big'))
    expect(relinkAt!(dirfd, 'big', '.linkscope-tmp-d', srcdirfd, 'big', nums, COMPARE)).toBe(DIFFERS)
    expect([idOf(t.p('a/big')), idOf(t.p('b/big'))]).toEqual(ids)
    expect(fs.readdirSync(t.p('b')).sort()).toEqual(['big', 'dup'])
  })

  it('refuses, changing nothing, when the path, the source or the limit says no', () => {
    const ids = [idOf(t.p('a/keep')), idOf(t.p('b/dup'))]
    const cases: [Float64Array, number][] = [
      [numsOf(t.p('b/dup'), t.p('a/keep'), -1, { pathMtime: 1 }), PATH_CHANGED],
      [numsOf(t.p('b/dup'), t.p('a/keep'), -1, { srcSize: 99 }), SOURCE_CHANGED],
      [numsOf(t.p('b/dup'), t.p('a/keep'), 1), FULL],
    ]
    for (const [nums, status] of cases) expect(call(nums)).toBe(status)
    expect([idOf(t.p('a/keep')), idOf(t.p('b/dup'))]).toEqual(ids)
    expect(fs.readdirSync(t.p('b'))).toEqual(['dup'])
  })

  it('never replaces what is at the temporary name: EEXIST, both names as they were', () => {
    t.write('b/taken', 'someone else\n')
    const ids = [idOf(t.p('a/keep')), idOf(t.p('b/dup')), idOf(t.p('b/taken'))]
    expect(() => call(numsOf(t.p('b/dup'), t.p('a/keep')), 'taken')).toThrow(
      expect.objectContaining({ code: 'EEXIST', syscall: 'linkat' }),
    )
    expect([idOf(t.p('a/keep')), idOf(t.p('b/dup')), idOf(t.p('b/taken'))]).toEqual(ids)
    expect(fs.readFileSync(t.p('b/taken'), 'utf8')).toBe('someone else\n')
  })

  it('never follows a symbolic link at the source', () => {
    fs.symlinkSync(t.p('a/keep'), t.p('a/link'))
    const nums = numsOf(t.p('b/dup'), t.p('a/keep'))
    expect(relinkAt!(dirfd, 'dup', '.linkscope-tmp-x', srcdirfd, 'link', nums)).toBe(SOURCE_CHANGED)
    expect(idOf(t.p('b/dup'))).not.toBe(idOf(t.p('a/keep')))
    expect(fs.readdirSync(t.p('b'))).toEqual(['dup'])
  })
})
