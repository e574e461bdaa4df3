/**
 * linkscope retarget-prefix ROOT OLD NEW [--relative|--absolute] [--dry-run] [--json]: point every link
 * under ROOT that leads to OLD or inside it at the same place under NEW (engine/tree/retarget-prefix.ts).
 * Text: a table (link, old target, new target, resolves yes/no), then a summary; --json: one record per
 * link, then {"summary":{...}}. Exit 1 when a link could not be retargeted.
 */
import { resolveAsKernel } from '../../engine/listing/paths'
import { type PrefixStyle, retargetPrefix } from '../../engine/tree'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'

export const retargetPrefixCommand: Command = {
  usage: USAGE['retarget-prefix'],
  async run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['relative', 'absolute', 'dry-run', 'json'] })
    if (positionals.length !== 3) throw new UsageError('retarget-prefix takes ROOT, OLD and NEW')
    if (flags.has('relative') && flags.has('absolute'))
      throw new UsageError('--relative and --absolute exclude each other')
    const [root, oldP, newP] = (positionals as [string, string, string]).map((p) => resolveAsKernel(p)) as [
      string,
      string,
      string,
    ]
    const style: PrefixStyle = flags.has('relative') ? 'relative' : flags.has('absolute') ? 'absolute' : 'keep'
    const dryRun = flags.has('dry-run')
    const out = makeOut(flags.has('json'))
    return cancellable(out, async (signal) => {
      const { summary } = await retargetPrefix(root, oldP, newP, {
        style,
        dryRun,
        signal,
        onRecord(r) {
          if (out.json) {
            out.record(r)
            return
          }
          const failed = r.action === 'failed' ? `  FAILED: ${terminalSafe(r.detail ?? '')}` : ''
          out.line(
            `${terminalSafe(r.path)}  ${terminalSafe(r.oldTarget)} -> ${terminalSafe(r.newTarget)}  resolves: ${r.resolves ? 'yes' : 'no'}${failed}`,
          )
        },
      })
      if (out.json) out.record({ summary })
      else {
        const did = dryRun
          ? `${summary.matched} would be retargeted (dry run, nothing changed)`
          : `${summary.retargeted} retargeted, ${summary.failed} failed`
        out.line(
          `${summary.links} links under ${terminalSafe(summary.root)}: ${summary.matched} lead into ${terminalSafe(summary.old)}; ${did}; ${summary.unresolved} would not resolve`,
        )
      }
      out.flush()
      return summary.failed > 0 ? 1 : 0
    })
  },
}
