/** Types of the everyday actions around the explorer: watching a folder, finding by name, saving an export. */

/** What a folder watch reports: the folder changed (refresh it), or it is gone (the watch has ended). */
export type FolderChange = { type: 'changed'; dir: string } | { type: 'gone'; dir: string }

/**
 * A find by name: a glob over names (or over paths below the root when the pattern holds a slash). With
 * `match: 'target'`, over each link's stored target instead, as `find -lname` does (`*` spans "/" there).
 */
export type FindOptions = { ignoreCase: boolean; match?: FindMatch }
export type FindMatch = 'name' | 'target'

export type FindSummary = {
  root: string
  pattern: string
  /** matches found (all of them, even past the ones streamed) */
  found: number
  /** entries looked at */
  entries: number
  /** folders that could not be listed */
  errors: number
  /** true when more matched than are streamed (MAX_FOUND) */
  truncated: boolean
  cancelled: boolean
  ms: number
}

/** A file to save where the user chooses (the desktop app's save dialog). */
export type SaveRequest = { name: string; content: string }
