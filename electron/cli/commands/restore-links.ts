/**
 * linkscope restore-links MANIFEST ROOT [--dry-run] [--json]: re-create under ROOT the links a manifest
 * recorded (engine/tree/restore-links.ts; MANIFEST "-" reads stdin). Text: one line per path that is not
 * already as recorded, then counts; --json: {"path","action",...} per path, then {"summary":{...}}.
 * Exit 0 when every act succeeded (conflicts and differences are reported, not failures), 1 when one failed.
 */
import * as fs from 'node:fs'

import { resolveAsKernel } from '../../engine/listing/paths'
import { fromErrno } from '../../engine/platform/posix/errno'
import { parseManifest, RESTORE_ACTIONS, restoreLinks } from '../../engine/tree'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'

export const restoreLinksCommand: Command = {
  usage: USAGE['restore-links'],
  async run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['dry-run', 'json'] })
    if (positionals.length !== 2) throw new UsageError('restore-links takes a manifest file and a folder')
    const [file, rootArg] = positionals as [string, string]
    const root = resolveAsKernel(rootArg)
    const out = makeOut(flags.has('json'))
    const dryRun = flags.has('dry-run')
    return cancellable(out, async (signal) => {
      const source = file === '-' ? 0 : resolveAsKernel(file)
      let text: string
      try {
        text = fs.readFileSync(source, 'utf8')
      } catch (e) {
        throw fromErrno(e, file)
      }
      const manifest = parseManifest(text)
      const { summary } = await restoreLinks(manifest, root, {
        dryRun,
        signal,
        onRecord(r) {
          if (out.json) out.record(r)
          else if (r.action !== 'ok') {
            const target = r.target !== undefined ? ` -> ${terminalSafe(r.target)}` : ''
            const detail = r.detail !== undefined ? `  (${terminalSafe(r.detail)})` : ''
            out.line(
              `${(dryRun && !['conflict', 'missing', 'differs'].includes(r.action) ? `would ${r.action}` : r.action).padEnd(22)}  ${terminalSafe(r.path)}${target}${detail}`,
            )
          }
        },
      })
      if (out.json) out.record({ summary })
      else {
        const counts = RESTORE_ACTIONS.filter((a) => summary.counts[a] > 0)
          .map((a) => `${summary.counts[a]} ${a}`)
          .join(', ')
        out.line(
          `${dryRun ? 'dry run, nothing changed: ' : ''}${counts || 'nothing recorded'} under ${terminalSafe(summary.root)} in ${summary.ms} ms`,
        )
      }
      out.flush()
      return summary.counts.failed > 0 ? 1 : 0
    })
  },
}
