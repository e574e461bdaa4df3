/**
 * A tree copy's files go to the addon's threads in batches (copy-files.ts, native/copy_batch.c). A copy
 * that fails there (a destination too small to hold SRC) stops with the typed error node:fs's words give
 * (the file copied again on this thread), after the batches still copying have finished, and leaves no
 * DST behind; a copy made in batches keeps every file's bytes, mode, times and groups as the one-file
 * copy does.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { copyTree } from '../../../electron/engine/tree'
import { nativeCopyFiles } from '../../../electron/engine/tree/copy-files'
import { LinkError } from '../../../shared/errors'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { skipUnlessRoot } from '../../helpers/needs-root'
import { treeHash } from '../../helpers/tree-hash'

let top: string
let src: string
beforeAll(() => {
  if (!nativeCopyFiles()) throw new Error('the addon is not built; this test needs it')
  top = makeTempDir('linkscope-copy-batch-')
  src = path.join(top, 'src')
  // more files than one batch, in several folders, with groups whose first copy is in an earlier batch
  for (let d = 0; d < 6; d++) {
    fs.mkdirSync(path.join(src, `d${d}`), { recursive: true })
    for (let f = 0; f < 200; f++) fs.writeFileSync(path.join(src, `d${d}`, `f${f}`), Buffer.alloc(2000 + f, d))
    fs.linkSync(path.join(src, 'd0', `f${d}`), path.join(src, `d${d}`, `hard${d}`))
  }
  fs.chmodSync(path.join(src, 'd3', 'f7'), 0o600)
  fs.utimesSync(path.join(src, 'd4', 'f9'), new Date('2021-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z'))
})
afterAll(() => fs.rmSync(top, { recursive: true, force: true }))

/** Every path with its kind, mode, size, a file's mtime and its group (numbered in path order), as find sees them. */
function shape(root: string): string {
  const lines = execFileSync('find', ['.', '-printf', '%p %y %m %s %T@ %n %i\n'], { cwd: root, encoding: 'utf8' })
  const ids = new Map<string, number>()
  return lines
    .trim()
    .split('\n')
    .sort()
    .map((l) => {
      const parts = l.split(' ')
      const ino = parts.pop() as string
      if (parts[1] === 'd') parts.splice(4, 1) // folders' times are set through node:fs in either copy
      if (!ids.has(ino)) ids.set(ino, ids.size)
      return `${parts.join(' ')} #${ids.get(ino)}`
    })
    .join('\n')
}

describe('a copy in batches', () => {
  it('makes the tree the one-file copy makes: bytes, modes, times, groups', () => {
    const batched = path.join(top, 'batched')
    const single = path.join(top, 'single')
    for (const [dst, native] of [
      [batched, '1'],
      [single, '0'],
    ]) {
      const r = spawnSync(process.execPath, [CLI, 'copy', src, dst as string, '--json'], {
        encoding: 'utf8',
        env: { ...process.env, LINKSCOPE_SCAN_NATIVE: native },
      })
      expect(r.status, r.stderr).toBe(0)
    }
    // the addon keeps files' times to the nanosecond; node:fs through a float of seconds, so without times there
    expect(shape(batched).split('\n')).toEqual(shape(src).split('\n'))
    const timeless = (s: string): string => s.replace(/ \d+\.\d+ /g, ' ')
    expect(timeless(shape(batched))).toBe(timeless(shape(single)))
    expect(spawnSync('diff', ['-r', src, batched]).status).toBe(0)
  })

  it('stops with NO_SPACE on a destination too small, leaving no DST and SRC as it was', async (ctx) => {
    skipUnlessRoot(ctx, 'mounts a small tmpfs')
    const small = makeTempDir('linkscope-copy-batch-small-')
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small])
    try {
      const before = treeHash(src)
      const err = await copyTree(src, path.join(small, 'copy')).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(LinkError)
      expect((err as LinkError).code).toBe('NO_SPACE')
      expect((err as LinkError).message).toContain('was removed')
      expect(fs.readdirSync(small)).toEqual([])
      expect(treeHash(src)).toBe(before)
    } finally {
      execFileSync('umount', [small])
      fs.rmSync(small, { recursive: true })
    }
  })
})
