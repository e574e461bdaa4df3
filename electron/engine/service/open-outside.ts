/**
 * Opening a path in the programs around Linkscope: the system file manager, a terminal and the default
 * app for a file. Each program
 * is found on PATH and started with an argument array (never a shell line), so a name with quotes, `;`
 * or `$(...)` reaches it as one argument and nothing else runs. Both the engine (browser mode, where the
 * server runs on the user's own machine) and main (the desktop app's terminal) start programs this way.
 */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { hasRawBytes } from '../../../shared/names'

/** A program to start: the executable's full path, its arguments, and the folder it starts in. */
export type Launch = { exe: string; args: string[]; cwd: string }

export type Host = { platform: NodeJS.Platform; env: NodeJS.ProcessEnv }
const thisHost = (): Host => ({ platform: process.platform, env: process.env })

/** The first of `names` that is an executable file on the host's PATH. */
export function findOnPath(names: readonly string[], host: Host): string | undefined {
  const dirs = (host.env.PATH ?? host.env.Path ?? '')
    .split(host.platform === 'win32' ? ';' : ':')
    .filter((d) => path.isAbsolute(d))
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name)
      try {
        fs.accessSync(candidate, fs.constants.X_OK)
        if (fs.statSync(candidate).isFile()) return candidate
      } catch {
        /* not here */
      }
    }
  }
  return undefined
}

/** An existing absolute path whose name a program can be given (an argument cannot carry raw bytes). */
function checkedPath(p: string): fs.Stats {
  if (!path.isAbsolute(p)) throw new LinkError('INVALID_ARGUMENT', 'The path must be absolute.', p)
  if (hasRawBytes(p))
    throw new LinkError(
      'INVALID_NAME',
      'This name is not UTF-8, so it cannot be handed to another program; open its folder instead.',
      p,
    )
  try {
    return fs.lstatSync(p)
  } catch {
    throw new LinkError('NOT_FOUND', 'It no longer exists.', p)
  }
}

/** How the file manager shows `p`: selected in its folder where the system can, else its folder opened. */
export function fileManagerLaunch(p: string, host: Host = thisHost()): Launch {
  checkedPath(p)
  const parent = path.dirname(p)
  if (host.platform === 'win32') return { exe: 'explorer.exe', args: [`/select,${p}`], cwd: parent }
  if (host.platform === 'darwin') return { exe: '/usr/bin/open', args: ['-R', p], cwd: parent }
  const exe = findOnPath(['xdg-open'], host)
  if (!exe)
    throw new LinkError('NO_FILE_MANAGER', 'No file manager was found: xdg-open is not on PATH (install xdg-utils).', p)
  return { exe, args: [parent], cwd: parent }
}

/**
 * A path the default app can be asked to open: what checkedPath asks, and something there once links are
 * followed (a broken link would start the opener only for it to fail out of sight).
 */
export function openablePath(p: string): string {
  checkedPath(p)
  if (!fs.existsSync(p))
    throw new LinkError('NOT_FOUND', 'It is a link whose target does not exist, so there is nothing to open.', p)
  return p
}

/** How the system opens `p` with the app it has for that kind of file (a folder: the file manager). */
export function defaultAppLaunch(p: string, host: Host = thisHost()): Launch {
  openablePath(p)
  const parent = path.dirname(p)
  if (host.platform === 'win32') return { exe: 'explorer.exe', args: [p], cwd: parent }
  if (host.platform === 'darwin') return { exe: '/usr/bin/open', args: [p], cwd: parent }
  const exe = findOnPath(['xdg-open'], host)
  if (!exe)
    throw new LinkError(
      'NO_DEFAULT_APP',
      'Nothing here opens a file with its default app: xdg-open is not on PATH (install xdg-utils).',
      p,
    )
  return { exe, args: [p], cwd: parent }
}

/** Terminals tried on Linux and other Unix systems, the distribution's choice first. */
const UNIX_TERMINALS = [
  'x-terminal-emulator',
  'gnome-terminal',
  'konsole',
  'xfce4-terminal',
  'kitty',
  'alacritty',
  'xterm',
]

/** How a terminal opens in folder `dir` (a file's folder when `p` is a file). */
export function terminalLaunch(p: string, host: Host = thisHost()): Launch {
  const dir = checkedPath(p).isDirectory() ? p : path.dirname(p)
  if (host.platform === 'darwin') return { exe: '/usr/bin/open', args: ['-a', 'Terminal', dir], cwd: dir }
  if (host.platform === 'win32') {
    const wt = findOnPath(['wt.exe'], host)
    if (wt) return { exe: wt, args: ['-d', dir], cwd: dir }
    const cmd = host.env.ComSpec ?? findOnPath(['cmd.exe'], host)
    if (!cmd) throw new LinkError('NO_TERMINAL', 'No terminal was found (neither Windows Terminal nor cmd.exe).', p)
    return { exe: cmd, args: [], cwd: dir }
  }
  const exe = findOnPath(UNIX_TERMINALS, host)
  if (!exe)
    throw new LinkError('NO_TERMINAL', `No terminal was found on PATH (looked for ${UNIX_TERMINALS.join(', ')}).`, p)
  return { exe, args: [], cwd: dir }
}

/** Start the program on its own (it outlives Linkscope); resolves once it started, rejects if it could not. */
export function startDetached(launch: Launch): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(launch.exe, launch.args, {
      cwd: launch.cwd,
      detached: true,
      stdio: 'ignore',
      shell: false,
      windowsHide: false,
    })
    child.once('spawn', () => {
      child.unref()
      resolve()
    })
    child.once('error', (e) =>
      reject(new LinkError('UNKNOWN', `Could not start ${path.basename(launch.exe)}: ${e.message}`)),
    )
  })
}

/** Show `p` in the system file manager. */
export const openInFileManager = (p: string): Promise<void> => startDetached(fileManagerLaunch(p))
/** Open `p` with the system's default app for it. */
export const openWithDefaultApp = (p: string): Promise<void> => startDetached(defaultAppLaunch(p))
/** Open a terminal in `p` (or in the folder of `p`). */
export const openInTerminal = (p: string): Promise<void> => startDetached(terminalLaunch(p))
