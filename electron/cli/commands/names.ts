/**
 * linkscope names FILE [--root DIR] [--json]: every name of FILE. Windows asks the volume;
 * POSIX searches --root (default: FILE's mount point). Text mode prints the names sorted, once all are
 * found, so two runs print the same lines.
 */
import type { StreamContext } from '../../../shared/ipc/contract'
import { resolveAsKernel } from '../../engine/listing/paths'
import { findNames } from '../../engine/scan'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'

export const namesCommand: Command = {
  usage: USAGE.names,
  async run(argv) {
    const { positionals, flags, values } = parseArgs(argv, { flags: ['json'], values: ['root'] })
    if (positionals.length !== 1) throw new UsageError('names takes exactly one file')
    const file = resolveAsKernel(positionals[0] as string)
    const root = values.has('root') ? resolveAsKernel(values.get('root') as string) : undefined
    const out = makeOut(flags.has('json'))
    return cancellable(out, async (signal) => {
      const ctx: StreamContext<string> = { signal, emit() {} }
      const r = await findNames(ctx, file, root)
      if (out.json) out.record({ id: r.id, links: r.links, paths: r.paths })
      else for (const p of [...r.paths].sort()) out.line(terminalSafe(p))
      if (!out.json)
        out.line(`${r.id}: ${r.links} name(s), ${r.paths.length} found${root ? ` under ${terminalSafe(root)}` : ''}`)
      out.flush()
      return 0
    })
  },
}
