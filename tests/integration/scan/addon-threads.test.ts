/**
 * The addon's own threads (native/run_threads.c) never take a process signal: every thread it starts for
 * hashFiles, sameBytes, copyFilesKeep, compareTrees, removeTree and relinkAt's background removals has every
 * signal blocked, so one sent to the process (Ctrl-C) reaches a thread of Node's, never one of ours stuck
 * in a system call. Sending a signal would not show it: the kernel hands a process signal to the main
 * thread first, and Node runs a JS handler on the main thread whichever thread took it. So this reads
 * each thread's mask (/proc/self/task/N/status, SigBlk) while the threads are held: their files lie on a
 * hung mount (hangfs), where every request waits. Once it goes, each call ends with its own error.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { Worker } from 'node:worker_threads'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { nativeAddon, nativeScanCandidates } from '../../../electron/engine/scan/native-scan'
import { type HungMount, hungMountUnavailable, mountHung, waitFor } from '../../helpers/hung-mount'
import { makeTempDir } from '../../helpers/link-tree'
import { skipBecause } from '../../helpers/needs-root'

const unavailable = hungMountUnavailable()
/** hangfs gives up (unmounts, exits) after this long whatever the test does. */
const HANG_SECONDS = 60
/** Threads each held call runs on: this one and THREADS - 1 of the addon's. */
const THREADS = 4
/** relinkAt's background removers (remove_later.c's THREADS), started at its first LATER relink. */
const REMOVERS = 8
/** The name run_threads.c gives the addon's threads. */
const NAME = 'linkscope-work'
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGUSR1: 10, SIGUSR2: 12, SIGPIPE: 13, SIGTERM: 15, SIGCHLD: 17 }

type Call = (...args: unknown[]) => unknown
type Addon = Record<'hashFiles' | 'sameBytes' | 'copyFilesKeep' | 'compareTrees' | 'relinkAt' | 'removalsDone', Call>
let addon: Addon
let root: string
let held: string // a folder on the hung mount: its files' opens wait
let mount: HungMount | undefined
beforeEach((ctx) => skipBecause(ctx, unavailable))

beforeAll(async () => {
  if (unavailable) return
  addon = nativeAddon().exports as unknown as Addon
  if (!addon?.hashFiles) throw new Error('the addon is not built; this test needs it')
  root = makeTempDir('linkscope-addon-threads-')
  for (const d of ['ta/m', 'tb/m', 'copies', 'pair']) fs.mkdirSync(path.join(root, d), { recursive: true })
  mount = await mountHung(path.join(root, 'ta', 'm'), HANG_SECONDS)
  held = path.join(root, 'ta', 'm')
})
afterAll(async () => {
  await mount?.unmount()
  if (root) fs.rmSync(root, { recursive: true, force: true })
})

type Task = { tid: string; name: string; blocked: bigint }

function tasks(): Task[] {
  const out: Task[] = []
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const status = fs.readFileSync(`/proc/self/task/${tid}/status`, 'utf8')
      const name = /^Name:\s*(.*)$/m.exec(status)?.[1] ?? ''
      out.push({ tid, name, blocked: BigInt(`0x${/^SigBlk:\s*([0-9a-f]+)$/m.exec(status)?.[1] ?? '0'}`) })
    } catch {
      /* ended meanwhile */
    }
  }
  return out
}

const blocks = (t: Task, signal: number): boolean => ((t.blocked >> BigInt(signal - 1)) & 1n) === 1n
const ours = (): Task[] => tasks().filter((t) => t.name === NAME)

