/**
 * What the app was asked to do at start (or by a second start, forwarded to the first instance): the
 * Explorer / desktop verbs pass `--pick PATH…`, `--drop-as hardlink|symlink|junction DIR`, `--show PATH`,
 * or a plain folder to open. Pure: tested without Electron.
 */
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

import { repairShellPath } from '../engine/platform'

export type DropVerb = 'hardlink' | 'symlink' | 'junction'
export type LaunchRequest =
  | { kind: 'open'; path?: string }
  | { kind: 'pick'; paths: string[] }
  | { kind: 'drop'; as: DropVerb; dir: string }
  | { kind: 'show'; path: string }
  | { kind: 'elevated-helper' }

export class LaunchArgsError extends Error {}

/** Linux desktops pass `%U`/`%F` arguments as file:// URIs from many file managers: make them paths. */
function fromFileUri(arg: string): string {
  if (!/^file:\/\//i.test(arg)) return arg
  try {
    return fileURLToPath(arg)
  } catch {
    throw new LaunchArgsError(`${arg.slice(0, 200)} is not a file on this computer`)
  }
}

const VERBS: readonly DropVerb[] = ['hardlink', 'symlink', 'junction']

/**
 * Parse the arguments after the executable (and, in development, after the app folder). Chromium adds
 * switches of its own (e.g. --allow-file-access-from-files, --original-process-start-time): unknown
 * switches are ignored, unknown words are not.
 */
export function parseLaunchArgs(argv: readonly string[], windows = process.platform === 'win32'): LaunchRequest {
  // Explorer's "C:\" arrives as C:" (its backslash escaped the quote): put the backslash back.
  // Only as the very first argument, where the app's own helper launch puts it: a path named
  // --elevated-helper after --pick must not switch a normal start into helper mode.
  if (argv[0] === '--elevated-helper') return { kind: 'elevated-helper' }
  const args = (windows ? argv.map(repairShellPath) : [...argv]).map(fromFileUri)
  const at = (flag: string): number => args.indexOf(flag)
  if (at('--pick') >= 0) {
    const paths = args.slice(at('--pick') + 1).filter((a) => !a.startsWith('--'))
    if (paths.length === 0) throw new LaunchArgsError('--pick needs at least one path')
    return { kind: 'pick', paths }
  }
  if (at('--drop-as') >= 0) {
    const [verb, dir] = args.slice(at('--drop-as') + 1)
    const as = VERBS.find((v) => v === verb)
    if (!as) throw new LaunchArgsError(`--drop-as takes ${VERBS.join(', ')}`)
    if (!dir || dir.startsWith('--')) throw new LaunchArgsError('--drop-as needs the folder to drop into')
    return { kind: 'drop', as, dir }
  }
  if (at('--show') >= 0) {
    const p = args[at('--show') + 1]
    if (!p || p.startsWith('--')) throw new LaunchArgsError('--show needs a path')
    return { kind: 'show', path: p }
  }
  const plain = args.filter((a) => !a.startsWith('-'))
  return plain.length > 0 ? { kind: 'open', path: plain[0] as string } : { kind: 'open' }
}

/**
 * Relative paths mean "relative to where the start happened": a second start's own working directory
 * (Electron passes it with 'second-instance'), not the running instance's.
 */
export function resolveLaunchPaths(req: LaunchRequest, cwd: string, p: path.PlatformPath = path): LaunchRequest {
  const abs = (x: string): string => p.resolve(cwd, x)
  switch (req.kind) {
    case 'open':
      return req.path ? { kind: 'open', path: abs(req.path) } : req
    case 'pick':
      return { kind: 'pick', paths: req.paths.map(abs) }
    case 'drop':
      return { ...req, dir: abs(req.dir) }
    case 'show':
      return { kind: 'show', path: abs(req.path) }
    case 'elevated-helper':
      return req
  }
}
