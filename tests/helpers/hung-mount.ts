/**
 * A real hung mount for tests: hangfs (hangfs.c, built here with cc) mounted on an empty folder answers
 * FUSE's INIT and nothing more, so any stat or listing of it waits, as on a dead NFS server. It unmounts
 * itself after `seconds` whatever happens; unmount() ends it sooner (and `umount -l` in case it cannot).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { makeTempDir } from './link-tree'

/** Why a hung mount cannot be made here, or null when it can. */
export function hungMountUnavailable(): string | null {
  if (process.platform !== 'linux') return 'FUSE mounts are Linux-only here'
  if (process.getuid?.() !== 0) return 'mounting needs root'
  if (!fs.existsSync('/dev/fuse')) return 'there is no /dev/fuse'
  if (spawnSync('cc', ['--version']).status !== 0) return 'there is no C compiler (cc)'
  return null
}

export type HungMount = { mountpoint: string; unmount(): Promise<void> }

export async function mountHung(mountpoint: string, seconds: number): Promise<HungMount> {
  const bin = path.join(makeTempDir('linkscope-hangfs-'), 'hangfs')
  execFileSync('cc', ['-O2', '-Wall', '-o', bin, path.join(__dirname, 'hangfs.c')])
  const child: ChildProcess = spawn(bin, [mountpoint, String(seconds)], { stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`hangfs did not start: ${out}`)), 5000)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('ready')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`hangfs exited with ${code}: ${out}`))
    })
  })
  return {
    mountpoint,
    async unmount() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))])
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      }
      spawnSync('umount', ['-l', mountpoint]) // fails quietly once hangfs has unmounted it
      fs.rmSync(path.dirname(bin), { recursive: true, force: true })
    },
  }
}

/** Threads of process `pid` waiting on a FUSE answer right now. */
export function threadsWaitingOnFuse(pid: number | 'self'): number {
  let n = 0
  let tasks: string[] = []
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`)
  } catch {
    return 0
  }
  for (const t of tasks) {
    try {
      if (fs.readFileSync(`/proc/${pid}/task/${t}/wchan`, 'utf8').includes('request_wait_answer')) n++
    } catch {
      /* gone */
    }
  }
  return n
}

/** Poll `check` every few ms until it holds or `ms` pass; returns whether it held. */
export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = performance.now() + ms
  while (!check()) {
    if (performance.now() >= until) return false
    await new Promise((r) => setTimeout(r, 5))
  }
  return true
}