/** removeTree runs on the calling thread: in a worker, so this thread is free to look while it waits. */
function removeTreeInWorker(p: string): Promise<{ errno?: number; syscall?: string }> {
  const file = nativeScanCandidates().find((f) => fs.existsSync(f)) as string
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads')
     const m = { exports: {} }
     process.dlopen(m, workerData.file)
     try { m.exports.removeTree(workerData.p, workerData.threads); parentPort.postMessage({}) }
     catch (e) { parentPort.postMessage({ errno: e.errno, syscall: e.syscall }) }`,
    { eval: true, workerData: { file, p, threads: THREADS } },
  )
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { errno?: number; syscall?: string }) => void worker.terminate().then(() => resolve(m)))
    worker.once('error', reject)
  })
}

/** One LATER relink in `dir`: b becomes a name of a, its old entry removed by the background removers. */
async function relinkLater(dir: string): Promise<unknown> {
  fs.writeFileSync(path.join(dir, 'a'), 'same')
  fs.writeFileSync(path.join(dir, 'b'), 'same')
  const a = fs.statSync(path.join(dir, 'a'))
  const b = fs.statSync(path.join(dir, 'b'))
  const nums = Float64Array.from([b.dev, b.ino, b.size, b.mtimeMs, -1, -1, -1, a.dev, a.ino, a.size, a.mtimeMs, -1])
  const fd = fs.openSync(dir, 'r')
  try {
    expect(addon.relinkAt(fd, 'b', '.b.tmp', fd, 'a', nums, 1)).toBe(0) // LINKED
  } finally {
    fs.closeSync(fd)
  }
  return addon.removalsDone()
}

describe("the addon's threads", () => {
  it('block every signal, while Node keeps its own; each held call ends with an error once the mount goes', async () => {
    expect(await relinkLater(path.join(root, 'pair'))).toEqual({ names: [], errnos: [] })
    const idle = ours().length // the removers, idle for the life of the process
    expect(idle).toBeGreaterThanOrEqual(REMOVERS)
    const files = Array.from({ length: THREADS }, (_, i) => path.join(held, `f${i}`))
    const joined = files.map((f) => f + '\0').join('')
    const hashing = addon.hashFiles(files, new Float64Array(THREADS * 6), THREADS) as Promise<{ out: Float64Array }>
    const comparing = addon.sameBytes(joined, joined, new Float64Array(THREADS).fill(1), THREADS) as Promise<Int32Array>
    const tos = files.map((_, i) => path.join(root, 'copies', `c${i}`) + '\0').join('')
    const copying = addon.copyFilesKeep(joined, tos, THREADS, THREADS) as Promise<Float64Array>
    const [ta, tb] = [path.join(root, 'ta'), path.join(root, 'tb')]
    const [sa, sb] = [fs.statSync(ta), fs.statSync(tb)]
    const stop = new Int32Array(1)
    const trees = addon.compareTrees(ta, tb, sa.dev, sa.ino, sb.dev, sb.ino, ta, tb, THREADS, stop) as Promise<object>
    const removing = removeTreeInWorker(held)
    const expected = idle + 5 * (THREADS - 1)
    const reached = await waitFor(() => ours().length >= expected, 20_000)
    const threads = ours()
    expect(reached, `${threads.length} of the addon's threads, ${expected} expected`).toBe(true)
    for (const t of threads)
      for (const [name, n] of Object.entries(SIGNALS))
        expect(blocks(t, n), `thread ${t.tid} (SigBlk ${t.blocked.toString(16)}) blocks ${name}`).toBe(true)
    // Node's main thread takes them: the mask is read right, and only the addon's own threads were changed.
    const main = tasks().find((t) => t.tid === String(process.pid)) as Task
    expect(blocks(main, SIGNALS.SIGUSR2) || blocks(main, SIGNALS.SIGINT)).toBe(false)

    await mount?.unmount() // every request still waiting fails; each call ends with its own error
    const hashed = await hashing
    for (let i = 0; i < THREADS; i++) expect(hashed.out[i * 7]).toBe(1) // UNOPENED
    expect([...(await comparing)].every((v) => v < 0)).toBe(true)
    expect([...(await copying)].every((v) => v < 0)).toBe(true)
    expect(await trees).toHaveProperty('fallback')
    const removed = await removing
    expect(removed.syscall, JSON.stringify(removed)).toBe('open')
    expect(removed.errno).toBeLessThan(0)
    expect(fs.readdirSync(path.join(root, 'copies'))).toEqual([]) // no copy left half made
    expect(await waitFor(() => ours().length === idle, 10_000)).toBe(true) // the held threads ended
  })
})
