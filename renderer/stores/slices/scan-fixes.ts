/** How a finished operation changes a scan's lists, pure: removed names leave, retargeted links leave or update. */
import type { LinkEntry } from '../../../shared/types/link'
import type { BrokenLink, HardLinkGroup } from '../../../shared/types/scan'
import type { OpReport, ReportItem } from './ops-slice'

/** A fixed link's row: gone when it works now, updated when it is still broken (e.g. made relative). */
export function updatedRow(old: BrokenLink, e: LinkEntry): BrokenLink | null {
  if (e.status === 'ok' || e.status === 'n/a') return null
  const reason =
    e.status === 'loop'
      ? 'loop'
      : e.status === 'denied'
        ? 'denied'
        : old.reason === 'loop' || old.reason === 'denied'
          ? 'missing'
          : old.reason
  return { ...old, ...e, reason }
}

/** Groups without the removed names; a group left with one name is no group. */
function groupsWithout(groups: HardLinkGroup[], gone: ReadonlyMap<string, unknown>): HardLinkGroup[] {
  return groups.flatMap((g) => {
    const left = g.paths.filter((p) => !gone.has(p))
    if (left.length === g.paths.length) return [g]
    const links = g.links - (g.paths.length - left.length)
    return links > 1 && left.length > 0 ? [{ ...g, paths: left, links }] : []
  })
}

/** A broken link's row after `verb` acted on it (null: it leaves the list); kept in `fixed` for an undo. */
function rowAfter(verb: OpReport['verb'], row: BrokenLink, e: LinkEntry, fixed: Map<string, BrokenLink>) {
  if (verb === 'rename') return { ...row, path: e.path, name: e.name }
  fixed.set(row.path, row)
  return verb === 'remove' ? null : updatedRow(row, e)
}

/**
 * The lists after `report`, or null when it changed none of their rows. Rows a remove or retarget
 * took away are kept in `fixed`, so an undo can bring them back as they were.
 */
export function fixedRows(
  report: OpReport,
  broken: readonly BrokenLink[],
  groups: HardLinkGroup[],
  fixed: Map<string, BrokenLink>,
): { broken: BrokenLink[]; groups: HardLinkGroup[] } | null {
  const done = report.items.filter((i): i is Extract<ReportItem, { ok: true }> => i.ok)
  if (done.length === 0 || (report.verb !== 'remove' && report.verb !== 'retarget' && report.verb !== 'rename'))
    return null
  const byPath = new Map(done.map((i) => [i.source, i.entry]))
  let changed = false
  const rows: BrokenLink[] = []
  for (const row of broken) {
    const e = byPath.get(row.path)
    if (e) changed = true
    const next = e ? rowAfter(report.verb, row, e, fixed) : row
    if (next) rows.push(next)
  }
  const touchesGroups = report.verb === 'remove' && groups.some((g) => g.paths.some((p) => byPath.has(p)))
  if (!changed && !touchesGroups) return null
  return { broken: rows, groups: touchesGroups ? groupsWithout(groups, byPath) : groups }
}
