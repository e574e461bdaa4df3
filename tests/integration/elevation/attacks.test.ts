/**
 * The attacks of the security review, run for real: a second process of the same unprivileged user as the
 * app (or the owner of a folder the helper acts in) tries, in bounded loops, to enter the helper's channel
 * or to redirect its acts into a root-owned folder. Each test asserts zero successes and an unchanged
 * protected tree. Root is needed to run the helper as root and the attackers as another user.
 */
import { type ChildProcess, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { type HelperClient, plan, startHelper } from '../../../electron/elevation/launcher'
import type { ElevatedOp, ElevatedReply } from '../../../electron/elevation/protocol'
import { OTHER_USER, runAsOtherUser, spawnAsOtherUser } from '../../helpers/as-user'
import { makeTempDir } from '../../helpers/link-tree'
import { isRoot, skipUnlessRoot } from '../../helpers/needs-root'
import { treeHash } from '../../helpers/tree-hash'
import { type AttackStage, stageAttack } from './attack/stage'

const NOBODY = OTHER_USER.uid

let stage: AttackStage
beforeAll(() => {
  if (isRoot) stage = stageAttack()
})
afterAll(() => stage?.stage.remove())

/** Exchange two names as `nobody` for `ms` milliseconds; resolves with how many exchanges were made. */
function exchanger(a: string, b: string, ms: number): { done: Promise<number>; child: ChildProcess } {
  const child = spawnAsOtherUser(stage.exchange, [a, b, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  return { child, done: new Promise((resolve) => child.on('close', () => resolve(Number(out.trim())))) }
}

/** The paths of the Unix sockets that process `pid` holds open (bound ones have a path). */
function socketPathsOf(pid: number): string[] {
  const inodes = new Set(
    fs
      .readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1]
        } catch {
          return undefined
        }
      })
      .filter((i) => i !== undefined),
  )
  return fs
    .readFileSync('/proc/net/unix', 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[6] !== undefined && inodes.has(f[6]) && f[7] !== undefined)
    .map((f) => f[7] as string)
}

const countBy = (reply: ElevatedReply): Record<string, number> => {
  const counts: Record<string, number> = {}
  if ('refused' in reply) counts[`refused ${reply.refused.code}`] = 1
  else
    for (const r of reply.results) {
      const k = r.ok ? 'ok' : r.error.code
      counts[k] = (counts[k] ?? 0) + 1
    }
  return counts
}

