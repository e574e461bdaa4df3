/**
 * What the app was asked to do at start (or by a second start, forwarded to the first instance): the
 * Explorer / desktop verbs pass `--pick PATH…`, `--drop-as hardlink|symlink|junction DIR`, `--show PATH`,
 * or a plain folder to open. Pure: tested without Electron.
 */
import { repairShellPath } from '../engine/platform/win32/shell/command-line'

export type DropVerb = 'hardlink' | 'symlink' | 'junction'
export type LaunchRequest =
  | { kind: 'open'; path?: string }
  | { kind: 'pick'; paths: string[] }
  | { kind: 'drop'; as: DropVerb; dir: string }
  | { kind: 'show'; path: string }
  | { kind: 'elevated-helper' }

export class LaunchArgsError extends Error {}


const VERBS: readonly DropVerb[] = ['hardlink', 'symlink', 'junction']

/**
 * Parse the arguments after the executable (and, in development, after the app folder). Chromium adds
 * switches of its own (e.g. --allow-file-access-from-files, --original-process-start-time): unknown
 * switches are ignored, unknown words are not.
 */
export function parseLaunchArgs(argv: readonly string[], windows = process.platform === 'win32'): LaunchRequest {
  // Explorer's "C:\" arrives as C:" (its backslash escaped the quote): put the backslash back.
  const args = windows ? argv.map(repairShellPath) : [...argv]
  const at = (flag: string): number => args.indexOf(flag)
  if (at('--elevated-helper') >= 0) return { kind: 'elevated-helper' }
  if (at('--pick') >= 0) {
    const paths = args.slice(at('--pick') + 1).filter((a) => !a.startsWith('--'))
    if (paths.length === 0) throw new LaunchArgsError('--pick needs at least one path')
    return { kind: 'pick', paths }
  }
  if (at('--drop-as') >= 0) {
    const [verb, dir] = args.slice(at('--drop-as') + 1)
    if (!VERBS.includes(verb as DropVerb)) throw new LaunchArgsError(`--drop-as takes ${VERBS.join(', ')}`)
    if (!dir || dir.startsWith('--')) throw new LaunchArgsError('--drop-as needs the folder to drop into')
    return { kind: 'drop', as: verb as DropVerb, dir }
  }
  if (at('--show') >= 0) {
    const p = args[at('--show') + 1]
    if (!p || p.startsWith('--')) throw new LaunchArgsError('--show needs a path')
    return { kind: 'show', path: p }
  }
  const plain = args.filter((a) => !a.startsWith('-'))
  return plain.length > 0 ? { kind: 'open', path: plain[0] as string } : { kind: 'open' }
}
