import * as fs from 'node:fs'

import { describe, expect, it } from 'vitest'

import { dupesHandlers } from '../../../electron/engine/dedupe'
import type { DupesItem } from '../../../shared/types/dupes'
import { data, eachTestTree, idOf, type Tree } from './dedupe-helpers'

let t: Tree
eachTestTree((tree) => (t = tree))

const ctx = (items: DupesItem[]) => ({
  emit: (batch: DupesItem[]) => {
    items.push(...batch)
  },
  signal: new AbortController().signal,
})

describe('the Duplicates view channels', () => {
  it('streams the groups found; merges one by its id with the chosen keeper; undoes only its own journals', async () => {
    const body = data(9_000)
    for (const n of ['a', 'b', 'c']) t.write(n, body)
    const h = dupesHandlers()
    const items: DupesItem[] = []
    const summary = await h.find(ctx(items), [t.root], undefined)
    const groups = items.flatMap((i) => (i.type === 'group' ? [i.group] : []))
    expect(summary).toMatchObject({ groups: 1, reclaimable: 18_000 })
    expect(groups).toHaveLength(1)
    const g = groups[0]!
    const keeper = g.files.find((f) => f.paths[0] === t.p('c'))!.id

    const merged = await h.merge([{ group: g.id, keeper }])
    expect(merged).toMatchObject({ linked: 2, freed: 18_000 })
    expect(merged.records[0]).toMatchObject({ group: g.id, keeper: t.p('c'), refused: [] })
    expect(new Set(['a', 'b', 'c'].map((n) => idOf(t.p(n))))).toEqual(new Set([keeper]))
    // the same group again: the engine no longer has it (the disk changed), and says so
    const again = await h.merge([{ group: g.id, keeper }])
    expect(again.records[0]?.refused[0]?.code).toBe('CHANGED')

    // a journal this session did not make is refused; its own is undone once
    const other = t.write('other.jsonl', '{"type":"start","kind":"dedupe"}\n')
    expect(() => h.undo(other)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(h.undo(merged.journal!)).toMatchObject({ refused: [] })
    expect(new Set(['a', 'b', 'c'].map((n) => idOf(t.p(n)))).size).toBe(3)
    expect(() => h.undo(merged.journal!)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    for (const n of ['a', 'b', 'c']) expect(fs.readFileSync(t.p(n)).equals(body)).toBe(true)
  })

  it('a cancelled search ends with CANCELLED', async () => {
    t.write('a', 'x')
    const c = new AbortController()
    c.abort()
    await expect(dupesHandlers().find({ emit: () => {}, signal: c.signal }, [t.root], undefined)).rejects.toMatchObject(
      { code: 'CANCELLED' },
    )
  })
})
