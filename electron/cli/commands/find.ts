/**
 * linkscope find ROOT PATTERN [--target] [--ignore-case] [--json]: every entry under ROOT whose name matches the
 * glob PATTERN (* ? [..]; with a "/", the path below ROOT, where ** spans folders), as found; with
 * --target, every link whose stored target matches it (`find -lname`: * spans "/" there). Quote the
 * pattern so the shell does not expand it. Text: one path per line (links as "path -> target"), then a
 * count; --json: one LinkEntry per line, then a summary record.
 */
import type { StreamContext } from '../../../shared/ipc/contract'
import type { LinkEntry } from '../../../shared/types/link'
import { resolveAsKernel } from '../../engine/listing/paths'
import { findByName } from '../../engine/scan'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'

export const findCommand: Command = {
  usage: USAGE.find,
  async run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['json', 'ignore-case', 'target'] })
    if (positionals.length !== 2) throw new UsageError("find takes a folder and a pattern (quote the pattern: '*.txt')")
    const root = resolveAsKernel(positionals[0] as string)
    const pattern = positionals[1] as string
    const out = makeOut(flags.has('json'))
    return cancellable(out, async (signal) => {
      const ctx: StreamContext<LinkEntry> = {
        signal,
        emit(entries) {
          for (const e of entries) {
            if (out.json) out.record(e)
            else
              out.line(
                e.target !== undefined ? `${terminalSafe(e.path)} -> ${terminalSafe(e.target)}` : terminalSafe(e.path),
              )
          }
          out.flush()
        },
      }
      const r = await findByName(ctx, root, pattern, {
        ignoreCase: flags.has('ignore-case'),
        match: flags.has('target') ? 'target' : 'name',
      })
      if (out.json) out.record({ type: 'summary', ...r })
      else
        out.line(
          `${r.found} found among ${r.entries} entries under ${terminalSafe(r.root)} in ${r.ms} ms${r.truncated ? ' (the first ones shown)' : ''}${r.errors ? `; ${r.errors} could not be read` : ''}`,
        )
      out.flush()
      return r.cancelled ? 130 : 0
    })
  },
}
