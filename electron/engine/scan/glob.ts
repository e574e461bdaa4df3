/**
 * Glob patterns for find by name, as shells and `find -name` read them: `*` any run of characters
 * within a name, `?` one character, `[abc]` / `[a-z]` / `[!abc]` one of (or none of) a set, and `**`
 * any run of folders. A pattern without "/" is matched against each entry's name; one with "/" against
 * the entry's path below the root ("src/**\/*.ts"). A name with raw bytes matches through its escapes'
 * characters, each one character, so `?` stands for one byte there.
 */
import { LinkError } from '../../../shared/errors'

export type CompiledGlob = { source: string; ignoreCase: boolean; onPath: boolean }

const SPECIAL = /[.+^${}()|\\/]/

/** The class starting at pattern[i] ("["), as a RegExp class, and the index after its "]"; null when it does not close. */
function classAt(pattern: string, i: number): { re: string; next: number } | null {
  let j = i + 1
  const negate = pattern[j] === '!' || pattern[j] === '^'
  if (negate) j++
  let body = ''
  for (let first = true; j < pattern.length; j++, first = false) {
    const c = pattern[j] as string
    if (c === ']' && !first) return { re: `[${negate ? '^' : ''}${body}]`, next: j + 1 }
    body += c === '\\' || c === ']' || c === '[' || c === '^' ? `\\${c}` : c
  }
  return null
}

/** The RegExp source (anchored) a glob stands for. Throws INVALID_ARGUMENT for an empty pattern. */
export function compileGlob(pattern: string, ignoreCase: boolean): CompiledGlob {
  if (pattern.length === 0)
    throw new LinkError('INVALID_ARGUMENT', 'Type a name or a pattern to look for (for example *.txt).')
  const onPath = pattern.includes('/')
  let re = ''
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i] as string
    if (c === '*' && pattern[i + 1] === '*') {
      // "**/" is any folders, none included; a "**" elsewhere is anything at all
      if (pattern[i + 2] === '/') {
        re += '(?:.*/)?'
        i += 3
      } else {
        re += '.*'
        i += 2
      }
    } else if (c === '*') {
      re += '[^/]*'
      i++
    } else if (c === '?') {
      re += '[^/]'
      i++
    } else if (c === '[') {
      const cls = classAt(pattern, i)
      if (cls) {
        re += cls.re
        i = cls.next
      } else {
        re += '\\['
        i++
      }
    } else {
      re += SPECIAL.test(c) ? `\\${c}` : c
      i++
    }
  }
  const source = `^${re}$`
  try {
    new RegExp(source, ignoreCase ? 'iu' : 'u')
  } catch {
    throw new LinkError('INVALID_ARGUMENT', `“${pattern}” is not a pattern Linkscope can read (check its [ ] sets).`)
  }
  return { source, ignoreCase, onPath }
}

const cache = new Map<string, RegExp>()

/** Whether an entry matches: by `name`, or by `relative` (its path below the root, "/"-separated) for a path pattern. */
export function globMatches(glob: CompiledGlob, name: string, relative: () => string): boolean {
  const key = `${glob.ignoreCase ? 'i' : 'c'}${glob.source}`
  let re = cache.get(key)
  if (!re) {
    if (cache.size > 32) cache.clear()
    re = new RegExp(glob.source, glob.ignoreCase ? 'iu' : 'u')
    cache.set(key, re)
  }
  return re.test(glob.onPath ? relative() : name)
}

/** `full`'s path below `root` (which it starts with), "/"-separated on every system. */
export function belowRoot(root: string, full: string): string {
  const rel = full.slice(root.length).replace(/^[\\/]+/, '')
  return process.platform === 'win32' ? rel.replace(/\\/g, '/') : rel
}
