/**
 * The record of a run that changes names (dedupe, split), one JSON object a line. Each change is
 * written and synced to disk before it is made, so after a crash at any instant the journal names every
 * temporary entry that may be left and what each path held before: recover.ts tidies up from it, and
 * undo.ts reverts a finished merge from it, in this process or after a restart.
 */
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { fsCall } from '../platform'

/** A file's look before it was changed: enough to put back an independent copy with its owner, mode and times. */
export type Before = {
  id: string
  size: number
  mtimeMs: number
  atimeMs: number
  mode: number
  uid: number
  gid: number
}

export type JournalRecord =
  | { type: 'start'; kind: 'dedupe' | 'split' | 'undo'; time: string; pid: number }
  /** `path` (which was `before`) is about to become a name of `keeper` (`keeperId`), by way of `temp` beside it */
  | { type: 'link'; path: string; temp: string; keeper: string; keeperId: string; before: Before }
  /** `path` (a name of `fromId`) is about to become the independent copy `madeId`, made at `temp` beside it */
  | { type: 'copy'; path: string; temp: string; fromId: string; before?: Before }
  | { type: 'made'; temp: string; madeId: string }
  | { type: 'done'; path: string }
  | { type: 'end'; summary: unknown }
  /** a later run tidied up after this one, which had stopped before its end */
  | { type: 'recovered'; time: string }

/** Where journals live: LINKSCOPE_STATE_DIR, else the platform's per-user state folder. */
export function journalDir(): string {
  if (process.env.LINKSCOPE_STATE_DIR) return path.join(process.env.LINKSCOPE_STATE_DIR, 'journals')
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA ?? os.homedir(), 'Linkscope', 'journals')
  const state = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state')
  return path.join(state, 'linkscope', 'journals')
}

export class Journal {
  private constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  /** A new journal, its folder entry synced, so the file itself survives a crash. */
  static create(kind: 'dedupe' | 'split' | 'undo'): Journal {
    const dir = journalDir()
    fsCall(dir, () => fs.mkdirSync(dir, { recursive: true, mode: 0o700 }))
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const file = path.join(dir, `${kind}-${stamp}-${randomBytes(3).toString('hex')}.jsonl`)
    const fd = fsCall(file, () =>
      fs.openSync(
        file,
        fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_APPEND,
        0o600,
      ),
    )
    const j = new Journal(file, fd)
    j.write({ type: 'start', kind, time: new Date().toISOString(), pid: process.pid })
    syncFolder(dir)
    return j
  }

  /** Append one record; `sync` (the default) waits until it is on disk. */
  write(rec: JournalRecord, sync = true): void {
    this.writeAll([rec])
    if (sync) this.sync()
  }

  /** Append several records in one write, not synced. */
  writeAll(recs: readonly JournalRecord[]): void {
    if (recs.length === 0) return
    const bytes = Buffer.from(recs.map((r) => JSON.stringify(r) + '\n').join(''))
    fsCall(this.path, () => {
      for (let at = 0; at < bytes.length;) at += fs.writeSync(this.fd, bytes, at)
    })
  }

  /** Wait until everything written is on disk. */
  sync(): void {
    fsCall(this.path, () => fs.fsyncSync(this.fd))
  }

  close(summary: unknown): void {
    this.write({ type: 'end', summary })
    fs.closeSync(this.fd)
  }
}

function syncFolder(dir: string): void {
  if (process.platform === 'win32') return // folders cannot be opened for fsync there; NTFS journals its own metadata
  try {
    const fd = fs.openSync(dir, 'r')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    /* a file system without folder sync: the file's own sync is the best there is */
  }
}

/** Every record of a journal; a last line cut short by a crash is dropped, anything else malformed is refused. */
export function readJournal(file: string): JournalRecord[] {
  const text = fsCall(file, () => fs.readFileSync(file, 'utf8'))
  const lines = text.split('\n')
  const out: JournalRecord[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    if (line === '') continue
    try {
      out.push(JSON.parse(line) as JournalRecord)
    } catch {
      if (i >= lines.length - 2) break // the line being written when the process died
      throw new LinkError('INVALID_ARGUMENT', `${file} is not a Linkscope journal (line ${i + 1} is not valid).`, file)
    }
  }
  if (out[0]?.type !== 'start') throw new LinkError('INVALID_ARGUMENT', `${file} is not a Linkscope journal.`, file)
  return out
}

/** Bytes read from a journal's end to find its last record (an end or recovered record is short). */
const TAIL_BYTES = 4096

/**
 * Whether the journal's last record says the run ended or was tidied up, read from its last bytes only:
 * every run looks at every journal kept, and a finished one may hold thousands of records.
 */
function endsFinished(file: string): boolean {
  const fd = fs.openSync(file, 'r')
  try {
    const size = fs.fstatSync(fd).size
    const buf = Buffer.alloc(Math.min(TAIL_BYTES, size))
    fs.readSync(fd, buf, 0, buf.length, size - buf.length)
    const last = buf.toString('utf8').trimEnd().split('\n').at(-1) ?? ''
    const type = (JSON.parse(last) as { type?: unknown }).type
    return type === 'end' || type === 'recovered'
  } catch {
    return false // cut short or unreadable: the whole journal is read to tell
  } finally {
    fs.closeSync(fd)
  }
}

/** Journals in the state folder whose run stopped before its end and that no later run has tidied up. */
export function unfinishedJournals(): string[] {
  const dir = journalDir()
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return []
  }
  const out: string[] = []
  for (const n of names.filter((x) => x.endsWith('.jsonl')).sort()) {
    const file = path.join(dir, n)
    try {
      if (endsFinished(file)) continue
      const recs = readJournal(file)
      const last = recs.at(-1)?.type
      if (last === 'end' || last === 'recovered') continue
      const start = recs[0] as Extract<JournalRecord, { type: 'start' }>
      if (start.pid !== process.pid && processAlive(start.pid)) continue // still running elsewhere
      out.push(file)
    } catch {
      /* not ours or unreadable: left alone */
    }
  }
  return out
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Mark a journal tidied up (appending, synced). */
export function markRecovered(file: string): void {
  const fd = fsCall(file, () => fs.openSync(file, 'a'))
  try {
    fs.writeSync(fd, JSON.stringify({ type: 'recovered', time: new Date().toISOString() }) + '\n')
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
