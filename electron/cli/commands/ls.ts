/** linkscope ls DIR [--json]: one LinkEntry per entry of DIR. */
import type { LinkEntry } from '../../../shared/types/link'
import { listBatches } from '../../engine/model/list'
import { makeOut, parseArgs, reportFailure, UsageError, type Command } from '../io'
import { formatEntryLine } from '../format'
import { USAGE } from '../usage'
import { resolveAsKernel } from '../../engine/model/paths'

export const lsCommand: Command = {
  usage: USAGE.ls,
  run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['json'] })
    if (positionals.length !== 1) throw new UsageError('ls takes exactly one folder')
    const out = makeOut(flags.has('json'))
    try {
      for (const batch of listBatches(resolveAsKernel(positionals[0] as string))) {
        for (const entry of batch) {
          if (out.json) out.record(entry satisfies LinkEntry)
          else out.line(formatEntryLine(entry))
        }
      }
      out.flush()
      return 0
    } catch (e) {
      return reportFailure(out, e)
    }
  },
}
