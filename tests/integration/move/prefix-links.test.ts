/**
 * Replace prefix on chosen links (the scan view's selection, move:prefix): a preview changes nothing,
 * apply retargets only links into OLD, the rest get failed records saying why, and the batch undoes to
 * the exact previous texts. The in-place exchange refuses a link that changed since it was listed.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { retargetPrefixOf, undoPrefixBatch } from '../../../electron/engine/tree/retarget-prefix'
import { exchanger, retargetByExchange } from '../../../electron/engine/tree/retarget-prefix-exchange'
import { LinkError } from '../../../shared/errors'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

let top: string
const p = (...parts: string[]): string => path.join(top, ...parts)
beforeEach(() => {
  top = makeTempDir('linkscope-prefix-links-')
  fs.mkdirSync(p('links'))
  fs.mkdirSync(p('new'))
  fs.writeFileSync(p('new', 'a.txt'), 'a')
  fs.symlinkSync(p('old', 'a.txt'), p('links', 'abs'))
  fs.symlinkSync('../old/b.txt', p('links', 'rel'))
  fs.symlinkSync('../elsewhere/c.txt', p('links', 'other'))
  fs.writeFileSync(p('links', 'plain'), 'not a link')
})
afterEach(() => fs.rmSync(top, { recursive: true, force: true }))

describe('retargetPrefixOf', () => {
  it('previews, applies to links into OLD only, and undoes the batch', () => {
    const chosen = ['abs', 'rel', 'other', 'plain', 'missing'].map((n) => p('links', n))
    const before = treeHash(top)
    const texts = (): string[] =>
      fs
        .readdirSync(p('links'))
        .sort()
        .map((n) => (fs.lstatSync(p('links', n)).isSymbolicLink() ? `${n} -> ${fs.readlinkSync(p('links', n))}` : n))
    const textsBefore = texts()
    const preview = retargetPrefixOf(chosen, p('old'), p('new'), true)
    expect(treeHash(top)).toBe(before)
    expect(preview.map((r) => [path.basename(r.path), r.action, r.newTarget, r.resolves])).toEqual([
      ['abs', 'would-retarget', p('new', 'a.txt'), true],
      ['rel', 'would-retarget', '../new/b.txt', false],
      ['other', 'failed', '../elsewhere/c.txt', false],
      ['plain', 'failed', '', false],
      ['missing', 'failed', '', false],
    ])
    expect(preview.map((r) => r.code)).toEqual([
      undefined,
      undefined,
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'NOT_FOUND',
    ])
    const applied = retargetPrefixOf(chosen, p('old'), p('new'), false)
    expect(applied.filter((r) => r.action === 'retargeted')).toHaveLength(2)
    expect(fs.readlinkSync(p('links', 'abs'))).toBe(p('new', 'a.txt'))
    expect(fs.readlinkSync(p('links', 'rel'))).toBe('../new/b.txt')
    expect(fs.readdirSync(p('links')).filter((n) => n.includes('linkscope'))).toEqual([])
    expect(undoPrefixBatch(applied)).toEqual([])
    expect(texts()).toEqual(textsBefore) // the same texts again (as new links: their inodes differ)
  })
})

describe('retargetByExchange', () => {
  it('refuses a link that changed since it was listed, leaving it and no temporary name', () => {
    const at = exchanger()
    expect(at).not.toBeNull()
    const link = p('links', 'abs')
    const st = fs.lstatSync(link)
    const before = treeHash(top)
    let code = 'no error'
    try {
      retargetByExchange(at!, link, { id: `${st.dev}:${st.ino}`, text: p('old', 'other.txt') }, p('new', 'a.txt'))
    } catch (e) {
      code = e instanceof LinkError ? e.code : String(e)
    }
    expect(code).toBe('CHANGED')
    expect(treeHash(top)).toBe(before)
  })
})
