/**
 * A scan stays on its root's file system (like `find -xdev`): a mount point under the root is counted and
 * not entered, unless crossDevices (`--cross-devices`) asks. Both walkers (the addon's threads and worker
 * threads) and the CLI. The second file system is a small tmpfs mounted inside the tree (needs root).
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { nativeScan } from '../../../electron/engine/scan/native-scan'
import { runScan } from '../../../electron/engine/scan/run-scan'
import { scanRoot } from '../../../electron/engine/scan/scan-root'
import { walkTree } from '../../../electron/engine/scan/walk-tree'
import type { ScanItem } from '../../../shared/types/scan'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { skipBecause } from '../../helpers/needs-root'

const unavailable =
  process.platform !== 'linux'
    ? 'mounts are made on Linux only'
    : process.getuid?.() !== 0
      ? 'mounting a tmpfs needs root'
      : null
if (unavailable) console.log(`one-device tests skipped: ${unavailable}`)

let root: string
let mnt: string
beforeAll(() => {
  if (unavailable) return
  root = makeTempDir('linkscope-xdev-')
  fs.mkdirSync(path.join(root, 'a'))
  fs.writeFileSync(path.join(root, 'a', 'file'), 'x')
  fs.symlinkSync('missing', path.join(root, 'a', 'broken-here'))
  mnt = path.join(root, 'mnt')
  fs.mkdirSync(mnt)
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'linkscope-xdev', mnt], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`mount failed: ${r.stderr}`)
  fs.mkdirSync(path.join(mnt, 'deep'))
  fs.writeFileSync(path.join(mnt, 'deep', 'f'), 'y')
  fs.symlinkSync('missing', path.join(mnt, 'deep', 'broken-there'))
})
afterAll(() => {
  if (unavailable) return
  spawnSync('umount', ['-l', mnt])
  fs.rmSync(root, { recursive: true, force: true })
})

const scan = async (crossDevices?: boolean) => {
  const items: ScanItem[] = []
  const summary = await runScan(
    {
      signal: new AbortController().signal,
      emit: (b) => {
        items.push(...b)
      },
    },
    root,
    { broken: true, hardlinks: true, ...(crossDevices === undefined ? {} : { crossDevices }) },
  )
  return {
    summary,
    broken: items.flatMap((i) => (i.type === 'broken' ? [path.relative(root, i.link.path)] : [])).sort(),
  }
}

beforeEach((ctx) => skipBecause(ctx, unavailable))

describe('a scan and the mount points under its root', () => {
  it('by default stays on the root’s file system and counts the mount point it did not enter', async () => {
    expect(fs.statSync(mnt).dev).not.toBe(fs.statSync(root).dev)
    const { summary, broken } = await scan()
    expect(broken).toEqual(['a/broken-here'])
    expect(summary).toMatchObject({ entries: 4, mountsSkipped: 1 }) // a, a/file, a/broken-here, mnt itself
  })

  it('crossDevices enters it', async () => {
    const { summary, broken } = await scan(true)
    expect(broken).toEqual(['a/broken-here', 'mnt/deep/broken-there'])
    expect(summary).toMatchObject({ entries: 7, mountsSkipped: 0 })
  })

  it('both walkers agree: the addon’s threads and worker threads', async () => {
    const start = scanRoot(root)
    const walked = async (native: ReturnType<typeof nativeScan>, device?: number) => {
      let entries = 0
      const walk = walkTree(
        start.path,
        start.id,
        { mode: 'scan', broken: true, statFiles: true, ...(device === undefined ? {} : { device }) },
        {
          signal: new AbortController().signal,
          onResult: (r) => {
            entries += r.entries
          },
        },
        { helpers: 1 },
        native,
      )
      await walk.done
      return { entries, mounts: walk.mountsSkipped() }
    }
    const native = nativeScan()
    expect(native).not.toBeNull()
    for (const n of [native, null]) {
      expect(await walked(n, start.dev)).toEqual({ entries: 4, mounts: 1 })
      expect(await walked(n)).toEqual({ entries: 7, mounts: 0 })
    }
  })

  it('the CLI says how many mount points it did not enter; --cross-devices enters them', () => {
    const plain = spawnSync(process.execPath, [CLI, 'scan', root, '--broken'], { encoding: 'utf8' })
    expect(plain.status).toBe(0)
    expect(plain.stdout).toContain('broken-here')
    expect(plain.stdout).not.toContain('broken-there')
    expect(plain.stderr).toBe(`linkscope: 1 mount point(s) under ${root} not entered; --cross-devices scans them too\n`)
    const cross = spawnSync(process.execPath, [CLI, 'scan', root, '--broken', '--cross-devices'], { encoding: 'utf8' })
    expect(cross.status).toBe(0)
    expect(cross.stdout).toContain('broken-there')
    expect(cross.stderr).toBe('')
  })
})
