/**
 * The one place that loads koffi. It is required on first use only, so POSIX runs and every module
 * that merely imports the Win32 platform's types never load the native addon.
 */
import { createRequire } from 'node:module'

export type Koffi = typeof import('koffi')

let koffi: Koffi | undefined

export function loadKoffi(): Koffi {
  koffi ??= require('koffi') as Koffi
  return koffi
}

/**
 * Where koffi loads from: a thread of our own (blocking-thread.ts) requires it by this absolute path.
 * Resolved as require('koffi') above resolves it, from this bundle's own folder.
 */
export function resolveKoffiEntry(): string {
  return createRequire(__filename).resolve('koffi')
}
