/** linkscope link --hard|--symbolic [--relative]|--junction TARGET LINK [--json]: prints the created LinkEntry. */
import type { LinkEntry } from '../../../shared/types/link'
import type { LinkType } from '../../../shared/types/ops'
import { resolveAsKernel } from '../../engine/listing/paths'
import { createLink } from '../../engine/ops'
import { terminalSafe } from '../format'
import { type Command, makeOut, parseArgs, reportFailure, UsageError } from '../io'
import { USAGE } from '../usage'

const KINDS: Record<string, LinkType> = { hard: 'hard', symbolic: 'symbolic', junction: 'junction' }

export function describeCreated(e: LinkEntry): string {
  if (e.target !== undefined) {
    const broken = e.status === 'ok' ? '' : ` [${e.status}]`
    return `created ${e.kind} ${terminalSafe(e.path)} -> ${terminalSafe(e.target)}${broken}`
  }
  return `created hard link ${terminalSafe(e.path)} (the file now has ${e.links} names)`
}

export const linkCommand: Command = {
  usage: USAGE.link,
  run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['hard', 'symbolic', 'relative', 'junction', 'json'] })
    const kinds = Object.keys(KINDS).filter((k) => flags.has(k))
    if (kinds.length !== 1) throw new UsageError('link takes exactly one of --hard, --symbolic, --junction')
    const type = KINDS[kinds[0] as string] as LinkType
    if (flags.has('relative') && type !== 'symbolic') throw new UsageError('--relative goes with --symbolic only')
    if (positionals.length !== 2) throw new UsageError('link takes a TARGET and a LINK path')
    // Both are taken from the working folder, as ln does (the engine reads a relative target from the link's folder).
    const [target, link] = (positionals as [string, string]).map((p) => resolveAsKernel(p)) as [string, string]
    const out = makeOut(flags.has('json'))
    try {
      const entry = createLink({
        type,
        target,
        link,
        ...(type === 'symbolic' ? { relative: flags.has('relative') } : {}),
      })
      if (out.json) out.record(entry)
      else out.line(describeCreated(entry))
      out.flush()
      return 0
    } catch (e) {
      return reportFailure(out, e)
    }
  },
}
