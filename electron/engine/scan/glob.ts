/**
 * Glob patterns for find by name, as shells and `find -name` read them: `*` any run of characters
 * within a name, `?` one character, `[abc]` / `[a-z]` / `[!abc]` one of (or none of) a set, and `**`
 * any run of folders. A pattern without "/" is matched against each entry's name; one with "/" against
 * the entry's path below the root ("src/**\/*.ts"); a target pattern (compileGlob's `whole`) against a link's
 * whole stored target. A name with raw bytes matches through its escapes'
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

/** The RegExp for the glob token at pattern[i], and the index after it. */
function tokenAt(pattern: string, i: number, whole: boolean): { re: string; next: number } {
  const c = pattern[i] as string
  const any = whole ? '.' : '[^/]'
  // "**/" is any folders, none included; a "**" elsewhere is anything at all
  if (c === '*' && pattern[i + 1] === '*' && !whole)
    return pattern[i + 2] === '/' ? { re: '(?:.*/)?', next: i + 3 } : { re: '.*', next: i + 2 }
  if (c === '*') return { re: `${any}*`, next: i + 1 }
  if (c === '?') return { re: any, next: i + 1 }
  if (c === '[') return classAt(pattern, i) ?? { re: '\\[', next: i + 1 }
  return { re: SPECIAL.test(c) ? `\\${c}` : c, next: i + 1 }
}

/**
 * The RegExp source (anchored) a glob stands for. Throws INVALID_ARGUMENT for an empty pattern. `whole`:
 * the glob is matched against a whole text (a link's target, as `find -lname` does), where `*` and `?`
 * cross "/" too.
 */
export function compileGlob(pattern: string, ignoreCase: boolean, whole = false): CompiledGlob {
  if (pattern.length === 0)
    throw new LinkError(
      'INVALID_ARGUMENT',
      whole
        ? 'Type a target or a pattern to look for (for example */node_modules/*).'
        : 'Type a name or a pattern to look for (for example *.txt).',
    )
  const onPath = !whole && pattern.includes('/')
  let re = ''
  for (let i = 0; i < pattern.length;) {
    const token = tokenAt(pattern, i, whole)
    re += token.re
    i = token.next
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
