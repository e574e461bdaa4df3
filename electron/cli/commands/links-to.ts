/**
 * linkscope links-to PATH [--root DIR] [--json]: every symbolic link or junction under --root (default:
 * PATH's drive or mount point) that leads to PATH or into it, as found. Before moving or deleting a
 * folder, these are the links that would break (or, for a junction, reach into what is deleted).
 * Text: "path -> target (status)" per link, then a count; --json: one LinkEntry per line.
 */
import type { StreamContext } from '../../../shared/ipc/contract'
import type { LinkEntry } from '../../../shared/types/link'
import { resolveAsKernel } from '../../engine/listing/paths'
import { findLinksInto } from '../../engine/scan'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'

export const linksToCommand: Command = {
  usage: USAGE['links-to'],
  async run(argv) {
    const { positionals, flags, values } = parseArgs(argv, { flags: ['json'], values: ['root'] })
    if (positionals.length !== 1) throw new UsageError('links-to takes exactly one file or folder')
    const target = resolveAsKernel(positionals[0] as string)
    const root = values.has('root') ? resolveAsKernel(values.get('root') as string) : undefined
    const out = makeOut(flags.has('json'))
    return cancellable(out, async (signal) => {
      const ctx: StreamContext<LinkEntry> = {
        signal,
        emit(links) {
          for (const l of links) {
            if (out.json) out.record(l)
            else
              out.line(
                `${terminalSafe(l.path)} -> ${terminalSafe(l.target ?? '')}${l.status === 'ok' ? '' : `  (${l.status})`}`,
              )
          }
          out.flush()
        },
      }
      const r = await findLinksInto(ctx, target, root)
      if (!out.json)
        out.line(
          `${r.links} link(s) lead to ${terminalSafe(r.target)}; ${r.entries} entries under ${terminalSafe(r.root)} looked at in ${r.ms} ms`,
        )
      out.flush()
      return 0
    })
  },
}