describe("the helper channel, attacked by another process of the app's user", () => {
  beforeEach((ctx) =>
    skipUnlessRoot(ctx, 'runs the app and the attacker as nobody, and installs a setuid stand-in for pkexec'),
  )
  // The app runs as nobody and starts the helper through the setuid stand-in for pkexec, as pkexec would.
  const APP = `
    const { startHelper } = require(process.argv[1])
    const [standin, node, helperJs] = JSON.parse(process.argv[2])
    const ops = JSON.parse(process.argv[3])
    ;(async () => {
      const h = await startHelper({ elevate: false, command: [standin, node, helperJs] })
      process.stdout.write(JSON.stringify({ app: process.pid, helper: h.pid }) + '\\n')
      await new Promise((resolve) => process.stdin.once('data', resolve))
      process.stdin.destroy()
      process.stdout.write(JSON.stringify(await h.send(ops)) + '\\n')
      await h.close()
    })().catch((e) => { process.stdout.write(JSON.stringify({ crashed: String(e) }) + '\\n') })`

  // Everything a same-user process can try without debugging the app: the app's pipe ends through /proc,
  // the helper's descriptors, any socket that appeared, all under a process name that fakes the app's pid.
  const ATTACKER = `
    const fs = require('fs'), net = require('net'), os = require('os'), path = require('path')
    const [app, helper, ms] = process.argv.slice(1).map(Number)
    try { fs.writeFileSync('/proc/self/comm', 'a",pid=' + app + ',') } catch {}
    const wins = [], connected = [], tries = { fd: 0, helperFd: 0, sockets: 0 }
    const end = Date.now() + ms
    const sockets = (dir, depth) => {
      let out = []
      try { for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name)
        // (a hung FUSE mount another test makes would stall the search: not the helper's, so not looked into)
        if (e.isSocket()) out.push(p); else if (e.isDirectory() && depth > 0 && !e.name.startsWith('linkscope-hung-')) out = out.concat(sockets(p, depth - 1))
      } } catch {}
      return out
    }
    ;(async () => {
      while (Date.now() < end) {
        for (const fd of fs.readdirSync('/proc/' + app + '/fd')) {
          let what = ''
          try { what = fs.readlinkSync('/proc/' + app + '/fd/' + fd) } catch { continue }
          if (!what.startsWith('socket:')) continue // the channel; the test checks the helper's ends are sockets
          for (const flags of ['r', 'w']) {
            tries.fd++
            try { const h = fs.openSync('/proc/' + app + '/fd/' + fd, flags); fs.closeSync(h); wins.push('opened app fd ' + fd + ' (' + what + ') ' + flags) } catch {}
          }
        }
        tries.helperFd++
        try { fs.readdirSync('/proc/' + helper + '/fd'); wins.push('listed the helper fds') } catch {}
        try { fs.closeSync(fs.openSync('/proc/' + helper + '/fd/0', 'w')); wins.push('opened the helper stdin') } catch {}
        for (const s of [...sockets(os.tmpdir(), 2), ...sockets('/run/user', 2)]) {
          tries.sockets++
          await new Promise((resolve) => {
            const c = net.connect(s, () => { connected.push(s); c.destroy(); resolve() })
            c.on('error', resolve)
          })
        }
      }
      process.stdout.write(JSON.stringify({ wins, connected: [...new Set(connected)], tries }))
    })()`

  it("cannot be found, entered or impersonated: zero successes, and only the app's own operation happens", async () => {
    const protectedDir = fs.realpathSync(makeTempDir('linkscope-protected-'))
    fs.chmodSync(protectedDir, 0o755)
    fs.writeFileSync(path.join(protectedDir, 'system-file'), 'root data')
    const before = treeHash(protectedDir)
    const ops: ElevatedOp[] = [
      plan.create({ type: 'symbolic', target: '/bin/true', link: path.join(protectedDir, 'approved-link') }),
    ]
    try {
      const app = spawnAsOtherUser(
        process.execPath,
        ['-e', APP, stage.app, JSON.stringify([stage.standin, process.execPath, stage.helper]), JSON.stringify(ops)],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      )
      if (!app.stdout || !app.stdin) throw new Error('no pipes to the app')
      const [appOut, appIn] = [app.stdout, app.stdin]
      let buffered = ''
      appOut.on('data', (d) => {
        buffered += d
      })
      const nextLine = async (): Promise<string> => {
        for (let waited = 0; !buffered.includes('\n'); waited += 20) {
          if (waited > 30_000) throw new Error(`the app said nothing more (so far: ${buffered})`)
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        const nl = buffered.indexOf('\n')
        const line = buffered.slice(0, nl)
        buffered = buffered.slice(nl + 1)
        return line
      }
      const pids = JSON.parse(await nextLine()) as { app: number; helper: number }
      expect(fs.statSync(`/proc/${pids.helper}`).uid).toBe(0) // the helper really runs as root
      // Its channel is a socket pair (Node's child stdio), which /proc cannot reopen as a pipe could be.
      for (const fd of [0, 1]) expect(fs.readlinkSync(`/proc/${pids.helper}/fd/${fd}`)).toMatch(/^socket:/)

      const attack = runAsOtherUser(process.execPath, ['-e', ATTACKER, String(pids.app), String(pids.helper), '1500'], {
        timeout: 30_000,
      })
      const result = JSON.parse(attack.stdout) as { wins: string[]; connected: string[]; tries: Record<string, number> }
      // Other programs' sockets it could reach are theirs to guard; any socket of the helper's would be a win.
      const helperSockets = socketPathsOf(pids.helper)
      const wins = [...result.wins, ...result.connected.filter((s) => helperSockets.includes(s))]
      console.log(`channel attack: ${JSON.stringify(result.tries)} tries, ${wins.length} successes`)
      expect(result.tries.fd).toBeGreaterThan(0) // it did reach the app's pipe ends
      expect(helperSockets).toEqual([])
      expect(wins).toEqual([])

      appIn.write('go\n')
      expect(JSON.parse(await nextLine())).toEqual({ results: [{ ok: true }] })
      await new Promise((resolve) => app.on('exit', resolve))
      expect(fs.lstatSync(path.join(protectedDir, 'approved-link')).uid).toBe(0)
      fs.unlinkSync(path.join(protectedDir, 'approved-link'))
      expect(treeHash(protectedDir)).toBe(before)
    } finally {
      fs.rmSync(protectedDir, { recursive: true, force: true })
    }
  })
})

describe('the helper in a folder whose owner swaps a parent for a link to a root-owned folder', () => {
  const N = 1000
  let base: string
  let att: string
  let prot: string
  let helper: HelperClient | undefined

  beforeEach((ctx) => {
    skipUnlessRoot(ctx, 'runs the helper as root and the folder owner as nobody')
    base = fs.realpathSync(makeTempDir('linkscope-h2-'))
    fs.chmodSync(base, 0o755)
    prot = path.join(base, 'protected') // root's, 0755: what the attacker must never get root to change
    att = path.join(base, 'att') // the attacker's
    fs.mkdirSync(prot, { mode: 0o755 })
    fs.mkdirSync(path.join(att, 'd'), { recursive: true })
    for (let k = 0; k < N; k++) {
      fs.symlinkSync('/bin/true', path.join(prot, `x${k}`))
      fs.symlinkSync('target-a', path.join(att, 'd', `x${k}`))
    }
    fs.symlinkSync(prot, path.join(att, 'dsym'))
    spawnSync('chown', ['-R', '-h', `${NOBODY}:${NOBODY}`, att])
  })
  afterEach(async () => {
    await helper?.close()
    helper = undefined
    if (base) fs.rmSync(base, { recursive: true, force: true })
  })

  /** Send the batch while nobody exchanges att/d (a real folder) and att/dsym (a link to protected/). */
  async function underAttack(ops: ElevatedOp[]): Promise<Record<string, number>> {
    helper ??= await startHelper({ elevate: false, command: [process.execPath, stage.helper] })
    const flip = exchanger(path.join(att, 'd'), path.join(att, 'dsym'), 60_000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const reply = await helper.send(ops)
    flip.child.kill()
    const flips = await flip.done
    expect(flips).not.toBe(0)
    // Whichever state the flipper stopped in, put the real folder back at att/d.
    if (fs.lstatSync(path.join(att, 'd')).isSymbolicLink()) {
      fs.renameSync(path.join(att, 'dsym'), path.join(att, 'tmp'))
      fs.renameSync(path.join(att, 'd'), path.join(att, 'dsym'))
      fs.renameSync(path.join(att, 'tmp'), path.join(att, 'd'))
    }
    return countBy(reply)
  }

  const d = (name: string): string => path.join(att, 'd', name)
  const strays = (): string[] => fs.readdirSync(prot).filter((n) => !/^x\d+$/.test(n))

  it.each([
    ['remove', (k: number) => plan.remove(d(`x${k}`))],
    ['retarget', (k: number) => plan.retarget({ path: d(`x${k}`), target: '/tmp/attacker-code' })],
    ['create', (k: number) => plan.create({ type: 'symbolic', target: '/tmp/attacker-code', link: d(`x${k}-new`) })],
  ] as const)('%s: 1000 tries, the protected folder never changes', async (kind, op) => {
    const before = treeHash(prot)
    const ops = Array.from({ length: N }, (_, k) => op(k))
    const outcome = await underAttack(ops)
    console.log(`parent swap during ${kind}: ${JSON.stringify(outcome)}`)
    expect(treeHash(prot)).toBe(before)
    expect(strays()).toEqual([])
    // The race was really run: some operations met the swapped folder and were refused.
    expect((outcome.FORBIDDEN ?? 0) + (outcome.CHANGED ?? 0) + (outcome.NOT_FOUND ?? 0)).toBeGreaterThan(0)
  })
})

describe('removing and retargeting while another process exchanges names', () => {
  let dir: string
  beforeEach((ctx) => {
    skipUnlessRoot(ctx, 'runs the other process as nobody')
    dir = fs.realpathSync(makeTempDir('linkscope-l3-'))
    fs.chmodSync(dir, 0o777)
  })
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('rm-link never deletes the only name of a file, in 3000 tries', async () => {
    const { removeLink } = await import('../../../electron/engine/ops')
    const x = path.join(dir, 'x')
    const y = path.join(dir, 'y')
    fs.writeFileSync(x, 'shared data')
    fs.linkSync(x, path.join(dir, 'x2')) // x has a second name; y has only one
    fs.writeFileSync(y, 'only copy')
    const onlyName = fs.statSync(y).ino
    spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir])
    const flip = exchanger(x, y, 60_000)
    const counts: Record<string, number> = {}
    let lost = 0
    for (let i = 0; i < 3000; i++) {
      let outcome = 'ok'
      try {
        removeLink(x)
      } catch (e) {
        outcome = (e as { code?: string }).code ?? String(e)
      }
      counts[outcome] = (counts[outcome] ?? 0) + 1
      if (outcome !== 'ok') continue
      // A name went: it must have been one of the shared file's. Give back whichever of x and y is missing.
      const alive = ['x', 'y'].filter((n) => {
        try {
          fs.lstatSync(path.join(dir, n))
          return true
        } catch {
          return false
        }
      })
      if (!['x', 'y'].some((n) => alive.includes(n) && fs.lstatSync(path.join(dir, n)).ino === onlyName)) lost++
      for (const n of ['x', 'y']) if (!alive.includes(n)) fs.linkSync(path.join(dir, 'x2'), path.join(dir, n))
    }
    flip.child.kill()
    expect(await flip.done).toBeGreaterThan(0)
    console.log(`rm-link under exchange: ${JSON.stringify(counts)}, single-name file deleted ${lost} times`)
    expect(lost).toBe(0)
    expect(counts.ok ?? 0).toBeGreaterThan(0)
    expect(counts.LAST_NAME ?? 0).toBeGreaterThan(0) // the race was met
  })

  it('retarget never replaces a file that was swapped in, in 1000 tries', async () => {
    const { retargetLink } = await import('../../../electron/engine/ops')
    const l = path.join(dir, 'l')
    const f = path.join(dir, 'f')
    fs.symlinkSync('one', l)
    fs.writeFileSync(f, 'data that must survive')
    spawnSync('chown', ['-R', '-h', `${NOBODY}:${NOBODY}`, dir])
    const file = fs.statSync(f).ino
    const flip = exchanger(l, f, 60_000)
    const counts: Record<string, number> = {}
    for (let i = 0; i < 1000; i++) {
      let outcome = 'ok'
      try {
        retargetLink({ path: l, target: i % 2 ? 'one' : 'two' })
      } catch (e) {
        outcome = (e as { code?: string }).code ?? String(e)
      }
      counts[outcome] = (counts[outcome] ?? 0) + 1
    }
    flip.child.kill()
    expect(await flip.done).toBeGreaterThan(0)
    const names = fs.readdirSync(dir)
    console.log(`retarget under exchange: ${JSON.stringify(counts)}; left: ${names.join(' ')}`)
    expect(names.map((n) => fs.lstatSync(path.join(dir, n)).ino)).toContain(file)
    const survivor = names.find((n) => fs.lstatSync(path.join(dir, n)).ino === file) as string
    expect(fs.readFileSync(path.join(dir, survivor), 'utf8')).toBe('data that must survive')
    expect(names.filter((n) => n.startsWith('.'))).toEqual([]) // no temporary link or private folder left
  })
})
