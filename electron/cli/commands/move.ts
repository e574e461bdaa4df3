/**
 * linkscope move SRC DEST_DIR [--leave symlink|junction] [--split-outside] [--links-root DIR] [--dry-run] [--json]
 * linkscope move-back LINK [--split-outside] [--links-root DIR] [--dry-run] [--json]
 * (engine/move). The preflight is printed first (--json: {"preflight":{...}}); --dry-run stops there.
 * Then progress on stderr when it is a terminal, and the result ({"moved","to","link","files","bytes","verified"}).
 * Ctrl-C before the swap cancels and removes the partial copy.
 */
import type { LeaveKind, MovePreflight, MoveResult } from '../../../shared/types/move'
import { resolveAsKernel } from '../../engine/listing/paths'
import { moveBack, moveFolder, type MoveOptions, previewMove, previewMoveBack, stepLine } from '../../engine/move'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, type Out, parseArgs, UsageError } from '../io'
import { USAGE } from '../usage'

function printPreflight(out: Out, pf: MovePreflight): void {
  if (out.json) {
    out.record({ preflight: pf })
    return
  }
  out.line(
    `${pf.op} ${terminalSafe(pf.place)} -> ${terminalSafe(pf.to)} (${pf.leave}): ${pf.files} files, ${pf.dirs} folders, ${pf.bytes} bytes; needs ${pf.needBytes}, ${pf.freeBytes} free`,
  )
  for (const l of pf.incoming)
    out.line(
      `  link into it: ${terminalSafe(l.path)} -> ${terminalSafe(l.target)}: ${l.fate === 'will-break' ? 'will break' : 'keeps working through the link'}`,
    )
  for (const o of pf.outsideNames)
    out.line(
      `  outside names: ${terminalSafe(o.path)} has ${o.links - o.inside} name(s) outside; they keep the old bytes`,
    )
  for (const w of pf.openFiles.writers)
    out.line(`  open for writing: ${terminalSafe(w.path)} by ${terminalSafe(w.command)} (pid ${w.pid})`)
  out.line(`  ${pf.openFiles.note}`)
  if (pf.refusal) out.line(`  refused: ${pf.refusal.message} (${pf.refusal.code})`)
}

function printResult(out: Out, r: MoveResult): void {
  if (out.json) {
    out.record(r)
    return
  }
  const link = r.link ? `, ${r.link.kind} left at ${terminalSafe(r.moved)} -> ${terminalSafe(r.link.target)}` : ''
  out.line(
    `moved ${terminalSafe(r.moved)} to ${terminalSafe(r.to)}${link}: ${r.files} files, ${r.bytes} bytes, verified`,
  )
}

type Mode = 'move' | 'move-back'

function parse(mode: Mode, argv: string[]): { paths: string[]; opts: MoveOptions; json: boolean; dryRun: boolean } {
  const { positionals, flags, values } = parseArgs(argv, {
    flags: ['split-outside', 'dry-run', 'json'],
    values: mode === 'move' ? ['leave', 'links-root'] : ['links-root'],
  })
  const want = mode === 'move' ? 2 : 1
  if (positionals.length !== want)
    throw new UsageError(mode === 'move' ? 'move takes SRC and DEST_DIR' : 'move-back takes the LINK a move left')
  const leave = values.get('leave')
  if (leave !== undefined && leave !== 'symlink' && leave !== 'junction')
    throw new UsageError('--leave is symlink or junction')
  const linksRoot = values.get('links-root')
  const opts: MoveOptions = {
    splitOutside: flags.has('split-outside'),
    ...(leave ? { leave: leave as LeaveKind } : {}),
    ...(linksRoot ? { linksRoot: resolveAsKernel(linksRoot) } : {}),
  }
  return {
    paths: positionals.map((p) => resolveAsKernel(p)),
    opts,
    json: flags.has('json'),
    dryRun: flags.has('dry-run'),
  }
}

function command(mode: Mode): Command {
  return {
    usage: USAGE[mode],
    async run(argv) {
      const { paths, opts, json, dryRun } = parse(mode, argv)
      const out = makeOut(json)
      const tty = process.stderr.isTTY === true
      return cancellable(out, async (signal) => {
        const o: MoveOptions = {
          ...opts,
          signal,
          onProgress: tty
            ? (p) =>
                process.stderr.write(`\r${p.phase}: ${p.files}/${p.totalFiles} files, ${p.bytes}/${p.totalBytes} bytes`)
            : undefined,
        }
        const [a, b] = paths as [string, string]
        if (dryRun) {
          const pf = mode === 'move' ? await previewMove(a, b, o) : await previewMoveBack(a, o)
          printPreflight(out, pf)
          out.flush()
          return pf.refusal ? 1 : 0
        }
        o.onPreflight = (pf) => {
          printPreflight(out, pf)
          out.flush()
        }
        const r = mode === 'move' ? await moveFolder(a, b, o) : await moveBack(a, o)
        if (tty) process.stderr.write('\n')
        printResult(out, r)
        out.flush()
        process.stderr.write(stepLine()) // LINKSCOPE_TIMING=1 only
        return 0
      })
    },
  }
}

export const moveCommand = command('move')
export const moveBackCommand = command('move-back')
