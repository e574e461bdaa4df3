/** Shared by the scanner's integration tests: run the real scanner and collect what it streams. */
import { spawnSync } from 'node:child_process'

import { runScan } from '../../../electron/engine/scan'
import type { StreamContext } from '../../../shared/ipc/contract'
import type { BrokenLink, HardLinkGroup, ScanItem, ScanOptions, ScanSummary } from '../../../shared/types/scan'

export type Collected = {
  summary: ScanSummary
  batches: ScanItem[][]
  broken: BrokenLink[]
  groups: HardLinkGroup[]
  errors: { path: string; code: string; message: string }[]
}

export async function collectScan(
  root: string,
  options: ScanOptions = { broken: true, hardlinks: true },
): Promise<Collected> {
  const batches: ScanItem[][] = []
  const ctx: StreamContext<ScanItem> = {
    signal: new AbortController().signal,
    emit: (items) => {
      batches.push(items)
    },
  }
  const summary = await runScan(ctx, root, options)
  const items = batches.flat()
  return {
    summary,
    batches,
    broken: items.flatMap((i) => (i.type === 'broken' ? [i.link] : [])),
    groups: items.flatMap((i) => (i.type === 'group' ? [i.group] : [])),
    errors: items.flatMap((i) => (i.type === 'error' ? [{ path: i.path, code: i.code, message: i.message }] : [])),
  }
}

/** NUL-separated output of a command (names with newlines survive). */
export function nulList(cmd: string, args: string[]): { list: string[]; stderr: string; status: number | null } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 })
  return { list: r.stdout.split('\0').filter((s) => s.length > 0), stderr: r.stderr, status: r.status }
}

/** What GNU find says: `-xtype l` (dangling, including through a file) and the loops it reports as errors. */
export function findBroken(root: string): { dangling: string[]; loops: string[] } {
  const r = nulList('find', [root, '-xtype', 'l', '-print0'])
  const loops = [...r.stderr.matchAll(/^find: ‘(.*)’: Too many levels of symbolic links$/gm)].map((m) => m[1] as string)
  return { dangling: r.list.sort(), loops: loops.sort() }
}

/** `stat -c '%d:%i %h'` for a path (the id and link count the scanner must report). */
export function statIdLinks(p: string): { id: string; links: number } {
  const r = spawnSync('stat', ['-c', '%d:%i %h', '--', p], { encoding: 'utf8' })
  const [id, links] = r.stdout.trim().split(' ')
  return { id: id as string, links: Number(links) }
}

export const sorted = <T>(xs: T[]): T[] => [...xs].sort()
