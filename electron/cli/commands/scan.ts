/**
 * linkscope scan ROOT [--broken] [--hardlinks] [--json]. Neither flag means both.
 * With --json, broken links print as they are found (a LinkEntry + "reason" each, status broken or loop); a
 * hard-link group ({"id","links","paths"}) prints once all its names are found, or at the end when some are
 * outside ROOT (a group that gained a name during the scan prints again then: the later line is the current
 * one). Text prints everything once the scan ends, sorted, so two runs print the same lines.
 * With --json the last line is {"summary":{entries,folders,broken,groups,errors,deniedLinks,mountsSkipped,ms}}, with
 * apparentBytes, uniqueBytes and onlyHereBytes (what removing ROOT would free) before ms when files were sized.
 * A scan stays on ROOT's file system, as `find -xdev` does, and says on stderr how many mount points it
 * did not enter; --cross-devices enters them. Folders that cannot be read are warnings on stderr:
 * the scan goes on and still exits 0. Ctrl-C cancels the scan (exit 1, CANCELLED).
 * --exclude GLOB (repeatable) leaves out folders and entries whose name matches (or whose path below ROOT
 * does, for a glob with "/"); --max-depth N enters no folder deeper than N (ROOT's own entries are depth 1).
 */
import { LinkError } from '../../../shared/errors'
import type { StreamContext } from '../../../shared/ipc/contract'
import type {
  BrokenLink,
  BrokenReason,
  HardLinkGroup,
  ScanItem,
  ScanOptions,
  ScanSummary,
} from '../../../shared/types/scan'
import { resolveAsKernel } from '../../engine/listing/paths'
import { enterPhase, leavePhase, phaseLine, runScan } from '../../engine/scan'
import { controlSafe, terminalSafe } from '../format'
import { cancellable, type Command, makeOut, type Out, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'

const REASON_WORDS: Record<BrokenReason, string> = {
  missing: 'target missing',
  loop: 'links loop',
  'through-file': 'a part of the target path is a file',
  denied: 'not allowed to check the target',
}

function printBroken(out: Out, link: BrokenLink): void {
  if (out.json) out.record(link)
  else
    out.line(
      `${link.status.padEnd(6)}  ${terminalSafe(link.path)} -> ${terminalSafe(link.target ?? '')}  (${REASON_WORDS[link.reason]})`,
    )
}

function printGroup(out: Out, g: HardLinkGroup, root: string): void {
  if (out.json) {
    out.record({ id: g.id, links: g.links, paths: g.paths })
    return
  }
  out.line(`hard links ${g.id}: ${g.links} names, ${g.paths.length} under ${terminalSafe(root)}, ${g.size} bytes`)
  for (const p of g.paths) out.line(`  ${terminalSafe(p)}`)
}

/** The scan options of --exclude and --max-depth; the engine checks their values (INVALID_ARGUMENT). */
function leftOut(
  exclude: string[] | undefined,
  maxDepth: string | undefined,
): Pick<ScanOptions, 'exclude' | 'maxDepth'> {
  // Number('') is 0 and Number(' 3') is 3: only digits (and a sign, for the engine's message) count as a number
  const depth = maxDepth === undefined ? undefined : /^[+-]?\d+$/.test(maxDepth) ? Number(maxDepth) : Number.NaN
  return { ...(exclude ? { exclude } : {}), ...(depth !== undefined ? { maxDepth: depth } : {}) }
}

/** The byte totals of a sized scan; only here: what removing ROOT would free (files whose every name is under it). */
const sizesOf = (s: ScanSummary) => ({
  apparentBytes: s.apparentBytes,
  uniqueBytes: s.uniqueBytes,
  onlyHereBytes: s.onlyHereBytes ?? 0,
})

/** The --json summary line's fields, in a fixed order. */
const summaryRecord = (summary: ScanSummary, mounts: number) => ({
  entries: summary.entries,
  folders: summary.folders ?? 0,
  broken: summary.broken,
  groups: summary.groups,
  errors: summary.errors,
  deniedLinks: summary.deniedLinks ?? 0,
  mountsSkipped: mounts,
  ...(summary.excluded !== undefined ? { excluded: summary.excluded, beyondDepth: summary.beyondDepth } : {}),
  ...(summary.sized ? sizesOf(summary) : {}),
  ms: summary.ms,
})

export const scanCommand: Command = {
  usage: USAGE.scan,
  async run(argv) {
    const { positionals, flags, values, lists } = parseArgs(argv, {
      flags: ['broken', 'hardlinks', 'cross-devices', 'json'],
      values: ['exclude', 'max-depth'],
    })
    if (positionals.length !== 1) throw new UsageError('scan takes exactly one folder')
    const both = !flags.has('broken') && !flags.has('hardlinks')
    const broken = both || flags.has('broken')
    const hardlinks = both || flags.has('hardlinks')
    const root = resolveAsKernel(positionals[0] as string)
    const out = makeOut(flags.has('json'))
    const text = { broken: [] as BrokenLink[], groups: new Map<string, HardLinkGroup>() }
    let denied = 0
    return cancellable(out, async (signal) => {
      const ctx: StreamContext<ScanItem> = {
        signal,
        emit(items) {
          enterPhase('output')
          for (const item of items) {
            if (item.type === 'broken') {
              // §7: --broken lists links whose status is broken or loop; unverifiable ones are only counted.
              if (item.link.status === 'denied') denied++
              else if (out.json) printBroken(out, item.link)
              else text.broken.push(item.link)
            } else if (item.type === 'group') {
              if (out.json) printGroup(out, item.group, root)
              else text.groups.set(item.group.id, item.group) // a later line for a group replaces the earlier
            } else if (item.type === 'error')
              process.stderr.write(`linkscope: warning: ${controlSafe(item.message)} (${item.code})\n`)
          }
          out.flush() // results stream as found, not at exit
          leavePhase()
        },
      }
      const summary = await runScan(ctx, root, {
        broken,
        hardlinks,
        sizes: hardlinks,
        crossDevices: flags.has('cross-devices'),
        ...leftOut(lists.get('exclude'), values.get('max-depth')),
      })
      if (summary.cancelled) throw new LinkError('CANCELLED', `The scan of ${root} was cancelled.`, root)
      const mounts = summary.mountsSkipped ?? 0
      if (mounts > 0)
        process.stderr.write(
          `linkscope: ${mounts} mount point(s) under ${terminalSafe(root)} not entered; --cross-devices scans them too\n`,
        )
      if (denied > 0)
        process.stderr.write(
          `linkscope: ${denied} link(s) could not be checked: permission denied on the way to their target\n`,
        )
      enterPhase('output')
      if (out.json) {
        out.record({ summary: summaryRecord(summary, mounts) })
      } else {
        for (const link of text.broken.sort((a, b) => (a.path < b.path ? -1 : 1))) printBroken(out, link)
        const groups = [...text.groups.values()].map((g) => ({ ...g, paths: [...g.paths].sort() }))
        for (const g of groups.sort((a, b) => ((a.paths[0] ?? '') < (b.paths[0] ?? '') ? -1 : 1)))
          printGroup(out, g, root)
        const bytes = summary.sized
          ? `; ${summary.apparentBytes} bytes in files, ${summary.uniqueBytes} counting each file once, ${summary.onlyHereBytes ?? 0} only here`
          : ''
        const found = [
          broken ? `${summary.broken} broken link(s)` : '',
          hardlinks ? `${summary.groups} hard-link group(s)` : '',
          `${summary.errors} error(s)`,
        ]
        out.line(`${summary.entries} entries in ${summary.ms} ms: ${found.filter(Boolean).join(', ')}${bytes}`)
      }
      out.flush()
      leavePhase()
      process.stderr.write(phaseLine()) // LINKSCOPE_TIMING=1 only
      return 0
    })
  },
}
