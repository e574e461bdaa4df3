/**
 * What the elevation attack tests run as an unprivileged user: the staged app (tests/helpers/as-user.ts)
 * with the launcher bundled for an "app" process, plus the attackers' tools compiled from C and the pkexec
 * stand-in installed setuid root. Root-owned, so only root could change it.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { type Stage, stageForOtherUser } from '../../../helpers/as-user'

export type AttackStage = { stage: Stage; helper: string; app: string; standin: string; exchange: string }

export function stageAttack(): AttackStage {
  const stage = stageForOtherUser()
  const bin = stage.path('attack-bin')
  fs.mkdirSync(bin, { mode: 0o755 })
  const cc = (name: string): string => {
    const exe = path.join(bin, name)
    execFileSync('cc', ['-O2', '-Wall', '-o', exe, path.join(__dirname, `${name}.c`)])
    return exe
  }
  const standin = cc('pkexec-standin')
  fs.chmodSync(standin, 0o4755)
  return {
    stage,
    helper: stage.path('out', 'elevation', 'helper.js'),
    app: stage.bundle('electron/elevation/launcher.ts'),
    standin,
    exchange: cc('exchange'),
  }
}
