/**
 * linkscope rm-link PATH [--read-only-too] [--json]: removes a link, never what it points to; prints {"removed", "remainingNames"?}.
 * --read-only-too removes a read-only name too (Windows), keeping the attribute on the file's other names.
 */
import type { RemoveResult } from '../../../shared/types/ops'
import { removeLink } from '../../engine/ops'
import { terminalSafe } from '../format'
import { type Command, makeOut, parseArgs, reportFailure, UsageError } from '../io'
import { USAGE } from '../usage'

export function describeRemoved(r: RemoveResult): string {
  const { removed } = r
  if (r.remainingNames !== undefined) {
    const other = r.otherName !== undefined ? `, e.g. ${terminalSafe(r.otherName)}` : ''
    return `removed one name ${terminalSafe(removed.path)}; the file keeps ${r.remainingNames} other name${r.remainingNames === 1 ? '' : 's'}${other}`
  }
  return `removed ${removed.kind} ${terminalSafe(removed.path)}; its target ${terminalSafe(removed.target ?? '')} was not touched`
}

export const rmLinkCommand: Command = {
  usage: USAGE['rm-link'],
  run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['json', 'read-only-too'] })
    if (positionals.length !== 1) throw new UsageError('rm-link takes exactly one path')
    const out = makeOut(flags.has('json'))
    try {
      const result = removeLink(positionals[0] as string, { readOnlyToo: flags.has('read-only-too') })
      if (out.json) {
        out.record(
          result.remainingNames === undefined
            ? { removed: result.removed }
            : { removed: result.removed, remainingNames: result.remainingNames },
        )
      } else out.line(describeRemoved(result))
      out.flush()
      return 0
    } catch (e) {
      return reportFailure(out, e)
    }
  },
}
