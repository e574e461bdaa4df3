/**
 * Command-line arguments as the bytes they are. Node decodes argv as UTF-8 and turns every byte that is
 * not UTF-8 into U+FFFD, so `linkscope rm-link $'bad\xff'` would name another file (or none). Two ways
 * back to the exact name: on Linux the kernel keeps the arguments' bytes in /proc/self/cmdline, and
 * everywhere `--escaped` reads arguments in the escaped form the CLI prints (shared/names.ts).
 */
import * as fs from 'node:fs'

import { decodeNameBytes, parseEscaped } from '../../shared/names'
import { UsageError } from './io'

const REPLACED = '\ufffd'

/** The kernel's copy of this process's arguments (Linux), one Buffer each; null where there is none. */
function kernelArgs(): Buffer[] | null {
  if (process.platform !== 'linux') return null
  let raw: Buffer
  try {
    raw = fs.readFileSync('/proc/self/cmdline')
  } catch {
    return null
  }
  const parts: Buffer[] = []
  for (let start = 0; start < raw.length;) {
    const end = raw.indexOf(0, start)
    parts.push(raw.subarray(start, end < 0 ? raw.length : end))
    start = end < 0 ? raw.length : end + 1
  }
  return parts
}

/**
 * `args` with every argument Node decoded lossily replaced by its exact string, when `args` are this
 * process's own arguments (the tail of process.argv) and the kernel's copy agrees with them.
 */
export function exactArgs(args: string[]): string[] {
  if (!args.some((a) => a.includes(REPLACED))) return args
  const own = process.argv.slice(process.argv.length - args.length)
  if (own.length !== args.length || own.some((a, i) => a !== args[i])) return args
  const kernel = kernelArgs()
  if (!kernel || kernel.length < args.length) return args
  const tail = kernel.slice(kernel.length - args.length)
  const lossy = new TextDecoder('utf-8')
  // Each kernel argument must decode (lossily, as Node did) to the argument we have: then it is that one.
  if (tail.some((b, i) => lossy.decode(b) !== args[i])) return args
  return args.map((a, i) => (a.includes(REPLACED) ? decodeNameBytes(tail[i] as Buffer) : a))
}

/** With --escaped anywhere before `--`: every argument (and every --flag=value's value) read as the escaped form. */
export function unescapeArgs(args: string[]): string[] {
  const end = args.indexOf('--')
  const flagsPart = end < 0 ? args : args.slice(0, end)
  if (!flagsPart.includes('--escaped')) return args
  const parse = (text: string): string => {
    try {
      return parseEscaped(text)
    } catch (e) {
      throw new UsageError(`--escaped: ${text}: ${(e as Error).message}`)
    }
  }
  const out: string[] = []
  args.forEach((a, i) => {
    if (a === '--escaped' && (end < 0 || i < end)) return
    if (a === '--' || (a.startsWith('--') && (end < 0 || i < end) && !a.includes('='))) out.push(a)
    else if (a.startsWith('--') && (end < 0 || i < end))
      out.push(`${a.slice(0, a.indexOf('=') + 1)}${parse(a.slice(a.indexOf('=') + 1))}`)
    else out.push(parse(a))
  })
  return out
}
