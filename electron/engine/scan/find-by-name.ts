/**
 * Find by name: every entry under `root` whose name (or path below root) matches a glob (or, with
 * options.match 'target', every link whose stored target does, as `find -lname`), streamed as
 * LinkEntry rows as the walk finds them. It uses the scan's walker (every core, names as bytes, each
 * real folder once, links never followed). Past MAX_FOUND matches the rest are counted, not sent, so a
 * pattern like "*" over a whole disk cannot fill the window's memory. A cancel ends it with the
 * matches so far (cancelled: true), as a scan does.
 */
import { LinkError } from '../../../shared/errors'
import type { StreamContext } from '../../../shared/ipc/contract'
import type { FindOptions, FindSummary } from '../../../shared/types/actions'
import type { LinkEntry } from '../../../shared/types/link'
import { platform } from '../platform'
import { createBatchEmitter } from './batch-emitter'
import { compileGlob } from './glob'
import { scanRoot } from './scan-root'
import { walkTree } from './walk-tree'

export const MAX_FOUND = 20_000

export async function findByName(
  ctx: StreamContext<LinkEntry>,
  root: string,
  pattern: string,
  options: FindOptions,
  limit = MAX_FOUND,
): Promise<FindSummary> {
  const started = performance.now()
  const byTarget = options.match === 'target'
  const glob = compileGlob(pattern, options.ignoreCase, byTarget)
  const start = scanRoot(root)
  const plat = platform()
  const emitter = createBatchEmitter(ctx, 500, 50)
  let found = 0
  let entries = 0
  let errors = 0
  const walk = walkTree(
    start.path,
    start.id,
    { mode: 'find-glob', root: start.path, glob, ...(byTarget ? { target: true } : {}) },
    {
      signal: ctx.signal,
      onResult(r) {
        entries += r.entries
        errors += r.errors.length
        for (const m of r.matches) {
          found++
          if (found > limit) continue
          try {
            emitter.push(plat.entry(m.path))
          } catch (e) {
            // gone since the walk saw it: not a match any more
            if (!(e instanceof LinkError && e.code === 'NOT_FOUND')) errors++
            found--
          }
        }
      },
    },
  )
  const outcome = await walk.done.finally(() => emitter.close())
  return {
    root: start.path,
    pattern,
    found,
    entries,
    errors,
    truncated: found > limit,
    cancelled: outcome === 'cancelled',
    ms: Math.round(performance.now() - started),
  }
}
