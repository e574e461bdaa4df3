/**
 * The compare made whole on the addon's threads (compare-native.ts, native/compare_trees.c) writes, line for
 * line, what compareTrees' records give through the CLI's compare-line.ts, with the same summary, on trees
 * where every state, grouping difference, rebased link, kind change and one-sided folder occurs; it leaves
 * to compareTrees what it cannot decide as compareTrees would (a name that is not UTF-8); a cancel stops
 * it; and a file mounted over a name of a hard-link clone is not taken for the clone's file.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { compareLine } from '../../../electron/cli/commands/compare-line'
import { nativeScan } from '../../../electron/engine/scan/native-scan'
import { compareLinesNative, type CompareSummary, compareTrees, copyTree } from '../../../electron/engine/tree'
import { LinkError } from '../../../shared/errors'
import { skipUnlessRoot } from '../../helpers/needs-root'
import { buildTreeFixture, type Fixture } from './tree-fixture'

let fx: Fixture
let copy: string
let clone: string
const put = (file: string, data: string | Buffer): void => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, data)
}

beforeAll(async () => {
  if (!nativeScan()) throw new Error('the addon is not built; this test needs it')
  fx = buildTreeFixture('linkscope-compare-native-')
  copy = path.join(fx.top, 'copy')
  await copyTree(fx.src, copy) // absolute links into SRC rebased: equal only by where they lead
  clone = path.join(fx.top, 'clone')
  execFileSync('cp', ['-al', fx.src, clone]) // a hard-link clone, then changed here and there
  const c = (...p: string[]): string => path.join(clone, ...p)
  put(c('only-b', 'deeper', 'x.txt'), 'x') // a folder B alone has, with a folder inside
  fs.rmSync(c('docs', 'deep'), { recursive: true })
  put(c('docs', 'deep'), 'a file where A has a folder')
  fs.rmSync(c('plain.txt'))
  put(c('plain.txt'), 'plain\n') // same bytes, another file
  fs.rmSync(c('report-hard.txt'))
  put(c('report-hard.txt'), 'report body\n') // a group's name split off: grouped differently
  fs.rmSync(c('big.bin'))
  const big = Buffer.alloc(3 << 20, 1)
  big[big.length - 1] = 2
  put(c('big.bin'), big) // differs in its last byte only
  fs.rmSync(c('rel-in'))
  fs.symlinkSync('big.bin', c('rel-in')) // link-differs
  fs.rmSync(c('abs-out'))
  fs.mkdirSync(c('abs-out')) // a folder where A has a link: B's own folder
  put(c('abs-out', 'in.txt'), 'in')
  put(c('quote "and" back\\slash\t.txt'), 'escaped in JSON')
})
afterAll(() => fs.rmSync(fx.top, { recursive: true, force: true }))

/** The reference: compareTrees' records as the CLI writes them, and its summary. */
async function reference(a: string, b: string): Promise<{ text: string; summary: CompareSummary }> {
  let text = ''
  const { summary } = await compareTrees(a, b, { pairs: false, onRecord: (r) => (text += compareLine(r) + '\n') })
  return { text, summary }
}

async function native(
  a: string,
  b: string,
  signal?: AbortSignal,
): Promise<{ text: string; summary: CompareSummary | null }> {
  let text = ''
  const summary = await compareLinesNative(a, b, { signal, onLines: (t) => (text += t) })
  return { text, summary }
}

const noMs = (s: CompareSummary | null): unknown => s && { ...s, ms: 0 }

describe('the compare on native threads', () => {
  for (const [name, other] of [
    ['a copy with rebased links', () => copy],
    ['a hard-link clone changed here and there', () => clone],
  ] as const) {
    it(`writes the records and summary compareTrees gives: ${name}`, async () => {
      const want = await reference(fx.src, other())
      const got = await native(fx.src, other())
      expect(got.summary, 'the native compare fell back').not.toBeNull()
      expect(got.text).toBe(want.text)
      expect(noMs(got.summary)).toEqual(noMs(want.summary))
    })
  }

  it('finds every state, a grouping difference and a rebased link in those trees', async () => {
    const lines = (await native(fx.src, clone)).text + (await native(fx.src, copy)).text
    for (const state of ['same-file', 'same-content', 'differs', 'link-differs', 'only-a', 'only-b'])
      expect(lines).toContain(`"state":"${state}"`)
    expect(lines).toContain(
      '{"path":"report-hard.txt","state":"same-content","size":12,"kind":"file","grouping":"differs"}',
    )
    expect(lines).toContain('{"path":"abs-in-dir","state":"same-content","size":0,"kind":"symlink"}')
    expect(lines).toContain('"path":"quote \\"and\\" back\\\\slash\\t.txt","state":"only-b"')
  })

  it('leaves a tree with a name that is not UTF-8 to compareTrees', async () => {
    const raw = Buffer.concat([Buffer.from(path.join(clone, 'raw-')), Buffer.from([0xff])])
    fs.writeFileSync(raw, 'bytes')
    try {
      expect((await native(fx.src, clone)).summary).toBeNull()
    } finally {
      fs.rmSync(raw)
    }
  })

  it('stops on a cancel with CANCELLED', async () => {
    const controller = new AbortController()
    controller.abort()
    const err = await native(fx.src, copy, controller.signal).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(LinkError)
    expect((err as LinkError).code).toBe('CANCELLED')
  })

  it('does not take a file mounted over a name of a hard-link clone for the clone’s file', async (ctx) => {
    skipUnlessRoot(ctx, 'bind-mounts a file')
    const over = path.join(fx.top, 'mounted-over.txt')
    fs.writeFileSync(over, 'other bytes\n')
    const target = path.join(clone, 'docs', 'report.txt') // same-file with A's by its folder entry
    execFileSync('mount', ['--bind', over, target])
    try {
      const got = await native(fx.src, clone)
      expect(got.text).toContain('{"path":"docs/report.txt","state":"differs"')
      expect(got.text).toBe((await reference(fx.src, clone)).text)
    } finally {
      execFileSync('umount', [target])
    }
  })
})
