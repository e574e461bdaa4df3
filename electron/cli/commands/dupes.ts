/**
 * linkscope dupes ROOT... [--min-size BYTES] [--json]: groups of distinct files with identical content.
 * JSON: one {size, hash, files, paths, reclaimable} a group (files: distinct files; paths: every name of
 * each inside the roots; reclaimable: what merging with the default keeper would free), then
 * {"summary":{files, groups, reclaimable, ms}} where files counts the distinct files in the groups.
 */
import { findDuplicates, knownLinkLimit, planGroup, reportXattrs } from '../../engine/dedupe'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs } from '../io'
import { USAGE } from '../usage'
import { bytes, minSizeOf, rootsOf } from './dupes-args'

export const dupesCommand: Command = {
  usage: USAGE.dupes,
  async run(argv) {
    const parsed = parseArgs(argv, { flags: ['json'], values: ['min-size'] })
    const roots = rootsOf(parsed, 'dupes')
    const minSize = minSizeOf(parsed)
    const out = makeOut(parsed.flags.has('json'))
    return cancellable(out, async (signal) => {
      const started = performance.now()
      const found = await findDuplicates(roots, { signal, ...(minSize !== undefined ? { minSize } : {}) })
      const xattrs = reportXattrs(found.groups)
      let files = 0
      let reclaimable = 0
      for (const g of found.groups) {
        const freed = planGroup(g, { xattrs, ...(knownLinkLimit() ? { linkLimit: knownLinkLimit() } : {}) }).freed
        const paths = g.files.flatMap((f) => f.paths)
        files += g.files.length
        reclaimable += freed
        if (out.json) out.record({ size: g.size, hash: g.hash, files: g.files.length, paths, reclaimable: freed })
        else {
          out.line(`${bytes(g.size)} × ${g.files.length} files, ${bytes(freed)} reclaimable  ${g.hash}`)
          for (const f of g.files) f.paths.forEach((p, i) => out.line(`  ${i === 0 ? '' : '= '}${terminalSafe(p)}`))
        }
      }
      for (const e of found.errors) process.stderr.write(`linkscope: ${terminalSafe(e.message)}\n`)
      const ms = Math.round(performance.now() - started)
      if (out.json) out.record({ summary: { files, groups: found.groups.length, reclaimable, ms } })
      else
        out.line(
          `${found.groups.length} groups of duplicates, ${files} files, ${bytes(reclaimable)} reclaimable (${ms} ms)`,
        )
      out.flush()
      return 0
    })
  },
}
