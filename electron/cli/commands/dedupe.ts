/**
 * linkscope dedupe ROOT... [--keep oldest|newest|first-root] [--dry-run] [--ignore-metadata] [--json]:
 * merges each group of duplicates into hard links of its keeper. JSON: one {keeper, linked, refused}
 * per keeper (a group spread over devices, or past a link-count limit, has several keepers), then
 * {"summary":{linked, freed, journal}}; `linkscope undo JOURNAL` reverts the run.
 */
import { findDuplicates, type KeepRule, mergeGroups, recoverUnfinished } from '../../engine/dedupe'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'
import { bytes, minSizeOf, rootsOf } from './dupes-args'

const KEEP: readonly KeepRule[] = ['oldest', 'newest', 'first-root']

export const dedupeCommand: Command = {
  usage: USAGE.dedupe,
  async run(argv) {
    const parsed = parseArgs(argv, { flags: ['json', 'dry-run', 'ignore-metadata'], values: ['keep', 'min-size'] })
    const roots = rootsOf(parsed, 'dedupe')
    const minSize = minSizeOf(parsed)
    const keep = parsed.values.get('keep') ?? 'first-root'
    if (!(KEEP as readonly string[]).includes(keep))
      throw new UsageError(`--keep takes ${KEEP.join(', ')}, not "${keep}"`)
    const dryRun = parsed.flags.has('dry-run')
    const out = makeOut(parsed.flags.has('json'))
    return cancellable(out, async (signal) => {
      // first tidy up after a run that was killed, so that its temporary names are not found as names
      if (!dryRun) {
        const tidied = recoverUnfinished()
        if (tidied.journals.length > 0) {
          process.stderr.write(
            `linkscope: tidied up after ${tidied.journals.length} unfinished run(s): ${tidied.removed.length} temporary names removed, ${tidied.restored.length} names put back${tidied.left.length ? `, ${tidied.left.length} left (${tidied.left.map(terminalSafe).join(', ')})` : ''}\n`,
          )
        }
      }
      const found = await findDuplicates(roots, { signal, ...(minSize !== undefined ? { minSize } : {}) })
      for (const e of found.errors) process.stderr.write(`linkscope: ${terminalSafe(e.message)}\n`)
      const summary = await mergeGroups(found.groups, {
        signal,
        keep: keep as KeepRule,
        dryRun,
        ignoreMetadata: parsed.flags.has('ignore-metadata'),
        onRecord(r) {
          if (out.json) {
            out.record(r)
            return
          }
          out.line(`${dryRun ? 'would keep' : 'kept'} ${terminalSafe(r.keeper)}`)
          for (const p of r.linked) out.line(`  ${dryRun ? 'would link' : 'linked'} ${terminalSafe(p)}`)
          for (const f of r.refused)
            out.line(`  refused ${terminalSafe(f.path)}: ${terminalSafe(f.message)} (${f.code})`)
        },
      })
      if (out.json) out.record({ summary: { linked: summary.linked, freed: summary.freed, journal: summary.journal } })
      else {
        const what = dryRun
          ? `would link ${summary.linked} names and free ${bytes(summary.freed)} (dry run: nothing changed)`
          : `linked ${summary.linked} names, freed ${bytes(summary.freed)}${summary.cancelled ? ' (cancelled)' : ''}; undo with: linkscope undo ${terminalSafe(summary.journal ?? '')}`
        out.line(what)
      }
      out.flush()
      return summary.cancelled ? 1 : 0
    })
  },
}
