/**
 * The record of one move or move-back, one JSON object a line, each synced before the step it announces.
 * The first line names every path the run may leave behind; later lines say how far it got. After a crash
 * recover.ts reads it to finish the swap or undo the copy, so SRC's name always ends up holding the data.
 */
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { journalDir } from '../dedupe/journal'
import { fsCall } from '../platform'

export type LeaveKind = 'symlink' | 'junction'

/**
 * A move: `place` (SRC) is copied to `copy`; a link to `copy` is made at `temp` beside `place` and
 * exchanged with it, after which `temp` holds the original until it is deleted.
 * A move-back: `place` is the link, `data` the folder it leads to; `data` is copied to `temp` beside
 * `place` and exchanged with it, after which `temp` holds the old link and `data` is deleted.
 * Where the two renames of a swap cannot be one (Windows), `aside` is where `place` waits between them.
 */
export type MovePlan = {
  op: 'move' | 'move-back'
  place: string
  data: string
  copy: string
  temp: string
  aside: string
  leave: LeaveKind
}

export type MoveStep = 'copied' | 'swapping' | 'swapped'

export type MoveRecord =
  | ({ type: 'start'; time: string; pid: number } & MovePlan)
  | { type: 'step'; step: MoveStep }
  | { type: 'end'; summary: unknown }
  | { type: 'recovered'; time: string; outcome: 'rolled-back' | 'finished' }

export const moveJournalDir = (): string => path.join(journalDir(), 'moves')

export class MoveJournal {
  private constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  static create(plan: MovePlan): MoveJournal {
    const dir = moveJournalDir()
    fsCall(dir, () => fs.mkdirSync(dir, { recursive: true, mode: 0o700 }))
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const file = path.join(dir, `${plan.op}-${stamp}-${randomBytes(3).toString('hex')}.jsonl`)
    const fd = fsCall(file, () =>
      fs.openSync(
        file,
        fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_APPEND,
        0o600,
      ),
    )
    const j = new MoveJournal(file, fd)
    j.write({ type: 'start', time: new Date().toISOString(), pid: process.pid, ...plan })
    syncFolder(dir)
    return j
  }

  write(rec: MoveRecord): void {
    fsCall(this.path, () => fs.writeSync(this.fd, JSON.stringify(rec) + '\n'))
    fsCall(this.path, () => fs.fsyncSync(this.fd))
  }

  step(step: MoveStep): void {
    this.write({ type: 'step', step })
  }

  close(summary: unknown): void {
    this.write({ type: 'end', summary })
    fs.closeSync(this.fd)
  }

  /** Close without an end record: what recover.ts will find, as after a crash. */
  abandon(): void {
    fs.closeSync(this.fd)
  }
}

function syncFolder(dir: string): void {
  if (process.platform === 'win32') return // NTFS journals its own metadata; folders cannot be fsynced there
  try {
    const fd = fs.openSync(dir, 'r')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    /* no folder sync on this file system: the file's own sync is what there is */
  }
}

export type ReadMove = {
  plan: MovePlan
  pid: number
  steps: Set<MoveStep>
  ended: boolean
  recoveredAs?: 'rolled-back' | 'finished'
  file: string
}

/** A move journal's plan and how far it got; a last line cut short by a crash is dropped. */
export function readMoveJournal(file: string): ReadMove {
  const lines = fsCall(file, () => fs.readFileSync(file, 'utf8')).split('\n')
  const recs: MoveRecord[] = []
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') continue
    try {
      recs.push(JSON.parse(lines[i] as string) as MoveRecord)
    } catch {
      if (i >= lines.length - 2) break // the line being written when the process died
      throw new LinkError(
        'INVALID_ARGUMENT',
        `${file} is not a Linkscope move journal (line ${i + 1} is not valid).`,
        file,
      )
    }
  }
  const start = recs[0]
  if (start?.type !== 'start') throw new LinkError('INVALID_ARGUMENT', `${file} is not a Linkscope move journal.`, file)
  const { type: _t, time: _time, pid, ...plan } = start
  const steps = new Set<MoveStep>()
  for (const r of recs) if (r.type === 'step') steps.add(r.step)
  const ended = recs.some((r) => r.type === 'end' || r.type === 'recovered')
  const recovered = recs.find((r) => r.type === 'recovered')
  return {
    plan,
    pid,
    steps,
    ended,
    file,
    ...(recovered?.type === 'recovered' ? { recoveredAs: recovered.outcome } : {}),
  }
}

/** Every move journal in the state folder, oldest first, as read; unreadable files are left alone. */
export function allMoveJournals(): ReadMove[] {
  const dir = moveJournalDir()
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return []
  }
  const out: ReadMove[] = []
  for (const n of names.filter((x) => x.endsWith('.jsonl')).sort()) {
    try {
      out.push(readMoveJournal(path.join(dir, n)))
    } catch {
      /* not ours */
    }
  }
  return out
}

export function markRecovered(file: string, outcome: 'rolled-back' | 'finished'): void {
  const fd = fsCall(file, () => fs.openSync(file, 'a'))
  try {
    fs.writeSync(fd, JSON.stringify({ type: 'recovered', time: new Date().toISOString(), outcome }) + '\n')
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
