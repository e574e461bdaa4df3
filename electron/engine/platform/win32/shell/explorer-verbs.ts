/**
 * Install, read back and remove Linkscope's Explorer verbs (layout in verb-layout.ts) in HKCU through
 * advapi32, then tell Explorer that associations changed. Per user: no administrator, no installer.
 */
import { LinkError } from '../../../../../shared/errors'
import { ERROR_FILE_NOT_FOUND, HKEY_CURRENT_USER, KEY_READ, KEY_WRITE, registry } from '../bindings/registry'
import { notifyAssociationsChanged } from './shell-notify'
import { explorerVerbLayout, VERB_ROOTS, type VerbCommand, type VerbKey } from './verb-layout'

export type VerbState = 'installed' | 'absent' | 'partial' | 'other-app'

export type ExplorerVerbs = {
  /** installed: every key and value as `expected` says; other-app: all there but for another executable */
  state: VerbState
  /** what is stored now, key by key (null: the key is missing) */
  keys: Array<{ key: string; values: Record<string, string> | null }>
}

const registryError = (what: string, key: string, status: number): LinkError =>
  new LinkError(
    status === 5 ? 'ACCESS_DENIED' : 'UNKNOWN',
    `Could not ${what} HKEY_CURRENT_USER\\${key} (Windows error ${status}).`,
  )

/**
 * Write every verb for `command`, then refresh Explorer's menus. Linkscope's keys are cleared first,
 * so an install over an older or half-removed one ends up exactly as the layout says.
 */
export function installExplorerVerbs(command: VerbCommand): void {
  const reg = registry()
  deleteVerbKeys()
  for (const { key, values } of explorerVerbLayout(command)) {
    const created = reg.RegCreateKeyExW(HKEY_CURRENT_USER, key, KEY_WRITE)
    if (created.err !== 0) throw registryError('create', key, created.err)
    try {
      for (const [name, value] of Object.entries(values)) {
        const set = reg.RegSetStringW(created.ret, name, value)
        if (set.err !== 0) throw registryError(`write the value "${name}" in`, key, set.err)
      }
    } finally {
      reg.RegCloseKey(created.ret)
    }
  }
  notifyAssociationsChanged()
}

/** Remove every Linkscope verb; keys that are already gone are fine. Never touches anything else. */
export function removeExplorerVerbs(): void {
  deleteVerbKeys()
  notifyAssociationsChanged()
}

function deleteVerbKeys(): void {
  const reg = registry()
  for (const key of VERB_ROOTS) {
    const r = reg.RegDeleteTreeW(HKEY_CURRENT_USER, key)
    if (r.err !== 0 && r.err !== ERROR_FILE_NOT_FOUND) throw registryError('remove', key, r.err)
  }
}

function readKey(key: string, names: readonly string[]): Record<string, string> | null {
  const reg = registry()
  const opened = reg.RegOpenKeyExW(HKEY_CURRENT_USER, key, KEY_READ)
  if (opened.err === ERROR_FILE_NOT_FOUND) return null
  if (opened.err !== 0) throw registryError('read', key, opened.err)
  try {
    const values: Record<string, string> = {}
    for (const name of names) {
      const v = reg.RegQueryStringW(opened.ret, name)
      if (v.ret !== null) values[name] = v.ret
    }
    return values
  } finally {
    reg.RegCloseKey(opened.ret)
  }
}

/** What is installed, compared with what installExplorerVerbs(expected) would write. */
export function readExplorerVerbs(expected: VerbCommand): ExplorerVerbs {
  const layout: VerbKey[] = explorerVerbLayout(expected)
  const keys = layout.map(({ key, values }) => ({ key, values: readKey(key, Object.keys(values)) }))
  const present = keys.filter((k) => k.values !== null).length
  const same = (a: Readonly<Record<string, string>>, b: Record<string, string> | null): boolean =>
    b !== null && Object.entries(a).every(([n, v]) => b[n] === v)
  let state: VerbState
  if (present === 0) state = 'absent'
  else if (present < keys.length) state = 'partial'
  else if (layout.every((k, i) => same(k.values, keys[i]?.values ?? null))) state = 'installed'
  else state = sameShape(layout, keys) ? 'other-app' : 'partial'
  return { state, keys }
}

/** All values there, differing only in the command lines and icons (the app moved or another copy wrote them). */
function sameShape(layout: readonly VerbKey[], keys: ExplorerVerbs['keys']): boolean {
  return layout.every((k, i) => Object.keys(k.values).every((n) => keys[i]?.values?.[n] !== undefined))
}
