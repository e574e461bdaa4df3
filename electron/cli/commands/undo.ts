/**
 * linkscope undo JOURNAL [--json]: reverts a dedupe run (also after a restart). JSON: one
 * {path, restored:true, id} or {path, restored:false, code, message} a name, then
 * {"summary":{restored, refused, journal}} (journal: the undo's own). Exit 1 when any name was refused.
 */
import { undoJournal } from '../../engine/dedupe'
import { resolveAsKernel } from '../../engine/listing/paths'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'

export const undoCommand: Command = {
  usage: USAGE.undo,
  async run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['json'] })
    if (positionals.length !== 1) throw new UsageError('undo takes exactly one journal')
    const out = makeOut(flags.has('json'))
    return cancellable(out, async (signal) => {
      const summary = undoJournal(resolveAsKernel(positionals[0] as string), {
        signal,
        onRecord(r) {
          if (out.json) {
            out.record(r)
            return
          }
          if (r.restored) out.line(`restored ${terminalSafe(r.path)}`)
          else out.line(`refused ${terminalSafe(r.path)}: ${terminalSafe(r.message)} (${r.code})`)
        },
      })
      if (out.json) out.record({ summary })
      else out.line(`restored ${summary.restored} names, ${summary.refused} refused`)
      out.flush()
      return summary.refused > 0 ? 1 : 0
    })
  },
}
