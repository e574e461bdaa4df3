/**
 * What a newcomer's machine meets: `npm test` first runs scripts/install-system-deps.sh, which installs the
 * Debian packages the tests need; and `npm link` puts the `linkscope` command on PATH (README).
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { runAsOtherUser, SWITCHES_USER } from '../../helpers/as-user'
import { REPO } from '../../helpers/built'
import { skipUnlessRoot } from '../../helpers/needs-root'

const SCRIPT = path.join(REPO, 'scripts', 'install-system-deps.sh')
const temp: string[] = []
const tempDir = (prefix: string): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  temp.push(d)
  return d
}
afterAll(() => {
  for (const d of temp) fs.rmSync(d, { recursive: true, force: true })
})

describe('scripts/install-system-deps.sh', () => {
  it('on a bare machine, for a user without sudo, names every package and the command, and installs nothing', (ctx) => {
    skipUnlessRoot(ctx, SWITCHES_USER)
    // A PATH with none of the tools (nor sudo, nor apt-get): only `id`, which the script asks who runs it.
    const bin = tempDir('ls-bare-path-')
    fs.symlinkSync('/usr/bin/id', path.join(bin, 'id'))
    // mkdtemp makes it private, and the checkout may be too (CI clones into one): the other user gets a copy.
    fs.chmodSync(bin, 0o755)
    const script = path.join(bin, 'install-system-deps.sh')
    fs.copyFileSync(SCRIPT, script)
    fs.chmodSync(script, 0o644)
    const r = runAsOtherUser('/usr/bin/env', ['-i', `PATH=${bin}`, '/bin/bash', script])
    expect(r.status).toBe(1)
    const packages =
      'chromium wine wine64 symlinks bfs fd-find util-linux desktop-file-utils librsvg2-bin nsis attr acl jdupes rdfind fdupes'
    expect(r.stdout).toBe(`Installing Debian packages: ${packages}\n`)
    expect(r.stderr).toBe(`Need root to install ${packages} (apt-get install ${packages}).\n`)
  })

  it('on a machine that has them all, says nothing and succeeds', () => {
    const r = spawnSync('bash', [SCRIPT], { encoding: 'utf8' })
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: '', stderr: '' })
  })
})

describe('npm link', () => {
  it('puts `linkscope` on PATH: the command runs from anywhere', () => {
    const prefix = tempDir('ls-npm-prefix-')
    const npm = spawnSync('npm', ['link', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, npm_config_prefix: prefix },
      timeout: 120_000,
    })
    expect(npm.status, npm.stderr).toBe(0)
    const command = path.join(prefix, 'bin', 'linkscope')
    const r = spawnSync(command, ['ls', REPO, '--json'], {
      cwd: os.tmpdir(),
      encoding: 'utf8',
      env: { ...process.env, PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}` },
    })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('"name":"package.json"')
  }, 180_000)
})
