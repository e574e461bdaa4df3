/**
 * Package versions in paths, for repairing links in package stores (pnpm, npm caches): a candidate named
 * like the missing target may be another version of the same package, and pointing a link there would
 * quietly swap `ms@2.1.3` for `ms@2.0.0`. Two shapes are read: a folder named `name@version` (pnpm's
 * `.pnpm/ms@2.1.3/…`, `@scope+name@1.0.0_peer…`) and a folder `name` followed by a folder `version`
 * (a global store's `links/@/express/4.22.3/…`).
 */
import type { Sep } from './paths'

export type VersionConflict = { name: string; wanted: string; found: string }

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?/
/** a folder that may be a package's name (npm's rules, loosely): not "v1.2", not a version itself */
const PACKAGE_NAME = /^(?!v\d)[a-z_][a-z0-9._-]*$/i

/** name → version for every package folder the path names (the last one wins for a name seen twice). */
export function packageVersions(path: string, sep: Sep): Map<string, string> {
  const parts = path.split(sep === '\\' ? /[\\/]/ : '/').filter((p) => p !== '' && p !== '.' && p !== '..')
  const found = new Map<string, string>()
  parts.forEach((part, i) => {
    const at = part.indexOf('@', 1) // past a scope's own @; peers may follow the version
    if (at > 0) {
      const version = SEMVER.exec(part.slice(at + 1))?.[0]
      // pnpm writes a scoped package's slash as "+"
      if (version) found.set(part.slice(0, at).replace('+', '/'), version)
      return
    }
    const next = SEMVER.exec(parts[i + 1] ?? '')?.[0]
    if (next && next === parts[i + 1] && PACKAGE_NAME.test(part)) found.set(part, next)
  })
  return found
}

/** The first package both paths name at different versions: what the link asked for, and what is offered. */
export function versionConflict(target: string, candidate: string, sep: Sep): VersionConflict | null {
  const found = packageVersions(candidate, sep)
  for (const [name, wanted] of packageVersions(target, sep)) {
    const other = found.get(name)
    if (other !== undefined && other !== wanted) return { name, wanted, found: other }
  }
  return null
}

/** The same list with candidates of another version after the rest, each group in the order it had. */
export function versionsFirst<T extends { path: string }>(
  target: string | undefined,
  list: readonly T[],
  sep: Sep,
): T[] {
  if (!target) return [...list]
  const fits = list.filter((c) => !versionConflict(target, c.path, sep))
  return [...fits, ...list.filter((c) => !fits.includes(c))]
}

/** "ms 2.0.0, not the 2.1.3 the link asked for" */
export const conflictText = (c: VersionConflict): string =>
  `${c.name} ${c.found}, not the ${c.wanted} the link asked for`
