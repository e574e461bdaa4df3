/**
 * A tree copy's files copied on the addon's threads (native/copy_batch.c), several at once, so the waits
 * on the disk overlap and no JavaScript runs per file: `add` each file as the walk meets it; full batches
 * go at once, at most IN_FLIGHT of them, and `room` waits while that many are copying, so the walk never
 * runs far ahead. A file the addon could not copy (it leaves no half copy) is copied again with the
 * one-file copy, whose error is node:fs's; `finish` waits for the rest. A cancel is let in between batches.
 */
import { addonExport } from '../scan/native-scan'
import { nativeThreadCount } from '../scan/walk-tree'
import type { NativeCopy } from './native-copy'
import type { Pacer } from './pacer'

/** bytes copied, or -errno, per file */
type CopyFilesKeep = (froms: string, tos: string, count: number, threads: number) => Promise<Float64Array>

export const nativeCopyFiles = (): CopyFilesKeep | null => addonExport<CopyFilesKeep>('copyFilesKeep')

/** Files handed over at once, and their bytes at most: a cancel waits for one batch. */
const BATCH_FILES = 512
const BATCH_BYTES = 64 << 20
const IN_FLIGHT = 2

type Pending = { from: string; to: string }

export class FileCopies {
  private batch: Pending[] = []
  private batchBytes = 0
  private running: Promise<void>[] = []
  private failed: Pending[] = []

  constructor(
    private readonly copyFiles: CopyFilesKeep,
    /** the one-file copy, which throws node:fs's error; told first which file it copies (for the failure's path) */
    private readonly copyOne: (p: Pending) => void,
    private readonly threads = nativeThreadCount(),
  ) {}

  add(from: string, to: string, size: number): void {
    this.batch.push({ from, to })
    this.batchBytes += size
    if (this.batch.length >= BATCH_FILES || this.batchBytes >= BATCH_BYTES) this.send()
  }

  /** Whether the walk should wait (room): IN_FLIGHT batches copying, or a failed copy to make again. */
  full(): boolean {
    return this.running.length >= IN_FLIGHT || this.failed.length > 0
  }

  /** Wait while IN_FLIGHT batches are copying; then a failed copy is made again here (and throws). */
  room(pacer: Pacer): Promise<void> {
    return this.waitUntil(IN_FLIGHT - 1, pacer)
  }

  /** Send what is left, wait for every batch, then make the failed copies again here. */
  finish(pacer: Pacer): Promise<void> {
    this.send()
    return this.waitUntil(0, pacer)
  }

  /** Wait for the batches copying now, whatever they give (before a failed copy's destination is removed). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.running)
  }

  /** Wait until at most `running` batches are copying; then a failed copy is made again here (and throws). */
  private async waitUntil(running: number, pacer: Pacer): Promise<void> {
    while (this.running.length > running) {
      await Promise.race(this.running)
      pacer.check()
    }
    this.retryFailed()
  }

  private retryFailed(): void {
    for (const p of this.failed.splice(0)) this.copyOne(p)
  }

  private send(): void {
    const batch = this.batch
    if (batch.length === 0) return
    this.batch = []
    this.batchBytes = 0
    let froms = ''
    let tos = ''
    for (const p of batch) {
      froms += p.from + '\0'
      tos += p.to + '\0'
    }
    const run: Promise<void> = this.copyFiles(froms, tos, batch.length, this.threads)
      .then(
        (done) => batch.forEach((p, i) => (done[i] as number) < 0 && this.failed.push(p)),
        () => {
          this.failed.push(...batch) // not copied at all: each made again here
        },
      )
      .finally(() => this.running.splice(this.running.indexOf(run), 1))
    this.running.push(run)
  }
}

/** The batch copier where the addon has it, with its one-file copy for the files it could not copy. */
export const fileCopies = (copyOne: NativeCopy | null, onFile: (to: string) => void): FileCopies | null => {
  const many = nativeCopyFiles()
  if (!many || !copyOne) return null
  return new FileCopies(many, (p) => {
    onFile(p.to)
    copyOne(p.from, p.to)
  })
}
