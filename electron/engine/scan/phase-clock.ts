/**
 * LINKSCOPE_TIMING=1: where a scan's wall time goes on the calling thread, so the next person measuring
 * sees which part to work on. The thread is always in one phase; entering a phase pauses the one it
 * interrupts, so the phases never overlap and add up to the whole run:
 *   start-up  process start to the scan's first line (Node, loading the code)
 *   walk      waiting for the walker threads (the kernel's readdir and stat calls)
 *   drain     turning the walkers' records into results (paths, broken links, hard-link groups)
 *   output    formatting and writing results (the CLI)
 *   finish    after the walk: groups with names elsewhere, the summary
 * Without the variable every call is one test of a constant, so normal runs pay nothing.
 */
export type Phase = 'walk' | 'drain' | 'output' | 'finish'

const ON = process.env.LINKSCOPE_TIMING === '1'
const totals = new Map<string, number>()
const stack: Phase[] = []
let mark = 0

/** Add the time since the last switch to the phase on top. */
function settle(): void {
  const t = performance.now()
  const top = stack[stack.length - 1]
  if (top) totals.set(top, (totals.get(top) ?? 0) + t - mark)
  mark = t
}

/** The scan starts: what came before is start-up (performance.now() counts from the process's start). */
export function clockStart(): void {
  if (!ON || totals.has('start-up')) return
  mark = performance.now()
  totals.set('start-up', mark)
}

export function enterPhase(phase: Phase): void {
  if (!ON) return
  settle()
  stack.push(phase)
}

export function leavePhase(): void {
  if (!ON) return
  settle()
  stack.pop()
}

/** One line for stderr ("timing: start-up 61 ms, walk ..."), or '' when not asked for. */
export function phaseLine(): string {
  if (!ON) return ''
  settle()
  const order = ['start-up', 'walk', 'drain', 'output', 'finish']
  const parts = order.map((p) => `${p} ${(totals.get(p) ?? 0).toFixed(0)} ms`)
  return `timing: ${parts.join(', ')}, total ${performance.now().toFixed(0)} ms\n`
}
