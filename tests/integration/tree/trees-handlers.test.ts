/**
 * The trees channels as the engine serves them: a comparison streams its rows and keeps its pairs;
 * *Link these* links only pairs it compared (named by relative path), re-checks them on disk, refuses
 * the rest with a reason and leaves them as they were; undo puts the files back; copy reports progress,
 * and a cancel removes the partial copy.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { treesHandlers } from '../../../electron/engine/tree/trees-handlers'
import type { CancelSignal, StreamContext } from '../../../shared/ipc/contract'
import type { CompareItem, CompareRow, CopyProgress } from '../../../shared/types/trees'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

type Ctx<I> = StreamContext<I> & { items: I[]; abort(): void }
function ctxOf<I>(): Ctx<I> {
  const c = new AbortController()
  const items: I[] = []
  return { items, emit: (batch) => items.push(...batch), signal: c.signal as CancelSignal, abort: () => c.abort() }
}

const ino = (p: string): number => fs.statSync(p).ino
const w = (root: string, rel: string, data: string | Buffer): void => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  fs.writeFileSync(path.join(root, rel), data)
}

let top: string
let a: string
let b: string
beforeAll(() => {
  top = makeTempDir('linkscope-trees-handlers-')
  a = path.join(top, 'a')
  b = path.join(top, 'b')
  for (const r of [a, b]) {
    w(r, 'one.txt', 'equal bytes one')
    w(r, 'sub/two.bin', Buffer.alloc(5000, 7))
    w(r, 'three.txt', 'equal bytes three')
    w(r, 'later.txt', 'equal bytes later')
  }
  w(a, 'edited.txt', 'version one')
  w(b, 'edited.txt', 'version two')
  w(a, 'only-a.txt', 'a')
  fs.linkSync(path.join(a, 'one.txt'), path.join(a, 'one-again.txt'))
  fs.writeFileSync(path.join(b, 'one-again.txt'), 'equal bytes one')
})
afterAll(() => fs.rmSync(top, { recursive: true, force: true }))

async function compared(h: ReturnType<typeof treesHandlers>, x = a, y = b) {
  const ctx = ctxOf<CompareItem>()
  const summary = await h.compare(ctx, x, y)
  const rows = ctx.items.flatMap((i) => (i.type === 'rows' ? i.rows : []))
  return { summary, rows, progress: ctx.items.filter((i) => i.type === 'progress') }
}
const stateOf = (rows: CompareRow[], p: string): string | undefined => rows.find((r) => r.path === p)?.state

describe('trees:compare and trees:link', () => {
  it('streams rows and progress; links the chosen pair only, re-checked; refuses the rest; undo puts it back', async () => {
    const h = treesHandlers()
    const { summary, rows, progress } = await compared(h)
    expect(progress.map((p) => p.type === 'progress' && p.progress.phase)).toEqual(['walk', 'read'])
    expect(stateOf(rows, 'one.txt')).toBe('same-content')
    expect(stateOf(rows, 'edited.txt')).toBe('differs')
    expect(summary.states['same-content'].count).toBe(5)

    const r = await h.link(summary.session, ['sub/two.bin', 'edited.txt', 'only-a.txt', '../outside'])
    expect(r.linked).toEqual(['sub/two.bin'])
    expect(r.refused.map((x) => [x.path, x.code])).toEqual([
      ['edited.txt', 'CHANGED'],
      ['only-a.txt', 'CHANGED'],
      ['../outside', 'CHANGED'],
    ])
    expect(ino(path.join(b, 'sub/two.bin'))).toBe(ino(path.join(a, 'sub/two.bin')))
    expect(r.freed).toBe(5000)
    expect(r.journal).toEqual(expect.any(String))

    // linked already: no longer a pair of this comparison
    const again = await h.link(summary.session, ['sub/two.bin'])
    expect(again.linked).toEqual([])
    expect(again.refused[0]?.code).toBe('CHANGED')

    const u = await h.undo(r.journal as string)
    expect(u.refused).toEqual([])
    expect(u.restored).toEqual([path.join(b, 'sub/two.bin')])
    // a file of its own again (undo makes a copy: a new id), with its bytes
    expect(ino(path.join(b, 'sub/two.bin'))).not.toBe(ino(path.join(a, 'sub/two.bin')))
    expect(fs.statSync(path.join(a, 'sub/two.bin')).nlink).toBe(1)
    expect(fs.readFileSync(path.join(b, 'sub/two.bin'))).toEqual(Buffer.alloc(5000, 7))
    await expect(async () => h.undo(r.journal as string)).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it('refuses a pair whose B file changed after the comparison, leaving the disk as it was', async () => {
    const h = treesHandlers()
    const { summary } = await compared(h)
    const later = path.join(b, 'later.txt')
    fs.writeFileSync(later, 'EQUAL BYTES LATER') // same size, other bytes
    const hashA = treeHash(a)
    const hashB = treeHash(b)
    const r = await h.link(summary.session, ['later.txt'])
    expect(r.linked).toEqual([])
    expect(r.refused.map((x) => x.code)).toEqual(['CHANGED'])
    expect(treeHash(a)).toBe(hashA)
    expect(treeHash(b)).toBe(hashB)
    fs.writeFileSync(later, 'equal bytes later')
  })

  it('links every pair when no path is named, A keeping its file (and its group)', async () => {
    const h = treesHandlers()
    const { summary } = await compared(h)
    const r = await h.link(summary.session, undefined)
    expect(r.refused).toEqual([])
    expect(r.linked.sort()).toEqual(['later.txt', 'one-again.txt', 'one.txt', 'sub/two.bin', 'three.txt'])
    for (const p of r.linked) expect(ino(path.join(b, p))).toBe(ino(path.join(a, p)))
    // A's two names were one file: B's two names now are that file too
    expect(ino(path.join(b, 'one-again.txt'))).toBe(ino(path.join(b, 'one.txt')))
    const after = await compared(h)
    expect(after.summary.states['same-content'].count).toBe(0)
    expect(after.summary.states['same-file'].count).toBe(5)
    await h.undo(r.journal as string)
    expect(ino(path.join(b, 'three.txt'))).not.toBe(ino(path.join(a, 'three.txt')))
  })

  it('an unknown session is refused with CHANGED; pairs on two devices with CROSS_DEVICE, nothing changed', async () => {
    const h = treesHandlers()
    await expect(h.link('no-such-session', undefined)).rejects.toMatchObject({ code: 'CHANGED' })
    const shm = makeTempDir('linkscope-trees-shm-', '/dev/shm')
    try {
      w(shm, 'one.txt', 'equal bytes one')
      const { summary } = await compared(h, a, shm)
      expect(summary.sameDevice).toBe(false)
      const hash = treeHash(shm)
      const r = await h.link(summary.session, undefined)
      expect(r.linked).toEqual([])
      expect(r.refused.map((x) => [x.path, x.code])).toEqual([['one.txt', 'CROSS_DEVICE']])
      expect(treeHash(shm)).toBe(hash)
    } finally {
      fs.rmSync(shm, { recursive: true, force: true })
    }
  })
})

describe('trees:copy', () => {
  it('copies with progress and keeps the groups; a second copy to the same place is refused', async () => {
    const h = treesHandlers()
    const ctx = ctxOf<CopyProgress>()
    const dst = path.join(top, 'copy')
    const r = await h.copy(ctx, a, dst, false)
    expect(r.summary).toMatchObject({ mode: 'copy', hardLinks: 1, notes: 0 })
    expect(ctx.items.at(-1)).toMatchObject({ files: r.summary.files + r.summary.hardLinks })
    expect(ino(path.join(dst, 'one.txt'))).toBe(ino(path.join(dst, 'one-again.txt')))
    expect(ino(path.join(dst, 'one.txt'))).not.toBe(ino(path.join(a, 'one.txt')))
    await expect(h.copy(ctxOf(), a, dst, false)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
  })

  it('a hard-link clone shares the files; a cancelled copy leaves nothing at the destination', async () => {
    const h = treesHandlers()
    const clone = path.join(top, 'clone')
    await h.copy(ctxOf(), a, clone, true)
    expect(ino(path.join(clone, 'sub/two.bin'))).toBe(ino(path.join(a, 'sub/two.bin')))
    const ctx = ctxOf<CopyProgress>()
    ctx.abort()
    const dst = path.join(top, 'cancelled')
    await expect(h.copy(ctx, a, dst, false)).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(fs.existsSync(dst)).toBe(false)
  })
})
