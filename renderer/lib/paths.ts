/** Path helpers for display and navigation; the separator comes from app:info (the engine's platform). */
export type Sep = '/' | '\\'

const isSep = (c: string | undefined): boolean => c === '/' || c === '\\'

/** The root part of an absolute path: "/", "C:\", "\\server\share\". */
export function rootOf(p: string, sep: Sep): string {
  if (sep === '/') return p.startsWith('/') ? '/' : ''
  const unc = /^[\\/]{2}[^\\/]+[\\/][^\\/]+[\\/]?/.exec(p)
  if (unc) return unc[0].replace(/[\\/]?$/, '\\')
  const drive = /^[A-Za-z]:[\\/]?/.exec(p)
  return drive ? drive[0].slice(0, 2) + '\\' : ''
}

/** The path without a trailing separator (except at a root). */
export function trimSep(p: string, sep: Sep): string {
  const root = rootOf(p, sep)
  let end = p.length
  while (end > root.length && isSep(p[end - 1])) end--
  return p.slice(0, end)
}

export function joinPath(dir: string, name: string, sep: Sep): string {
  const d = trimSep(dir, sep)
  return isSep(d[d.length - 1]) ? d + name : d + sep + name
}

/** The folder that holds p, or null at a root. */
export function dirnameOf(p: string, sep: Sep): string | null {
  const t = trimSep(p, sep)
  const root = rootOf(t, sep)
  if (t.length <= root.length) return null
  let i = t.length - 1
  while (i >= root.length && !isSep(t[i])) i--
  return i < root.length ? root : t.slice(0, i)
}

export function basenameOf(p: string, sep: Sep): string {
  const t = trimSep(p, sep)
  const root = rootOf(t, sep)
  if (t.length <= root.length) return t
  let i = t.length - 1
  while (i >= root.length && !isSep(t[i])) i--
  return t.slice(i + 1)
}

export type Crumb = { label: string; path: string }

/** Breadcrumbs from the root down: "/home/ana" → "/", "home", "ana". */
export function crumbsOf(p: string, sep: Sep): Crumb[] {
  const t = trimSep(p, sep)
  const root = rootOf(t, sep)
  const crumbs: Crumb[] = root ? [{ label: root, path: root }] : []
  let acc = root
  for (const part of t.slice(root.length).split(/[\\/]/)) {
    if (!part) continue
    acc = acc ? joinPath(acc, part, sep) : part
    crumbs.push({ label: part, path: acc })
  }
  return crumbs
}

/** Relative path from a folder to a target, for previews of relative symbolic links. */
export function relativePath(fromDir: string, to: string, sep: Sep): string {
  const a = crumbsOf(fromDir, sep).map((c) => c.label)
  const b = crumbsOf(to, sep).map((c) => c.label)
  if (a[0] !== b[0]) return to
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  const up = a.slice(i).map(() => '..')
  return [...up, ...b.slice(i)].join(sep) || '.'
}

/**
 * Where a walk looking for a file's names or the links into a place starts by default: the folder
 * Linkscope was opened on when the path is under it (small and quick), else null, which asks the engine
 * for the whole drive.
 */
export function defaultSearchRoot(path: string, startDir: string | undefined, sep: Sep): string | null {
  if (!startDir) return null
  const prefix = startDir.endsWith(sep) ? startDir : startDir + sep
  return path.startsWith(prefix) ? startDir : null
}

/**
 * A path typed in the address bar, made absolute as a shell would: "~" is the home folder, and a
 * relative path starts from the open folder (not the server's working folder). "." and ".." steps
 * are walked, never above the root.
 */
export function typedPath(typed: string, here: string | null, home: string, sep: Sep): string {
  const tilde = /^~(?=$|[\\/])/.test(typed) ? home + typed.slice(1) : typed
  const absolute = rootOf(tilde, sep) !== ''
  if (!absolute && here === null) return tilde
  const full = absolute ? tilde : joinPath(here!, tilde, sep)
  const root = rootOf(full, sep)
  const steps: string[] = []
  for (const part of full.slice(root.length).split(/[\\/]/)) {
    if (part === '' || part === '.') continue
    if (part === '..') steps.pop()
    else steps.push(part)
  }
  return root + steps.join(sep)
}
