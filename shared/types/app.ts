export type AppMode = 'electron' | 'browser'

export type Capabilities = {
  /** junctions exist on this platform (asked for a folder: junctions can be made in it) */
  junctions: boolean
  /** 'yes': symbolic links can be made now; 'privileged': only with admin or Developer Mode */
  symlinks: 'yes' | 'privileged' | 'no'
  /** why junctions cannot be made in the folder asked about (its volume), when that is the reason */
  junctionsWhy?: string
  /** why symbolic links cannot be made in the folder asked about (its volume), when that is the reason */
  symlinksWhy?: string
  /** a system file manager can be asked to show a path (Electron only) */
  reveal: boolean
}

export type AppInfo = {
  mode: AppMode
  platform: 'win32' | 'posix'
  sep: '/' | '\\'
  home: string
  /** the folder to open first */
  startDir: string
  capabilities: Capabilities
}

export type ListSummary = { dir: string; count: number; parent: string | null; ms: number }

/** Requests that reach a running app from outside: Explorer / desktop verbs, forwarded second starts. */
export type AppEvent =
  | { type: 'picked'; paths: string[] }
  | { type: 'drop'; as: 'hard' | 'symbolic-relative' | 'junction'; dir: string }
  | { type: 'show'; path: string }

/** Linkscope's verbs in Explorer's right-click menu (Windows, per user). */
export type ExplorerMenuState = {
  available: boolean
  /** why not, when unavailable */
  reason?: string
  state: 'installed' | 'absent' | 'partial' | 'other-app'
}
