/**
 * linkscope compare A B [--json]: every relative path of two trees classified by identity (engine/tree/
 * compare.ts). Text: paths whose state is not same-file or same-content, then counts and bytes per state.
 * --json: {"path","state","size","kind"} per path (with "grouping":"differs" where one side's names of
 * one file are separate files on the other), then {"summary":{...}}. Exit 0 when the comparison ran,
 * whatever it found.
 */
import { resolveAsKernel } from '../../engine/listing/paths'
import { COMPARE_STATES, compareLinesNative, compareTrees } from '../../engine/tree'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'
import { compareLine } from './compare-line'

export const compareCommand: Command = {
  usage: USAGE.compare,
  async run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['json'] })
    if (positionals.length !== 2) throw new UsageError('compare takes two folders')
    const [a, b] = (positionals as [string, string]).map((p) => resolveAsKernel(p)) as [string, string]
    const out = makeOut(flags.has('json'))
    return cancellable(out, async (signal) => {
      // --json: the whole compare on the addon's threads where it can; compareTrees where it cannot
      const lines = out.json
        ? await compareLinesNative(a, b, { signal, onLines: (text) => out.line(text.slice(0, -1)) })
        : null
      const { summary } = lines
        ? { summary: lines }
        : await compareTrees(a, b, {
            signal,
            pairs: false,
            onRecord(r) {
              if (out.json) out.line(compareLine(r))
              else if ((r.state !== 'same-file' && r.state !== 'same-content') || r.grouping) {
                out.line(
                  `${r.state.padEnd(12)}  ${terminalSafe(r.path)}${r.grouping ? '  (hard links grouped differently)' : ''}`,
                )
              }
            },
          })
      if (out.json) out.record({ summary })
      else {
        out.line(
          `${terminalSafe(summary.a)} vs ${terminalSafe(summary.b)} in ${summary.ms} ms (${summary.bytesRead} bytes read):`,
        )
        for (const s of COMPARE_STATES)
          out.line(
            `  ${s.padEnd(12)}  ${String(summary.states[s].count).padStart(8)}  ${summary.states[s].bytes} bytes`,
          )
        if (summary.groupingDiffers > 0)
          out.line(`  ${summary.groupingDiffers} path(s) where hard links are grouped differently`)
        if (summary.states['same-content'].count > 0) {
          out.line(
            summary.sameDevice
              ? '  same-content files could be hard-linked (same device)'
              : '  same-content files cannot be hard-linked: the trees are on different devices',
          )
        }
      }
      out.flush()
      return 0
    })
  },
}
