/**
 * The file system's own link-count limit, met for real: ext4 allows 65000 names a file (the temp dir
 * here is ext4). The keeper gets names outside the root until two short of the limit; merging then
 * meets EMLINK and carries on with a new keeper. (xfs and btrfs allow billions or 65535 with other
 * rules: not practical to reach in a test.)
 */
import * as fs from 'node:fs'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { findDuplicates, mergeGroups, type MergeRecord } from '../../../electron/engine/dedupe'
import { skipBecause } from '../../helpers/needs-root'
import { data, idOf, makeTree, privateState, type Tree } from './dedupe-helpers'

const EXT4_MAGIC = 0xef53
const EXT4_LINK_MAX = 65000

let t: Tree
let endState: () => void
beforeEach((ctx) => {
  t = makeTree()
  endState = privateState()
  skipBecause(
    ctx,
    fs.statfsSync(t.root).type === EXT4_MAGIC
      ? null
      : `the temp dir is not ext4 (its link limit is the one this test reaches)`,
  )
})
afterEach(() => {
  t.done()
  endState()
})

describe('merging at the real ext4 link limit', () => {
  it('EMLINK starts a new keeper; nothing is lost and no temporary name remains', async () => {
    const body = data(4_096)
    const keeper = t.write('in/keeper', body)
    fs.mkdirSync(t.p('pad'))
    for (let i = 2; i <= EXT4_LINK_MAX - 2; i++) fs.linkSync(keeper, t.p('pad', String(i)))
    for (const n of ['d1', 'd2', 'd3', 'd4']) t.write(`in/${n}`, body)
    const { groups } = await findDuplicates([t.p('in')])
    const records: MergeRecord[] = []
    const summary = await mergeGroups(groups, { keep: 'first-root', onRecord: (r) => records.push(r) })
    expect(records).toEqual([
      { keeper, linked: [t.p('in/d1'), t.p('in/d2')], refused: [] },
      { keeper: t.p('in/d3'), linked: [t.p('in/d4')], refused: [] },
    ])
    expect(fs.statSync(keeper).nlink).toBe(EXT4_LINK_MAX)
    expect(idOf(t.p('in/d4'))).toBe(idOf(t.p('in/d3')))
    for (const n of ['keeper', 'd1', 'd2', 'd3', 'd4']) expect(fs.readFileSync(t.p('in', n)).equals(body)).toBe(true)
    expect(fs.readdirSync(t.p('in')).sort()).toEqual(['d1', 'd2', 'd3', 'd4', 'keeper'])
    expect(summary.linked).toBe(3)
  }, 120_000)
})
