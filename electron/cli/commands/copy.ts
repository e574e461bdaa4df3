/**
 * linkscope copy SRC DST [--hardlink-clone] [--json]: copy a tree with its links intact (engine/tree/copy.ts).
 * DST must not exist. Text: what was not kept as it was, one line each, then a summary; progress on stderr
 * when it is a terminal. --json: one record per note ({"kind",...}), then {"summary":{...}}.
 * Ctrl-C cancels and removes the partial copy (exit 1, CANCELLED).
 */
import { resolveAsKernel } from '../../engine/listing/paths'
import { type CopyNote, copyTree } from '../../engine/tree'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'

function noteLine(n: CopyNote): string {
  const p = terminalSafe(n.path)
  switch (n.kind) {
    case 'outside-names':
      return `outside   ${p}: ${n.links} names, ${n.paths.length} inside SRC; copied as a separate file`
    case 'absolute-outside':
      return `kept      ${p} -> ${terminalSafe(n.target)} (absolute, leads outside SRC)`
    case 'relative-outside':
      return `kept      ${p} -> ${terminalSafe(n.target)} (relative, leads outside SRC)`
    case 'rebased':
      return `rebased   ${p} -> ${terminalSafe(n.newTarget)} (was ${terminalSafe(n.target)})`
    case 'special-skipped':
      return `skipped   ${p} (a device, FIFO or socket)`
  }
}

export const copyCommand: Command = {
  usage: USAGE.copy,
  async run(argv) {
    const { positionals, flags } = parseArgs(argv, { flags: ['hardlink-clone', 'json'] })
    if (positionals.length !== 2) throw new UsageError('copy takes a SRC folder and a DST that does not exist yet')
    const [src, dst] = (positionals as [string, string]).map((p) => resolveAsKernel(p)) as [string, string]
    const out = makeOut(flags.has('json'))
    const tty = process.stderr.isTTY === true
    return cancellable(out, async (signal) => {
      const { summary, notes } = await copyTree(src, dst, {
        hardlinkClone: flags.has('hardlink-clone'),
        signal,
        onProgress: tty
          ? (p) => process.stderr.write(`\r${p.files}/${p.totalFiles} files, ${p.bytes}/${p.totalBytes} bytes`)
          : undefined,
      })
      if (tty) process.stderr.write('\n')
      for (const n of notes) {
        if (out.json) out.record(n)
        else out.line(noteLine(n))
      }
      if (out.json) out.record({ summary })
      else {
        const what = summary.mode === 'hardlink-clone' ? 'hard-link clone' : 'copy'
        out.line(
          `${what} of ${terminalSafe(summary.src)} to ${terminalSafe(summary.dst)}: ${summary.dirs} folders, ${summary.files} files (${summary.bytes} bytes), ` +
            `${summary.hardLinks} extra hard-link names, ${summary.symlinks} symbolic links (${summary.rebased} rebased), ${summary.notes} note(s), ${summary.ms} ms`,
        )
      }
      out.flush()
      return 0
    })
  },
}
