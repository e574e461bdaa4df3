/**
 * linkscope split PATH... [--json]: each named file becomes an independent copy (same bytes, mode, owner,
 * times); its other names keep the original. JSON: one {path, split, links[, id]} or {path, split:false,
 * code, message} a path, then {"summary":{split, journal}}. Exit 1 when any path was refused.
 */
import { splitPaths } from '../../engine/dedupe'
import { resolveAsKernel } from '../../engine/listing/paths'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'

export const splitCommand: Command = {
  usage: USAGE.split,
  async run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['json'] })
    if (positionals.length === 0) throw new UsageError('split needs at least one file')
    const out = makeOut(flags.has('json'))
    return cancellable(out, async (signal) => {
      let refused = 0
      const summary = splitPaths(
        positionals.map((p) => resolveAsKernel(p)),
        {
          signal,
          onRecord(r) {
            if ('code' in r) refused++
            if (out.json) {
              out.record(r)
              return
            }
            if ('code' in r) out.line(`refused ${terminalSafe(r.path)}: ${terminalSafe(r.message)} (${r.code})`)
            else
              out.line(
                r.split
                  ? `split ${terminalSafe(r.path)} (it was one of ${r.links} names)`
                  : `${terminalSafe(r.path)} has one name already`,
              )
          },
        },
      )
      if (out.json) out.record({ summary })
      else out.line(`split ${summary.split} files; journal: ${terminalSafe(summary.journal)}`)
      out.flush()
      return refused > 0 ? 1 : 0
    })
  },
}
