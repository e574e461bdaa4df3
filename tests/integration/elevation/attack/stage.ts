/**
 * A world-readable copy of what the elevation attack tests run as an unprivileged user: the helper bundle
 * and the native addon, the launcher bundled for an "app" process, and the attackers' tools compiled from
 * C (the pkexec stand-in installed setuid root). Root-owned, so only root could change it.
 */
import { execFileSync } from 'node:child_process'
import { buildSync } from 'esbuild'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { REPO } from '../../../helpers/built'
import { makeTempDir } from '../../../helpers/link-tree'

export type Stage = { dir: string; helper: string; app: string; standin: string; exchange: string; remove(): void }

export function stageAttack(): Stage {
  const dir = fs.realpathSync(makeTempDir('linkscope-attack-'))
  fs.chmodSync(dir, 0o755)
  const out = path.join(dir, 'out')
  fs.mkdirSync(path.join(out, 'elevation'), { recursive: true, mode: 0o755 })
  fs.mkdirSync(path.join(out, 'native'), { mode: 0o755 })
  const helper = path.join(out, 'elevation', 'helper.js')
  fs.copyFileSync(path.join(REPO, 'out', 'elevation', 'helper.js'), helper)
  fs.copyFileSync(path.join(REPO, 'out', 'native', 'linkscope_scan.node'), path.join(out, 'native', 'linkscope_scan.node'))
  const app = path.join(dir, 'launcher.cjs')
  buildSync({
    entryPoints: [path.join(REPO, 'electron', 'elevation', 'launcher.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: app, logLevel: 'warning',
  })
  const bin = path.join(dir, 'bin')
  fs.mkdirSync(bin, { mode: 0o755 })
  const cc = (name: string): string => {
    const exe = path.join(bin, name)
    execFileSync('cc', ['-O2', '-Wall', '-o', exe, path.join(__dirname, `${name}.c`)])
    return exe
  }
  const standin = cc('pkexec-standin')
  fs.chmodSync(standin, 0o4755)
  const exchange = cc('exchange')
  for (const f of [helper, app, path.join(out, 'native', 'linkscope_scan.node')]) fs.chmodSync(f, 0o644)
  return { dir, helper, app, standin, exchange, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}
