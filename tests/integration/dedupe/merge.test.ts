import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'

import { describe, expect, it } from 'vitest'

import { findDuplicates, mergeGroups, type MergeRecord } from '../../../electron/engine/dedupe'
import { readJournal } from '../../../electron/engine/dedupe/journal'
import { skipUnlessRoot } from '../../helpers/needs-root'
import { contents, data, eachTestTree, idOf, onTwoDevices, type Tree } from './dedupe-helpers'

let t: Tree
eachTestTree((tree) => (t = tree))

async function dedupe(
  roots: string[],
  options: Parameters<typeof mergeGroups>[1] = {},
): Promise<{ records: MergeRecord[]; summary: Awaited<ReturnType<typeof mergeGroups>> }> {
  const { groups } = await findDuplicates(roots)
  const records: MergeRecord[] = []
  const summary = await mergeGroups(groups, { ...options, onRecord: (r) => records.push(r) })
  return { records, summary }
}

const leftovers = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((n) => n.includes('.linkscope-'))

describe('mergeGroups', () => {
  it('makes every duplicate a name of the keeper; every path keeps its bytes; the journal was written', async () => {
    const body = data(70_000)
    const paths = ['a/1', 'a/2', 'b/3', 'b/c/4'].map((r) => t.write(r, body))
    t.write('other', data(70_000))
    const before = contents([...paths, t.p('other')])
    const { records, summary } = await dedupe([t.root])
    expect(records).toEqual(
      [{ keeper: t.p('a/1'), linked: [t.p('a/2'), t.p('b/3'), t.p('b/c/4')].sort(), refused: [] }].map((r) => ({
        ...r,
        linked: expect.arrayContaining(r.linked),
      })),
    )
    expect(summary).toMatchObject({ linked: 3, freed: 210_000, cancelled: false })
    expect(new Set(paths.map(idOf)).size).toBe(1)
    expect(fs.statSync(t.p('a/1')).nlink).toBe(4)
    expect(contents([...paths, t.p('other')])).toEqual(before)
    expect(leftovers(t.root)).toEqual([])
    const recs = readJournal(summary.journal as string)
    expect(recs.filter((r) => r.type === 'link')).toHaveLength(3)
    expect(recs.at(-1)?.type).toBe('end')
  })

  it('dry run changes nothing and reports what it would do', async () => {
    t.write('x', 'same\n')
    t.write('y', 'same\n')
    const ids = [idOf(t.p('x')), idOf(t.p('y'))]
    const { records, summary } = await dedupe([t.root], { dryRun: true })
    expect(summary).toEqual({ linked: 1, freed: 5, journal: null, cancelled: false })
    expect(records).toHaveLength(1)
    expect([idOf(t.p('x')), idOf(t.p('y'))]).toEqual(ids)
  })

  it('merges an existing link group whole into the keeper, never splitting it', async () => {
    const body = data(10_000)
    t.write('k', body)
    t.write('g1', body)
    fs.linkSync(t.p('g1'), t.p('g2'))
    fs.linkSync(t.p('g1'), t.p('g3'))
    const { summary } = await dedupe([t.root], { keep: 'first-root' })
    // the group of three names is the better keeper (fewer names to move)
    expect(new Set(['k', 'g1', 'g2', 'g3'].map((n) => idOf(t.p(n)))).size).toBe(1)
    expect(summary.linked).toBe(1)
    expect(fs.statSync(t.p('k')).nlink).toBe(4)
  })

  it('keep rules: oldest, newest, first-root', async () => {
    const body = 'same bytes\n'
    t.write('r1/new', body)
    t.write('r2/old', body)
    fs.utimesSync(t.p('r2/old'), 1_000_000, 1_000_000)
    const keeperOf = async (keep: 'oldest' | 'newest' | 'first-root', roots: string[]): Promise<string> => {
      const { records } = await dedupe(roots, { keep, dryRun: true })
      return records[0]?.keeper as string
    }
    expect(await keeperOf('oldest', [t.p('r1'), t.p('r2')])).toBe(t.p('r2/old'))
    expect(await keeperOf('newest', [t.p('r2'), t.p('r1')])).toBe(t.p('r1/new'))
    expect(await keeperOf('first-root', [t.p('r2'), t.p('r1')])).toBe(t.p('r2/old'))
    expect(await keeperOf('first-root', [t.p('r1'), t.p('r2')])).toBe(t.p('r1/new'))
  })

  it('never links across devices: a group on two devices gets a keeper on each', async () => {
    await onTwoDevices(t, 5_000, async (shm) => {
      const { records, summary } = await dedupe([t.root, shm])
      expect(records.map((r) => r.keeper).sort()).toEqual([t.p('a'), `${shm}/c`].sort())
      expect(summary.linked).toBe(2)
      expect(idOf(t.p('a'))).toBe(idOf(t.p('b')))
      expect(idOf(`${shm}/c`)).toBe(idOf(`${shm}/d`))
      expect(fs.statSync(t.p('a')).dev).not.toBe(fs.statSync(`${shm}/c`).dev)
    })
  })

  it('refuses members whose mode, owner or extended attributes differ (METADATA_DIFFERS); --ignore-metadata merges them', async (ctx) => {
    skipUnlessRoot(ctx, 'gives a file to another owner')
    const body = data(3_000)
    for (const n of ['keep', 'mode', 'owner', 'xattr', 'acl', 'same']) t.write(n, body)
    fs.chmodSync(t.p('mode'), 0o600)
    fs.chownSync(t.p('owner'), 65534, 65534)
    execFileSync('setfattr', ['-n', 'user.tag', '-v', 'x', t.p('xattr')])
    execFileSync('setfacl', ['-m', 'u:65534:r', t.p('acl')])
    fs.utimesSync(t.p('keep'), 1000, 1000)
    const ids = new Map(['mode', 'owner', 'xattr', 'acl'].map((n) => [n, idOf(t.p(n))]))
    const { records } = await dedupe([t.root], { keep: 'oldest' })
    const rec = records[0] as MergeRecord
    expect(rec.keeper).toBe(t.p('keep'))
    const keeperId = idOf(rec.keeper)
    const refused = new Map(rec.refused.map((r) => [r.path, r]))
    for (const [n, id] of ids) {
      const p = t.p(n)
      expect(refused.get(p)?.code, n).toBe('METADATA_DIFFERS')
      expect(idOf(p)).toBe(id)
    }
    expect(refused.get(t.p('mode'))?.message).toContain('mode 600')
    expect(refused.get(t.p('owner'))?.message).toContain('owner 65534')
    expect(refused.get(t.p('xattr'))?.message).toContain('extended attributes or ACL')
    expect(refused.get(t.p('acl'))?.message).toContain('extended attributes or ACL')
    expect(idOf(t.p('same'))).toBe(keeperId)
    const again = await dedupe([t.root], { ignoreMetadata: true })
    expect(again.records[0]?.refused).toEqual([])
    expect(new Set(['keep', 'mode', 'owner', 'xattr', 'acl', 'same'].map((n) => idOf(t.p(n)))).size).toBe(1)
  })

  it('reads the extended attributes of a file whose name getfattr has to escape (newline, =, backslash)', async () => {
    // The keeper (first by name) gets the higher inode number: a group's files come in inode order, and
    // the record of a group where every file is refused must still name the keeper, not the first file.
    const [low, high] = [t.write('one', 'same\n'), t.write('two', 'same\n')].sort(
      (x, y) => fs.statSync(x).ino - fs.statSync(y).ino,
    )
    const odd = t.p('b odd\nname=\\x')
    fs.renameSync(high as string, t.p('a-keeper'))
    fs.renameSync(low as string, odd)
    execFileSync('setfattr', ['-n', 'user.tag', '-v', 'x', odd])
    const { records } = await dedupe([t.root], { keep: 'first-root' })
    expect(records[0]?.keeper).toBe(t.p('a-keeper'))
    expect(records[0]?.refused.map((r) => [r.path, r.code])).toEqual([[odd, 'METADATA_DIFFERS']])
  })

  it('at the link-count limit starts a new keeper; a member whose names would cross it is moved back whole', async () => {
    const body = data(2_000)
    for (let i = 0; i < 5; i++) t.write(`f${i}`, body)
    fs.linkSync(t.p('f4'), t.p('f4-b'))
    fs.linkSync(t.p('f4'), t.p('f4-c'))
    for (let i = 0; i < 5; i++) fs.utimesSync(t.p(`f${i}`), 1000 + i, 1000 + i)
    const names = fs.readdirSync(t.root).map((n) => t.p(n))
    const before = contents(names)
    // oldest first, at most 3 names a file: f0 takes f1 and f2; f3 finds f0 full and keeps;
    // f4's third name would pass the limit on f3, so its two names already moved go back and f4 keeps
    const { records, summary } = await dedupe([t.root], { keep: 'oldest', linkLimit: 3 })
    expect(records).toEqual([{ keeper: t.p('f0'), linked: [t.p('f1'), t.p('f2')], refused: [] }])
    expect(summary.linked).toBe(2)
    expect(idOf(t.p('f1'))).toBe(idOf(t.p('f0')))
    expect(idOf(t.p('f2'))).toBe(idOf(t.p('f0')))
    expect(fs.statSync(t.p('f3')).nlink).toBe(1)
    // no link group was split: f4's three names are still one file, and f4 has no other
    expect(new Set(['f4', 'f4-b', 'f4-c'].map((n) => idOf(t.p(n)))).size).toBe(1)
    expect(fs.statSync(t.p('f4')).nlink).toBe(3)
    expect(contents(names)).toEqual(before)
    expect(leftovers(t.root)).toEqual([])
    const steps = readJournal(summary.journal as string).filter((r) => r.type === 'done')
    expect(steps).toHaveLength(6) // f1, f2, two names of f4 out and the same two back
  })

  it('re-checks each file right before linking: one changed since it was hashed is refused, CHANGED, and left as it is', async () => {
    t.write('a', 'same bytes here\n')
    t.write('b', 'same bytes here\n')
    t.write('c', 'same bytes here\n')
    const { groups } = await findDuplicates([t.root])
    fs.writeFileSync(t.p('c'), 'same bytes HERE\n') // same size, new bytes and mtime
    const records: MergeRecord[] = []
    const summary = await mergeGroups(groups, { keep: 'first-root', onRecord: (r) => records.push(r) })
    expect(summary.linked).toBe(1)
    const refused = records.flatMap((r) => r.refused)
    expect(refused.map((r) => [r.path, r.code])).toEqual([[t.p('c'), 'CHANGED']])
    expect(fs.readFileSync(t.p('c'), 'utf8')).toBe('same bytes HERE\n')
    expect(fs.statSync(t.p('c')).nlink).toBe(1)
  })

  it('a same-size file whose bytes differ from the keeper at link time is refused by the byte compare', async () => {
    t.write('a', 'AAAA')
    t.write('b', 'AAAA')
    const { groups } = await findDuplicates([t.root])
    // rewritten with other bytes but the mtime put back: only the byte compare can tell
    const st = fs.statSync(t.p('b'))
    fs.writeFileSync(t.p('b'), 'BBBB')
    fs.utimesSync(t.p('b'), st.atime, st.mtime)
    const records: MergeRecord[] = []
    await mergeGroups(groups, { onRecord: (r) => records.push(r) })
    expect(records.flatMap((r) => r.refused).map((r) => r.code)).toEqual(['CHANGED'])
    expect(fs.readFileSync(t.p('b'), 'utf8')).toBe('BBBB')
  })

  it('stops between files when cancelled, and the journal says so', async () => {
    for (let i = 0; i < 4; i++) t.write(`f${i}`, 'dup\n')
    const { groups } = await findDuplicates([t.root])
    const ac = new AbortController()
    ac.abort()
    const summary = await mergeGroups(groups, { signal: ac.signal })
    expect(summary).toMatchObject({ linked: 0, cancelled: true })
    expect(new Set([0, 1, 2, 3].map((i) => idOf(t.p(`f${i}`)))).size).toBe(4)
  })
})
