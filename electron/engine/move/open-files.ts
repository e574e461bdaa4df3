/**
 * Files under a folder that some process holds open for writing. Linux shows each process's open files in
 * /proc/PID/fd and their open flags in /proc/PID/fdinfo; a process of another user is hidden unless we
 * are root, so what cannot be seen is said, not guessed. Other systems: nothing is known here.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { isUnder } from '../scan/points-into'

export type OpenWriter = { pid: number; command: string; path: string }
export type OpenFilesCheck = { checked: boolean; note: string; writers: OpenWriter[] }

const O_ACCMODE = 3
const O_RDONLY = 0

/** The open-for-write flag of one descriptor, from its fdinfo "flags:" line (octal). */
function writable(pid: string, fd: string): boolean {
  try {
    const info = fs.readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8')
    const m = /^flags:\s*([0-7]+)/m.exec(info)
    return m !== null && (parseInt(m[1] as string, 8) & O_ACCMODE) !== O_RDONLY
  } catch {
    return false // the descriptor closed meanwhile
  }
}

function commandOf(pid: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  } catch {
    return '?'
  }
}

/** Processes holding files under any of `roots` (the folder as given and as resolved) open for writing. */
export function openForWrite(roots: readonly string[]): OpenFilesCheck {
  if (process.platform !== 'linux') {
    return {
      checked: false,
      note: 'Files open for writing cannot be found on this system; close programs that use this folder before moving it.',
      writers: [],
    }
  }
  const writers: OpenWriter[] = []
  let hidden = 0
  let pids: string[]
  try {
    pids = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))
  } catch {
    pids = []
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue
    let fds: string[]
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`)
    } catch {
      hidden++
      continue
    }
    for (const fd of fds) {
      let target: string
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        continue
      }
      if (!path.isAbsolute(target) || !roots.some((r) => isUnder(target, r, '/', false))) continue
      if (writable(pid, fd)) writers.push({ pid: Number(pid), command: commandOf(pid), path: target })
    }
  }
  const note =
    hidden === 0
      ? 'Every process was checked for files open for writing in this folder.'
      : `Files other users' programs hold open cannot be seen (${hidden === 1 ? '1 process was' : `${hidden} processes were`} not readable); close programs that use this folder before moving it.`
  return { checked: hidden === 0, note, writers }
}
