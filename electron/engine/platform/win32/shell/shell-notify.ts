/**
 * Tell Explorer what changed (SHChangeNotify), so open windows show a new or removed link without a
 * manual refresh. Best effort: a notification that cannot be sent never fails the operation it
 * reports (the link is made or removed either way), and under Wine it is a harmless call.
 */
import {
  SHCNE_ASSOCCHANGED,
  SHCNE_CREATE,
  SHCNE_DELETE,
  SHCNE_MKDIR,
  SHCNE_RMDIR,
  SHCNE_UPDATEDIR,
  SHCNE_UPDATEITEM,
  SHCNF_FLUSHNOWAIT,
  SHCNF_IDLIST,
  SHCNF_PATHW,
  type Shell32,
  shell32,
} from '../bindings/shell32'
import { toDisplay } from '../codec/paths'

/** create/delete: a file-like entry; mkdir/rmdir: a folder-like one (junctions, folder links); updatedir: a folder's contents */
export type ShellChange = 'create' | 'delete' | 'mkdir' | 'rmdir' | 'updatedir' | 'updateitem'

const EVENTS: Record<ShellChange, number> = {
  create: SHCNE_CREATE,
  delete: SHCNE_DELETE,
  mkdir: SHCNE_MKDIR,
  rmdir: SHCNE_RMDIR,
  updatedir: SHCNE_UPDATEDIR,
  updateitem: SHCNE_UPDATEITEM,
}

let shell: Shell32 | null | undefined

function bound(): Shell32 | null {
  if (shell === undefined) {
    try {
      shell = shell32()
    } catch {
      shell = null
    } // no shell32 (not Windows): nothing to tell
  }
  return shell
}

/** Explorer's event for `kind` at `path` (shown in plain form: Explorer does not take `\\?\` paths). */
export function notifyShellChanged(path: string, kind: ShellChange): void {
  const s = bound()
  if (!s) return
  try {
    s.SHChangeNotify(EVENTS[kind], SHCNF_PATHW | SHCNF_FLUSHNOWAIT, toDisplay(path), null)
  } catch {
    /* best effort */
  }
}

/** After adding or removing verbs: Explorer re-reads its menus. */
export function notifyAssociationsChanged(): void {
  const s = bound()
  if (!s) return
  try {
    s.SHChangeNotify(SHCNE_ASSOCCHANGED, SHCNF_IDLIST | SHCNF_FLUSHNOWAIT, null, null)
  } catch {
    /* best effort */
  }
}
