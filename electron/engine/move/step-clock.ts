/**
 * LINKSCOPE_TIMING=1: where a move's time goes, step by step, as wall time and this process's CPU time
 * (user + system, every thread), so the next person measuring on a busy machine sees which step to work
 * on and whether it waited or worked. Steps follow each other; each is timed from the end of the one
 * before, the first from the process's start (start-up: Node and loading the code).
 * Without the variable every call is one test of a constant.
 */
const ON = process.env.LINKSCOPE_TIMING === '1'

type Lap = { step: string; wallMs: number; cpuMs: number }

const laps: Lap[] = []
let lastWall = 0
let lastCpu = 0

const cpuNow = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** The step named has just ended. */
export function stepDone(step: string): void {
  if (!ON) return
  const wall = performance.now()
  const cpu = cpuNow()
  laps.push({ step, wallMs: wall - lastWall, cpuMs: cpu - lastCpu })
  lastWall = wall
  lastCpu = cpu
}

/** One line for stderr ("timing: start-up 80 ms (cpu 90 ms), preflight …"), or '' when not asked for. */
export function stepLine(): string {
  if (!ON) return ''
  const parts = laps.map((l) => `${l.step} ${l.wallMs.toFixed(0)} ms (cpu ${l.cpuMs.toFixed(0)})`)
  laps.length = 0
  return `timing: ${parts.join(', ')}; total ${performance.now().toFixed(0)} ms (cpu ${cpuNow().toFixed(0)})\n`
}
