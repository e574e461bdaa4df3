/**
 * What a scan leaves out: folders and entries matching an exclude glob (by name, or by path below the
 * root for a glob with "/"), and folders deeper than a depth limit (the root's own entries are depth 1).
 * An excluded folder, or one whose entries would lie deeper than the limit, is not entered.
 *
 * The filter decides descent in the walk's coordinator (walk-tree.ts `accept`), which the per-folder
 * listers of both kinds (the addon's and node:fs) feed, so both give the same results.
 */
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import type { ScanOptions } from '../../../shared/types/scan'
import { belowRoot, type CompiledGlob, compileGlob, globMatches } from './glob'
import { forEachMulti, packMulti } from './scan-protocol'

export type ScanFilter = {
  /** whether to list folder `dir` (a real folder found under the root); counts what it refuses */
  enter(dir: string): boolean
  /** whether a found entry (a broken link, a hard link's name) is reported */
  report(full: string): boolean
  /** folders not entered and entries not reported because of an exclude glob */
  excluded(): number
  /** folders not entered because of the depth limit */
  beyondDepth(): number
}

/** The filter of `options`, or null when nothing is left out. Throws INVALID_ARGUMENT for a bad value. */
export function scanFilter(root: string, options: Pick<ScanOptions, 'exclude' | 'maxDepth'>): ScanFilter | null {
  const globs = compileExcludes(options.exclude ?? [])
  const maxDepth = checkDepth(options.maxDepth)
  if (globs.length === 0 && maxDepth === undefined) return null
  let excluded = 0
  let beyondDepth = 0
  const isExcluded = (full: string): boolean => {
    const name = path.basename(full)
    const rel = (): string => belowRoot(root, full)
    return globs.some((g) => globMatches(g, name, rel))
  }
  return {
    enter(dir) {
      if (isExcluded(dir)) {
        excluded++
        return false
      }
      // a folder at depth d holds entries at depth d + 1
      if (maxDepth !== undefined && belowRoot(root, dir).split('/').length >= maxDepth) {
        beyondDepth++
        return false
      }
      return true
    },
    report(full) {
      if (!isExcluded(full)) return true
      excluded++
      return false
    },
    excluded: () => excluded,
    beyondDepth: () => beyondDepth,
  }
}

function compileExcludes(patterns: readonly string[]): CompiledGlob[] {
  return patterns.map((p) => {
    if (p.trim().length === 0)
      throw new LinkError(
        'INVALID_ARGUMENT',
        'An exclude pattern is empty: give a name or a glob (for example node_modules or *.tmp).',
      )
    return compileGlob(p, process.platform === 'win32')
  })
}

function checkDepth(depth: number | undefined): number | undefined {
  if (depth === undefined) return undefined
  if (!Number.isInteger(depth) || depth < 1)
    throw new LinkError(
      'INVALID_ARGUMENT',
      `The depth limit must be a whole number of at least 1 (1: only the scanned folder's own entries), not ${depth}.`,
    )
  return depth
}

/** The names of packed hard-linked files (scan-protocol.ts packMulti) that `filter` reports. */
export function reportedMulti(filter: ScanFilter, packed: string): string {
  let kept = ''
  forEachMulti(packed, (p, id, links, size) => {
    if (filter.report(p)) kept += packMulti(p, id, links, size)
  })
  return kept
}
