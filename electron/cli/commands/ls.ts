/**
 * linkscope ls DIR [--json]: one LinkEntry per entry of DIR. With --json a symbolic link also carries
 * "chain" (the link, then every entry on the way to its end) and "final" (the real path it ends at).
 */
import type { LinkEntry } from '../../../shared/types/link'
import { chainsReadable, linkChain } from '../../engine/listing/link-chain'
import { listBatches } from '../../engine/listing/list'
import { resolveAsKernel } from '../../engine/listing/paths'
import { formatEntryLine } from '../format'
import { type Command, makeOut, parseArgs, reportFailure, UsageError } from '../io'
import { USAGE } from '../usage'

function withChain(entry: LinkEntry): LinkEntry & { chain?: string[]; final?: string } {
  if (entry.kind !== 'symlink' || !chainsReadable()) return entry
  const { hops, final } = linkChain(entry.path)
  return final === undefined ? { ...entry, chain: hops } : { ...entry, chain: hops, final }
}

export const lsCommand: Command = {
  usage: USAGE.ls,
  run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['json'] })
    if (positionals.length !== 1) throw new UsageError('ls takes exactly one folder')
    const out = makeOut(flags.has('json'))
    try {
      for (const batch of listBatches(resolveAsKernel(positionals[0] as string))) {
        for (const entry of batch) {
          if (out.json) out.record(withChain(entry))
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
