/**
 * A real `linkscope serve DIR --port 0` in its own process, as a person starts it: a crash shows as the
 * process exiting, not as an error somewhere in the test runner. Needs the built UI (out/renderer),
 * which `npm ci` and `npm test` build.
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { giveToOtherUser, spawnAsOtherUser, stageForOtherUser } from './as-user'
import { CLI, REPO } from './built'
import { makeTempDir } from './link-tree'

export type LiveServe = {
  port: number
  token: string
  child: ChildProcess
  /** everything it wrote to stderr so far */
  stderr(): string
  /** still running */
  alive(): boolean
  stop(): Promise<void>
}

/**
 * `asNobody`: run it as the unprivileged user nobody (needs root), from a stage it may read (as-user.ts);
 * `cwd`: where relative paths resolve.
 */
export async function startLiveServe(
  dir: string,
  options: { asNobody?: boolean; cwd?: string } = {},
): Promise<LiveServe> {
  if (!fs.existsSync(path.join(REPO, 'out', 'renderer', 'index.html')))
    throw new Error('The UI is not built: run npm run build first.')
  const config = makeTempDir('linkscope-serve-config-')
  const stage = options.asNobody ? stageForOtherUser() : undefined
  if (stage) giveToOtherUser(config)
  const args = [stage?.cli ?? CLI, 'serve', dir, '--port', '0']
  const spawnOpts: SpawnOptions = {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LINKSCOPE_CONFIG_DIR: config },
    ...(options.cwd ? { cwd: options.cwd } : {}),
  }
  const child = stage ? spawnAsOtherUser(process.execPath, args, spawnOpts) : spawn(process.execPath, args, spawnOpts)
  let errText = ''
  child.stderr!.on('data', (d: Buffer) => {
    errText += d.toString()
  })
  const url = await new Promise<URL>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`serve printed no address in 15 s: ${out}${errText}`)), 15_000)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /Linkscope is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(new URL(m[1] as string))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}: ${errText}`))
    })
  })
  return {
    port: Number(url.port),
    token: url.searchParams.get('token') as string,
    child,
    stderr: () => errText,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(kill)
          fs.rmSync(config, { recursive: true, force: true })
          stage?.remove()
          resolve()
        }
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000)
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once('exit', done)
        child.kill('SIGTERM')
      }),
  }
}
