/**
 * `npm run setup` (scripts/setup.mjs) as a newcomer runs it, with the real npm, in a throw-away project
 * whose one dependency (a local folder, so nothing is downloaded) asks for a newer Node than any there is
 * — what Electron's build tools do on Node 20 — and has an install script npm warns about.
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { REPO } from '../../helpers/built'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-setup-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** A project with the real setup script; `engines` is what its package.json asks of Node. */
function project(engines: string): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'project-'))
  fs.mkdirSync(path.join(dir, 'scripts'))
  fs.copyFileSync(path.join(REPO, 'scripts', 'setup.mjs'), path.join(dir, 'scripts', 'setup.mjs'))
  const dep = path.join(dir, 'wants-new-node')
  fs.mkdirSync(dep)
  fs.writeFileSync(
    path.join(dep, 'package.json'),
    JSON.stringify({
      name: 'wants-new-node',
      version: '1.0.0',
      engines: { node: '>=99.0.0' },
      scripts: { install: 'node -e ""' },
    }),
  )
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'p',
      version: '1.0.0',
      engines: { node: engines },
      dependencies: { 'wants-new-node': 'file:./wants-new-node' },
    }),
  )
  return dir
}

const run = (dir: string, cmd: string, args: string[]) => {
  // npm would otherwise read the developer's own settings and cache; offline, as the dependency is local
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_cache: path.join(tmp, 'cache'),
    npm_config_offline: 'true',
  }
  for (const k of Object.keys(env)) if (/^npm_config_(loglevel|engine_strict)$/i.test(k)) delete env[k]
  const r = spawnSync(cmd, args, { cwd: path.join(dir, 'scripts'), env, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status, out: `${r.stdout}${r.stderr}`.trim() }
}

describe('npm run setup', () => {
  it('installs without npm’s wall of engine warnings, and says in one line what they meant', () => {
    const dir = project('>=20.19')
    // plain npm on the same project: the warnings a newcomer would otherwise see
    const plain = run(dir, 'npm', ['install', '--no-audit', '--no-fund', '--prefix', dir])
    expect(plain.code).toBe(0)
    expect(plain.out).toMatch(/EBADENGINE/)
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true })

    const setup = run(dir, process.execPath, [path.join(dir, 'scripts', 'setup.mjs')])
    expect(setup.code).toBe(0)
    expect(fs.existsSync(path.join(dir, 'node_modules', 'wants-new-node', 'package.json'))).toBe(true)
    expect(setup.out).not.toMatch(/EBADENGINE|npm warn/i)
    const major = Number(process.versions.node.split('.')[0])
    if (major < 22) {
      // npm's own "added N packages" line, then one line of ours
      expect(setup.out.split('\n')).toEqual([
        expect.stringMatching(/^added 1 package in /),
        expect.stringMatching(/^Installed\. Linkscope runs on this Node .*install Node 22 LTS/),
      ])
    } else expect(setup.out).toMatch(/^added 1 package in \S+$/)
  }, 180_000)

  it('refuses a Node older than the project asks for, in one line that says what to install, before npm runs', () => {
    const dir = project('>=99.1')
    const setup = run(dir, process.execPath, [path.join(dir, 'scripts', 'setup.mjs')])
    expect(setup.code).toBe(1)
    expect(setup.out).toBe(
      `Linkscope needs Node >=99.1, and this is Node ${process.versions.node}: install Node 22 LTS (nodejs.org, nvm install 22, or your package manager), then run npm run setup again.`,
    )
    expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false)
  })
})
