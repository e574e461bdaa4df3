import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { type DupeGroup, findDuplicates, planGroup } from '../../../electron/engine/dedupe'
import { data, idOf, makeTree, onTwoDevices, type Tree } from './dedupe-helpers'

let t: Tree
beforeEach(() => {
  t = makeTree()
})
afterEach(() => t.done())

const pathsOf = (g: DupeGroup): string[] => g.files.flatMap((f) => f.paths).sort()

describe('findDuplicates', () => {
  it('groups distinct files with equal bytes; names of one file are one file, never its own duplicate', async () => {
    const body = data(100_000)
    t.write('a/x', body)
    t.write('b/x', body)
    fs.linkSync(t.p('b/x'), t.p('b/x-name'))
    t.write('c/only', data(100_000))
    t.write('linked-alone', 'one file, two names\n')
    fs.linkSync(t.p('linked-alone'), t.p('linked-alone-2'))
    const r = await findDuplicates([t.root])
    expect(r.groups).toHaveLength(1)
    const g = r.groups[0] as DupeGroup
    expect(g.files).toHaveLength(2)
    expect(g.size).toBe(100_000)
    expect(g.hash).toMatch(/^xxh128:[0-9a-f]{32}$/)
    expect(pathsOf(g)).toEqual([t.p('a/x'), t.p('b/x'), t.p('b/x-name')].sort())
    const linked = g.files.find((f) => f.id === idOf(t.p('b/x')))
    expect(linked?.paths.sort()).toEqual([t.p('b/x'), t.p('b/x-name')])
  })

  it('leaves out empty files, symbolic links, fifos and files below --min-size', async () => {
    t.write('e1', '')
    t.write('e2', '')
    t.write('small1', 'abc')
    t.write('small2', 'abc')
    t.write('big1', 'x'.repeat(5000))
    t.write('big2', 'x'.repeat(5000))
    fs.symlinkSync('big1', t.p('link-to-big1'))
    execFileSync('mkfifo', [t.p('fifo')])
    const all = await findDuplicates([t.root])
    expect(all.groups.map(pathsOf)).toEqual([
      [t.p('big1'), t.p('big2')],
      [t.p('small1'), t.p('small2')],
    ])
    const big = await findDuplicates([t.root], { minSize: 4 })
    expect(big.groups.map(pathsOf)).toEqual([[t.p('big1'), t.p('big2')]])
  })

  it('tells apart large files with equal heads and different tails, and equal heads and tails but a different middle', async () => {
    const base = data(300_000)
    const tail = Buffer.from(base)
    tail[tail.length - 1] = (tail[tail.length - 1] as number) ^ 1
    const middle = Buffer.from(base)
    middle[150_000] = (middle[150_000] as number) ^ 1
    t.write('base', base)
    t.write('same', base)
    t.write('tail', tail)
    t.write('middle', middle)
    const r = await findDuplicates([t.root])
    expect(r.groups.map(pathsOf)).toEqual([[t.p('base'), t.p('same')]])
  })

  it('counts a root named twice, or inside another root, once', async () => {
    t.write('d/one', 'same bytes\n')
    t.write('d/two', 'same bytes\n')
    const r = await findDuplicates([t.root, t.p('d'), t.root])
    expect(r.groups.map(pathsOf)).toEqual([[t.p('d/one'), t.p('d/two')]])
    expect(r.groups[0]?.files.every((f) => f.root === 0)).toBe(true)
  })

  it('reclaimable is honest: a file that keeps a name outside the roots frees nothing', async () => {
    const body = data(50_000)
    t.write('in/a', body)
    t.write('in/b', body)
    t.write('in/c', body)
    t.write('out/elsewhere', 'x')
    fs.linkSync(t.p('in/b'), t.p('out/b-outside'))
    const r = await findDuplicates([t.p('in')])
    const g = r.groups[0] as DupeGroup
    expect(g.files).toHaveLength(3)
    const plan = planGroup(g)
    // b has a name outside: it is the best keeper (its data stays anyway), and a, c free their bytes
    expect(plan.chunks[0]?.keeper.paths).toEqual([t.p('in/b')])
    expect(plan.freed).toBe(100_000)
    // were b not the keeper, its names inside would free nothing
    const other = planGroup({ ...g, files: g.files.map((f) => (f.paths[0] === t.p('in/b') ? { ...f, root: 1 } : f)) })
    expect(other.chunks[0]?.keeper.paths).not.toEqual([t.p('in/b')])
    expect(other.freed).toBe(50_000)
  })

  it('finds duplicates across devices (/dev/shm) but plans one keeper per device, never a link across', async () => {
    await onTwoDevices(t, 20_000, async (shm) => {
      const r = await findDuplicates([t.root, shm])
      expect(r.groups).toHaveLength(1)
      const plan = planGroup(r.groups[0] as DupeGroup)
      expect(plan.chunks).toHaveLength(2)
      for (const c of plan.chunks) for (const m of c.members) expect(m.dev).toBe(c.keeper.dev)
      expect(plan.freed).toBe(40_000)
    })
  })

  it('stops with CANCELLED when its signal is aborted', async () => {
    for (let i = 0; i < 20; i++) t.write(`f${i}`, 'dup\n')
    const ac = new AbortController()
    ac.abort()
    await expect(findDuplicates([t.root], { signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('reports progress: walk, then hashing with bytes hashed', async () => {
    for (let i = 0; i < 5; i++) t.write(`f${i}`, 'x'.repeat(200_000))
    const seen: string[] = []
    let hashed = 0
    await findDuplicates([t.root], {
      onProgress: (p) => {
        seen.push(p.phase)
        hashed = p.bytesHashed
      },
    })
    expect(seen).toContain('hash')
    expect(hashed).toBeGreaterThanOrEqual(5 * 200_000)
  })
})
