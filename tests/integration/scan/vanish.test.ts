import * as fs from 'node:fs'
import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { runScan } from '../../../electron/engine/scan'
import { nativeScan } from '../../../electron/engine/scan/native-scan'
import type { ScanError } from '../../../electron/engine/scan/scan-protocol'
import { emptyResult, walkDir } from '../../../electron/engine/scan/walk-dir'
import { walkTree } from '../../../electron/engine/scan/walk-tree'
import { makeTempDir } from '../../helpers/link-tree'
import { makeBigTree } from './big-tree'

describe('entries that vanish during a scan', () => {
  // At the first batch result (a few milliseconds in), every top folder but the first is moved out of
  // the tree: one rename each, so those still queued are gone before a walker reaches them.
  it.each([
    ['native threads', nativeScan()],
    ['worker threads', null],
  ] as const)(
    'folders gone while queued are NOT_FOUND errors and the walk finishes (%s)',
    async (_name, native) => {
      const tree = makeBigTree('linkscope-vanish-', 30, 30, 20)
      const away = makeTempDir('linkscope-vanished-')
      try {
        const moved: string[] = []
        let entries = 0
        const errors: ScanError[] = []
        const st = fs.lstatSync(tree.root)
        const walk = walkTree(
          tree.root,
          `${st.dev}:${st.ino}`,
          { mode: 'scan', broken: true, statFiles: true },
          {
            signal: new AbortController().signal,
            onResult(r) {
              entries += r.entries
              errors.push(...r.errors)
              if (moved.length > 0) return
              for (const d of tree.dirs.slice(1)) {
                fs.renameSync(d, path.join(away, path.basename(d)))
                moved.push(d)
              }
            },
          },
          { helpers: 0 },
          native,
        ) // one walker: 18k entries take it tens of ms, the first result comes after 2–3 ms
        expect(await walk.done).toBe('done')
        expect(entries).toBeLessThan(tree.entries)
        expect(errors.length).toBeGreaterThan(0)
        for (const e of errors) {
          expect(e.code).toBe('NOT_FOUND')
          expect(e.message).toContain('vanished during the scan')
          expect(moved.some((d) => e.path === d || e.path.startsWith(d + path.sep))).toBe(true)
        }
      } finally {
        fs.rmSync(tree.root, { recursive: true, force: true })
        fs.rmSync(away, { recursive: true, force: true })
      }
    },
    60_000,
  )

  it('a folder gone before it is listed is one NOT_FOUND record, nothing thrown', () => {
    const root = makeTempDir('linkscope-gone-')
    const out = emptyResult(0)
    walkDir(path.join(root, 'never-was'), { mode: 'scan', broken: true, statFiles: true }, out)
    expect(out.errors).toEqual([
      {
        path: path.join(root, 'never-was'),
        code: 'NOT_FOUND',
        message: `${path.join(root, 'never-was')} vanished during the scan.`,
      },
    ])
    fs.rmSync(root, { recursive: true })
  })

  it('the root itself missing is a typed error, not an empty scan', async () => {
    const root = makeTempDir('linkscope-gone-')
    fs.rmdirSync(root)
    await expect(
      runScan({ signal: new AbortController().signal, emit: () => {} }, root, { broken: true, hardlinks: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', path: root })
  })
})
