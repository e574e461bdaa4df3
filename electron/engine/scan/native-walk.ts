/**
 * A scan walked by the addon's native threads (native/walk.c), with the same Walk face as the worker
 * walk (walk-tree.ts). The calling thread only drains what the threads found, every POLL_MS, and turns
 * the records into batch results exactly as one folder's records are turned (walk-dir.ts applyRecords):
 * entries the addon could not handle are redone here by path with node:fs, and any folder found that way
 * is handed back to the threads.
 *
 * Why native threads: the kernel's stat calls are the same either way, but worker threads add messages,
 * start-up and a string per folder, and take about twice as long over a whole tree.
 */
import { pollNativeWalk } from './native-poll'
import { F_INTO, type NativeScan, type WalkHandle } from './native-scan'
import { enterPhase, leavePhase } from './phase-clock'
import { unpackDirs, walkDevice, type WalkTask } from './scan-protocol'
import { applyRecords, emptyResult, nativeFlags } from './walk-dir'
import type { Walk, WalkHooks } from './walk-tree'

export function nativeWalk(
  native: NativeScan,
  root: string,
  rootId: string,
  task: WalkTask,
  hooks: WalkHooks,
  threads: { threads: number; cold: number },
): Walk {
  const [dev, ino] = rootId.split(':').map(Number) as [number, number]
  const handle: WalkHandle =
    task.mode === 'links-into'
      ? native.walkStart(
          root,
          dev,
          ino,
          nativeFlags(task) | F_INTO,
          threads.threads,
          task.target,
          task.real,
          threads.cold,
        )
      : native.walkStart(root, dev, ino, nativeFlags(task), threads.threads, undefined, undefined, threads.cold)
  let queued = 1
  let mountsSkipped = 0
  let folders = 0
  const device = walkDevice(task)
  const drain = (): boolean => {
    enterPhase('drain')
    try {
      const d = native.walkDrain(handle)
      queued = d.queued
      mountsSkipped += d.mounts
      folders += d.folders
      const out = emptyResult(0)
      // only the scan reads them (run-scan.ts); duplicate finding (everyFile) reads `multi`
      if (task.mode === 'scan' && !task.everyFile) out.multiNames = { paths: [], nums: [] }
      out.entries = d.entries
      out.singleBytes = d.bytes
      const paths = d.paths.split('\0')
      paths.pop() // after the last NUL
      applyRecords(paths, '', d.recs, d.targets, task, out)
      let pushed = false
      for (const [dir, id, dirDev] of unpackDirs(out.dirs)) {
        if (device !== undefined && dirDev !== device) {
          mountsSkipped++
          continue
        }
        if (native.walkPush(handle, dir, dirDev, Number(id.slice(id.indexOf(':') + 1)))) pushed = true
      }
      out.dirs = ''
      if (paths.length > 0 || d.entries > 0) hooks.onResult(out)
      // Idle when drained: nothing queued or in hand then, so once nothing was pushed back, it is over.
      return d.idle && !pushed
    } finally {
      leavePhase()
    }
  }
  const ending = pollNativeWalk(native, handle, hooks.signal, drain, 'The scan ran out of memory.')
  return {
    done: ending.done,
    queued: () => queued,
    stop: () => ending.finish('stopped'),
    mountsSkipped: () => mountsSkipped,
    folders: () => folders,
  }
}
