/**
 * The one place that loads koffi. It is required on first use only, so POSIX runs and every module
 * that merely imports the Win32 platform's types never load the native addon.
 */
export type Koffi = typeof import('koffi')

let koffi: Koffi | undefined

export function loadKoffi(): Koffi {
  koffi ??= require('koffi') as Koffi
  return koffi
}
