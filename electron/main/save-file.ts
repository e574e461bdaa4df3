/**
 * Saving an export where the user chooses (the desktop app; browser mode downloads). The renderer
 * names the file and gives its text; main checks both, asks with the system's save dialog, and writes
 * only the path the person chose there, so the renderer can never pick where a file lands.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../shared/errors'

/** The kinds of file an export is. */
const EXPORT_EXTENSIONS = ['.csv', '.json'] as const

/** A plain file name ending in .csv or .json, or INVALID_ARGUMENT: no folders, no device names, no controls. */
export function checkedExportName(name: string): string {
  const ext = path.extname(name).toLowerCase()
  if (!(EXPORT_EXTENSIONS as readonly string[]).includes(ext))
    throw new LinkError('INVALID_ARGUMENT', 'An export is saved as .csv or .json.')
  // eslint-disable-next-line no-control-regex
  if (/[\\/:*?"<>|\u0000-\u001f]/.test(name) || name.startsWith('.') || name.length > 200) {
    throw new LinkError('INVALID_ARGUMENT', 'An export’s suggested name must be a plain file name.')
  }
  return name
}

export type SaveDialog = (defaultPath: string, extension: string) => Promise<string | undefined>

/** Ask where to save, then write there; the chosen path, or null when the person cancelled. */
export async function saveExport(
  name: string,
  content: string,
  folder: string,
  ask: SaveDialog,
): Promise<string | null> {
  const checked = checkedExportName(name)
  const chosen = await ask(path.join(folder, checked), path.extname(checked).slice(1).toLowerCase())
  if (!chosen) return null
  await fs.promises.writeFile(chosen, content, 'utf8')
  return chosen
}
