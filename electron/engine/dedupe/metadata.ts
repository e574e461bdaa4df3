/**
 * What a hard link would silently change for the people using a file: owner, group, permission bits
 * (read-only included) and extended attributes (POSIX ACLs, SELinux labels and capabilities live
 * there). Names merged into one file share all of these, so files that differ are refused, not merged.
 *
 * Node has no extended-attribute call, so they are read by the native addon where it is built (Linux),
 * else with getfattr (Debian: attr), many files a call, in the same "name=0xHEX" lines; where neither
 * is there, attributes cannot be compared and merging is refused for that reason.
 */
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { platform } from '../platform'
import { runsOf } from './bounded'
import { nativeXattrsOf } from './native-hash'
import type { DupeFile, DupeGroup } from './types'

/** Bytes of paths per getfattr call: few calls (each is a process start), well under the command-line limit. */
const ARG_BYTES_PER_CALL = 256 * 1024

/** getfattr escapes control characters, '=' and '\' in names as \ooo (octal bytes). */
function unescapeName(s: string): string {
  if (!s.includes('\\')) return s
  const bytes: number[] = []
  for (let i = 0; i < s.length; i++) {
    const m = s[i] === '\\' ? /^[0-7]{3}/.exec(s.slice(i + 1)) : null
    if (m) {
      bytes.push(parseInt(m[0], 8))
      i += 3
    } else bytes.push(...Buffer.from(s[i] as string))
  }
  return Buffer.from(bytes).toString('utf8')
}

/** path → its extended attributes as "name=hexvalue" lines, sorted; null when they cannot be read. */
export function readXattrs(paths: readonly string[]): Map<string, string> | null {
  // Windows: no extended attributes to read this way; NTFS ACLs are not compared yet (only the read-only
  // flag, which node reports in the mode).
  if (platform().kind === 'win32') return new Map()
  const native = nativeXattrsOf()
  if (!native) return readXattrsWithGetfattr(paths)
  const out = new Map<string, string>()
  const attrs = native(paths)
  paths.forEach((p, i) => {
    const a = attrs[i]
    if (typeof a === 'string') out.set(p, a)
  })
  return out
}

/**
 * The extended attributes of each group's files for a report (what merging would free): those the hash
 * found without any are not listed again. A merge reads them all anew (readXattrs), right before it starts.
 */
export function reportXattrs(groups: readonly DupeGroup[]): Map<string, string> | null {
  const files = groups.flatMap((g) => g.files)
  const read = readXattrs(files.filter((f) => !f.noXattrs).map((f) => f.paths[0] as string))
  if (read) for (const f of files) if (f.noXattrs) read.set(f.paths[0] as string, '')
  return read
}

/** readXattrs through getfattr processes (no addon); null when getfattr cannot run. */
export function readXattrsWithGetfattr(paths: readonly string[]): Map<string, string> | null {
  const out = new Map<string, string>()
  for (const chunk of runsOf(paths, (p) => Buffer.byteLength(p) + 1, ARG_BYTES_PER_CALL)) {
    const r = spawnSync('getfattr', ['-h', '-d', '-m', '-', '-e', 'hex', '--absolute-names', '--', ...chunk], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    })
    if (r.error) return null
    let file: string | undefined
    let attrs: string[] = []
    const end = (): void => {
      if (file !== undefined) out.set(file, attrs.sort().join('\n'))
      file = undefined
      attrs = []
    }
    for (const line of r.stdout.split('\n')) {
      if (line.startsWith('# file: ')) {
        end()
        file = unescapeName(line.slice(8))
      } else if (line === '') end()
      else if (file !== undefined) attrs.push(line)
    }
    end()
  }
  return out
}

export type Metadata = { uid: number; gid: number; perms: number; xattrs: string }

export const metadataOf = (f: DupeFile, xattrs: Map<string, string> | null): Metadata => ({
  uid: f.uid,
  gid: f.gid,
  perms: f.mode & 0o7777,
  xattrs: xattrs?.get(f.paths[0] as string) ?? '',
})

/** In words, how `m` differs from the keeper's `k`; null when it does not. */
export function metadataDifference(m: Metadata, k: Metadata): string | null {
  const diffs: string[] = []
  if (m.uid !== k.uid) diffs.push(`owner ${m.uid} (the keeper's is ${k.uid})`)
  if (m.gid !== k.gid) diffs.push(`group ${m.gid} (the keeper's is ${k.gid})`)
  if (m.perms !== k.perms) diffs.push(`mode ${m.perms.toString(8)} (the keeper's is ${k.perms.toString(8)})`)
  if (m.xattrs !== k.xattrs) diffs.push('extended attributes or ACL')
  return diffs.length > 0 ? diffs.join(', ') : null
}

/**
 * Give the new file `to` the extended attributes of `from` (a copy made by node:fs has none), read as
 * readXattrs does (by the name's bytes where the addon is built) and restored on `to` (open as `toFd`)
 * with setfattr.
 * Throws when there are attributes that cannot be set (a security.* one, for someone not allowed to),
 * so a copy never quietly loses them.
 */
export function copyXattrs(from: string, to: string, toFd: number): void {
  if (platform().kind === 'win32') return
  const read = readXattrs([from])
  if (read === null)
    throw new LinkError(
      'UNSUPPORTED_ON_PLATFORM',
      `${from} was not copied: its extended attributes cannot be read here (getfattr is missing; Debian: apt-get install attr).`,
      from,
    )
  const attrs = (read.get(from) ?? '').split('\n').filter((l) => l !== '')
  if (attrs.length === 0) return
  // The dump names the file. On Linux that is the open copy itself, handed to setfattr as its fd 3: the
  // folder's name may not be UTF-8, which neither a command line nor a working folder can carry.
  const viaFd = process.platform === 'linux'
  const dump = `# file: ${viaFd ? '/proc/self/fd/3' : path.basename(to)}\n${attrs.join('\n')}\n`
  const w = viaFd
    ? spawnSync('setfattr', ['--restore=-'], { input: dump, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe', toFd] })
    : spawnSync('setfattr', ['-h', '--restore=-'], { cwd: path.dirname(to), input: dump, encoding: 'utf8' })
  if (w.error || w.status !== 0) {
    const why = (w.stderr || w.error?.message || '').trim().split('\n')[0] ?? ''
    throw new LinkError(
      'ACCESS_DENIED',
      `${from} was not copied: its extended attributes could not be given to the copy (${why}).`,
      from,
    )
  }
}
