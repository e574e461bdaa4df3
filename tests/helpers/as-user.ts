/**
 * Running code as another, unprivileged user (`nobody`), for the permission cases root never meets.
 *
 * That user may not even enter the checkout (a clone in a 0700 folder, as `mktemp -d` makes, or under
 * /root), so what it runs is staged first: `stageForOtherUser()` copies the built app (out/ with the
 * native addon, bin/, package.json and the runtime dependencies from node_modules) into a new temporary
 * folder that every user may read and only root may change; `remove()` deletes it again. Commands run
 * through setpriv with that user's uid and gid and no supplementary groups, in `/` unless told otherwise.
 *
 *   const stage = stageForOtherUser()                                  // beforeAll; stage.remove() in afterAll
 *   runAsOtherUser(process.execPath, [stage.cli, 'ls', dir, '--json']) // → { status, stdout, stderr }
 *   spawnAsOtherUser(process.execPath, [stage.cli, 'serve', dir])      // a ChildProcess that keeps running
 *   require-able code from the sources: stage.bundle('electron/engine/ops/index.ts')
 *   giveToOtherUser(file)                                              // a fixture that user owns
 *
 * Only root may switch users: guard each such test with skipUnlessRoot / `test.skip(!isRoot, …)`
 * (needs-root.ts); these functions throw for anyone else. Fixture trees must be reachable by the user
 * too: make them under os.tmpdir() with their folders 0755.
 */
import { type ChildProcess, spawn, type SpawnOptions, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { buildSync } from 'esbuild'

import { isRoot, needsRoot } from './needs-root'

const REPO = path.resolve(__dirname, '..', '..')

/** Debian's unprivileged user and group (nobody, nogroup). */
export const OTHER_USER = { name: 'nobody', uid: 65534, gid: 65534 } as const

/** The reason a test that runs as OTHER_USER is skipped when this process is not root. */
export const SWITCHES_USER = `switches to the user ${OTHER_USER.name} with setpriv`

export interface Stage {
  /** The staged folder: owned by root, readable by everyone. */
  readonly dir: string
  /** The staged `linkscope` command (bin/linkscope.js): run it with process.execPath. */
  readonly cli: string
  /** A path inside the stage, e.g. `stage.path('out', 'native', 'linkscope_scan.node')`. */
  path(...parts: string[]): string
  /**
   * Bundles a TypeScript module of the repository (`entry` relative to it) into the stage as CommonJS,
   * as scripts/build.mjs does (electron and koffi stay outside), once per stage; returns the bundle's path
   * for `require`.
   */
  bundle(entry: string): string
  /** Deletes the stage. */
  remove(): void
}

/** Copies what OTHER_USER runs into a new world-readable temporary folder. */
export function stageForOtherUser(): Stage {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-as-user-'))
  try {
    assertReachable(dir)
    for (const part of ['out', 'bin', 'package.json']) {
      fs.cpSync(path.join(REPO, part), path.join(dir, part), { recursive: true, dereference: true })
    }
    for (const dep of runtimeDependencies()) {
      fs.cpSync(path.join(REPO, 'node_modules', dep), path.join(dir, 'node_modules', dep), {
        recursive: true,
        dereference: true,
      })
    }
    openToAll(dir)
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw e
  }
  const inStage = (...parts: string[]): string => path.join(dir, ...parts)
  const bundles = new Map<string, string>()
  return {
    dir,
    cli: inStage('bin', 'linkscope.js'),
    path: inStage,
    bundle(entry) {
      const done = bundles.get(entry)
      if (done) return done
      const outfile = inStage('bundles', entry.replace(/\.tsx?$/, '.cjs'))
      buildSync({
        entryPoints: [path.join(REPO, entry)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['electron', 'koffi'],
        logLevel: 'warning',
      })
      openToAll(inStage('bundles'))
      bundles.set(entry, outfile)
      return outfile
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

export type Ran = { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs `cmd args` as OTHER_USER to the end (at most `timeout` ms, 60 s unless told). */
export function runAsOtherUser(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number } = {},
): Ran {
  const r = spawnSync('setpriv', [...setpriv(), cmd, ...args], {
    encoding: 'utf8',
    cwd: opts.cwd ?? '/',
    env: opts.env,
    input: opts.input,
    timeout: opts.timeout ?? 60_000,
  })
  if (r.error) throw r.error
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }
}

/** Starts `cmd args` as OTHER_USER and returns the running process (the caller ends it). */
export function spawnAsOtherUser(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  return spawn('setpriv', [...setpriv(), cmd, ...args], { cwd: '/', ...opts })
}

/** Makes OTHER_USER the owner of each path (a symbolic link itself, not its target). */
export function giveToOtherUser(...paths: string[]): void {
  for (const p of paths) fs.lchownSync(p, OTHER_USER.uid, OTHER_USER.gid)
}

function setpriv(): string[] {
  if (!isRoot) throw new Error(needsRoot(SWITCHES_USER))
  return [`--reuid=${OTHER_USER.uid}`, `--regid=${OTHER_USER.gid}`, '--clear-groups', '--']
}

/** package.json's dependencies and theirs (optional ones only where installed): what the built app requires. */
function runtimeDependencies(): string[] {
  const found = new Set<string>()
  const visit = (name: string, optional: boolean): void => {
    const manifest = path.join(REPO, 'node_modules', name, 'package.json')
    if (found.has(name)) return
    if (!fs.existsSync(manifest)) {
      if (optional) return
      throw new Error(`${name} is a runtime dependency but is not installed: run npm ci`)
    }
    found.add(name)
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
      dependencies?: object
      optionalDependencies?: object
    }
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, false)
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, true)
  }
  const top = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies?: object }
  for (const dep of Object.keys(top.dependencies ?? {})) visit(dep, false)
  return [...found]
}

/** Folders 0755, files 0644 (0755 where executable): whatever umask the copy was made under. */
function openToAll(p: string): void {
  const st = fs.lstatSync(p)
  if (st.isSymbolicLink()) return
  if (st.isDirectory()) {
    fs.chmodSync(p, 0o755)
    for (const name of fs.readdirSync(p)) openToAll(path.join(p, name))
  } else {
    fs.chmodSync(p, st.mode & 0o111 ? 0o755 : 0o644)
  }
}

/** Every folder above `dir` must let other users pass, or nothing staged there can be reached. */
function assertReachable(dir: string): void {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0) {
      throw new Error(
        `${d} does not let other users pass (mode ${(fs.statSync(d).mode & 0o777).toString(8)}), so ${OTHER_USER.name} cannot reach ${dir}: point TMPDIR at a folder they may enter`,
      )
    }
    if (d === path.dirname(d)) return
  }
}
