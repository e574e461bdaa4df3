import * as fs from 'node:fs'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScanItem } from '../../../shared/types/scan'
import { runScan } from '../../../electron/engine/scan'
import { emptyResult, walkDir } from '../../../electron/engine/scan/walk-dir'
import { makeTempDir } from '../../helpers/link-tree'
import { makeBigTree, type BigTree } from './big-tree'

let big: BigTree
beforeAll(() => { big = makeBigTree('linkscope-vanish-', 30, 30, 20) }, 120_000)
afterAll(() => fs.rmSync(big.root, { recursive: true, force: true }))

describe('entries that vanish during a scan', () => {
  it('folders deleted while being scanned are recorded as NOT_FOUND errors and the scan finishes', async () => {
    const items: ScanItem[] = []
    let deleted: string[] = []
    const summary = await runScan({
      signal: new AbortController().signal,
      emit(batch) {
        items.push(...batch)
        // At the first progress, delete every top folder but the first: some are queued, not yet listed.
        if (deleted.length === 0 && batch.some((i) => i.type === 'progress')) {
          deleted = big.dirs.slice(1)
          for (const d of deleted) fs.rmSync(d, { recursive: true, force: true })
        }
      },
    }, big.root, { broken: true, hardlinks: true })
    expect(deleted.length).toBeGreaterThan(0)
    expect(summary.cancelled).toBe(false)
    expect(summary.entries).toBeLessThan(big.entries)
    const errors = items.flatMap((i) => (i.type === 'error' ? [i] : []))
    expect(errors.length).toBeGreaterThan(0)
    expect(summary.errors).toBe(errors.length)
    for (const e of errors) {
      expect(e.code).toBe('NOT_FOUND')
      expect(e.message).toContain('vanished during the scan')
      expect(deleted.some((d) => e.path === d || e.path.startsWith(d + path.sep))).toBe(true)
    }
  })

  it('a folder gone before it is listed is one NOT_FOUND record, nothing thrown', () => {
    const root = makeTempDir('linkscope-gone-')
    const out = emptyResult(0)
    walkDir(path.join(root, 'never-was'), { mode: 'scan', broken: true, statFiles: true }, out)
    expect(out.errors).toEqual([{ path: path.join(root, 'never-was'), code: 'NOT_FOUND', message: `${path.join(root, 'never-was')} vanished during the scan.` }])
    fs.rmSync(root, { recursive: true })
  })

  it('the root itself missing is a typed error, not an empty scan', async () => {
    const root = makeTempDir('linkscope-gone-')
    fs.rmdirSync(root)
    await expect(runScan({ signal: new AbortController().signal, emit: () => {} }, root, { broken: true, hardlinks: true }))
      .rejects.toMatchObject({ code: 'NOT_FOUND', path: root })
  })
})
