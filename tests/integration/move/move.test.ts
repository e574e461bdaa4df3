/**
 * moveFolder / moveBack and `linkscope move` / `move-back` (issue 16) on real trees across two devices
 * (the temp dir's ext4 and /dev/shm): everything reachable at SRC's name is the same before, after the
 * move (through the link left there) and after the move back; links inside are kept or fixed, links from
 * elsewhere keep working; refusals are typed and change nothing; a cancel removes the partial copy.
 */
import { spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { moveBack, moveFolder, previewMove } from '../../../electron/engine/move'
import { madeByMove } from '../../../electron/engine/move'
import { CLI } from '../../helpers/built'
import { treeHash } from '../../helpers/tree-hash'
import { buildMoveFixture, codeOf, leftovers, type MoveFixture, reachable, removeMoveFixture } from './move-fixture'

let fx: MoveFixture
beforeEach(() => {
  fx = buildMoveFixture()
  process.env.LINKSCOPE_STATE_DIR = fx.state
})
afterEach(() => removeMoveFixture(fx))

describe('move and move back across devices', () => {
  it('leaves a link at SRC to a verified copy on the other device, and move-back restores the folder', async () => {
    const before = reachable(fx.src)
    const aTime = fs.statSync(path.join(fx.src, 'a.txt')).mtimeMs
    const r = await moveFolder(fx.src, fx.dest, { linksRoot: fx.top })
    const to = path.join(fx.dest, path.basename(fx.src))
    expect(r).toMatchObject({ moved: fx.src, to, link: { kind: 'symlink', target: to }, verified: true })
    expect(r.files).toBe(24)
    expect(fs.lstatSync(fx.src).isSymbolicLink()).toBe(true)
    expect(fs.readlinkSync(fx.src)).toBe(to)
    expect(fs.statSync(to).dev).not.toBe(fs.statSync(fx.top).dev)
    expect(reachable(fx.src)).toEqual(before)
    expect(fs.statSync(path.join(fx.src, 'a.txt')).mtimeMs).toBeCloseTo(aTime, 0)
    // inside: relative links into SRC unchanged, absolute ones rebased, ones leading out still lead there
    expect(fs.readlinkSync(path.join(to, 'sub', 'rel-in'))).toBe('../a.txt')
    expect(fs.readlinkSync(path.join(to, 'abs-in'))).toBe(path.join(to, 'sub', 'deeper'))
    expect(fs.realpathSync(path.join(to, 'rel-out'))).toBe(path.join(fx.other, 'outside.txt'))
    expect(fs.readlinkSync(path.join(to, 'abs-out'))).toBe(path.join(fx.other, 'outside.txt'))
    // from elsewhere: still lead to the same bytes, through the link
    expect(fs.readFileSync(path.join(fx.other, 'rel-into'), 'utf8')).toBe('alpha\n')
    expect(fs.statSync(path.join(fx.other, 'abs-into')).size).toBe(300_000)
    expect(leftovers(fx.top)).toEqual([])
    expect(madeByMove(fx.src)).toBe(true)

    const back = await moveBack(fx.src, { linksRoot: fx.top })
    expect(back).toMatchObject({ moved: fx.src, to: fx.src, link: null, verified: true, files: 24 })
    expect(fs.lstatSync(fx.src).isDirectory()).toBe(true)
    expect(fs.existsSync(to)).toBe(false)
    expect(reachable(fx.src)).toEqual(before)
    expect(fs.readlinkSync(path.join(fx.src, 'abs-in'))).toBe(path.join(fx.src, 'sub', 'deeper'))
    expect(fs.readlinkSync(path.join(fx.src, 'rel-out'))).toBe('../other/outside.txt')
    expect(leftovers(fx.top)).toEqual([])
    expect(madeByMove(fx.src)).toBe(false)
  })

  it('the preflight lists links from elsewhere and what becomes of each, and the open-files check', async () => {
    const pf = await previewMove(fx.src, fx.dest, { linksRoot: fx.top })
    expect(pf.refusal).toBeNull()
    expect(pf.incoming.map((l) => [path.basename(l.path), l.fate]).sort()).toEqual([
      ['abs-into', 'resolves-through-link'],
      ['rel-into', 'resolves-through-link'],
    ])
    expect(pf.freeBytes).toBeGreaterThan(pf.needBytes)
    expect(pf.openFiles.note).toMatch(/process/)
    await moveFolder(fx.src, fx.dest, { linksRoot: fx.top })
    const { previewMoveBack } = await import('../../../electron/engine/move')
    const back = await previewMoveBack(fx.src, { linksRoot: '/dev/shm' })
    expect(back.op).toBe('move-back')
  })

  it('refuses hard links with names outside SRC (OUTSIDE_NAMES), changing nothing; --split-outside moves anyway', async () => {
    fs.linkSync(path.join(fx.src, 'sub', 'f0.dat'), path.join(fx.other, 'f0-outside.dat'))
    const before = [treeHash(fx.src), treeHash(fx.other), treeHash(fx.dest)]
    expect(await codeOf(moveFolder(fx.src, fx.dest, { linksRoot: fx.top }))).toBe('OUTSIDE_NAMES')
    expect([treeHash(fx.src), treeHash(fx.other), treeHash(fx.dest)]).toEqual(before)
    const seen = reachable(fx.src)
    const r = await moveFolder(fx.src, fx.dest, { linksRoot: fx.top, splitOutside: true })
    expect(r.verified).toBe(true)
    expect(reachable(fx.src)).toEqual(seen)
    expect(fs.statSync(path.join(fx.other, 'f0-outside.dat')).nlink).toBe(1)
    expect(fs.readFileSync(path.join(fx.other, 'f0-outside.dat'), 'utf8')).toBe('file 0\n')
  })

  it('refuses while a process holds a file inside open for writing (OPEN_FILES), changing nothing', async () => {
    const held = path.join(fx.src, 'sub', 'f1.dat')
    const child = spawn('bash', ['-c', 'exec 3>>"$1"; echo ready; read -r _', 'holder', held], {
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
      const before = treeHash(fx.src)
      const destBefore = treeHash(fx.dest)
      expect(await codeOf(moveFolder(fx.src, fx.dest, { linksRoot: fx.top }))).toBe('OPEN_FILES')
      expect(treeHash(fx.src)).toBe(before)
      expect(treeHash(fx.dest)).toBe(destBefore)
    } finally {
      child.stdin.end()
      child.kill()
    }
  })

  it('a cancel during the copy removes the partial copy and leaves SRC as it was', async () => {
    const before = treeHash(fx.src)
    const controller = new AbortController()
    const p = moveFolder(fx.src, fx.dest, {
      linksRoot: fx.top,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    })
    expect(await codeOf(p)).toBe('CANCELLED')
    expect(treeHash(fx.src)).toBe(before)
    expect(fs.readdirSync(fx.dest)).toEqual([])
    expect(leftovers(fx.top)).toEqual([])
  })

  it('refuses bad input with typed errors and changes nothing', async () => {
    const before = treeHash(fx.src)
    fs.mkdirSync(path.join(fx.dest, path.basename(fx.src)))
    const cases: [() => Promise<unknown>, string][] = [
      [() => moveFolder(fx.src, fx.dest, { linksRoot: fx.top }), 'ALREADY_EXISTS'],
      [() => moveFolder(path.join(fx.top, 'none'), fx.dest), 'NOT_FOUND'],
      [() => moveFolder(fx.src, path.join(fx.src, 'sub')), 'INVALID_ARGUMENT'],
      [() => moveFolder(path.join(fx.src, 'a.txt'), fx.dest), 'NOT_A_DIRECTORY'],
      [() => moveFolder(fx.src, path.join(fx.src, 'a.txt')), 'NOT_A_DIRECTORY'],
      [() => moveFolder(fx.src, fx.other, { leave: 'junction', linksRoot: fx.top }), 'UNSUPPORTED_ON_PLATFORM'],
      [() => moveBack(path.join(fx.src, 'sub')), 'NOT_A_LINK'],
      [() => moveBack(path.join(fx.src, 'rel-out')), 'NOT_A_DIRECTORY'],
    ]
    for (const [p, code] of cases) expect([code, await codeOf(p())]).toEqual([code, code])
    expect(treeHash(fx.src)).toBe(before)
  })
})

describe('linkscope move / move-back', () => {
  it('prints the preflight and the result as JSON, and move-back reverses it', () => {
    const before = reachable(fx.src)
    const env = { ...process.env, LINKSCOPE_STATE_DIR: fx.state }
    const r = spawnSync(process.execPath, [CLI, 'move', fx.src, fx.dest, '--links-root', fx.top, '--json'], {
      encoding: 'utf8',
      env,
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines[0]).toHaveProperty('preflight')
    const to = path.join(fx.dest, path.basename(fx.src))
    expect(lines[1]).toMatchObject({
      moved: fx.src,
      to,
      link: { kind: 'symlink', target: to },
      files: 24,
      verified: true,
    })
    expect(reachable(fx.src)).toEqual(before)
    const b = spawnSync(process.execPath, [CLI, 'move-back', fx.src, '--links-root', fx.top], { encoding: 'utf8', env })
    expect(b.status).toBe(0)
    expect(b.stdout).toMatch(/verified/)
    expect(fs.lstatSync(fx.src).isDirectory()).toBe(true)
    expect(reachable(fx.src)).toEqual(before)
  })

  it('a refusal is exit 1 with the typed code last, and --dry-run changes nothing', () => {
    fs.linkSync(path.join(fx.src, 'sub', 'f0.dat'), path.join(fx.other, 'f0-outside.dat'))
    const before = treeHash(fx.src)
    const env = { ...process.env, LINKSCOPE_STATE_DIR: fx.state }
    const r = spawnSync(process.execPath, [CLI, 'move', fx.src, fx.dest, '--links-root', fx.top, '--json'], {
      encoding: 'utf8',
      env,
    })
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1) as string)).toMatchObject({ error: { code: 'OUTSIDE_NAMES' } })
    const d = spawnSync(
      process.execPath,
      [CLI, 'move', fx.src, fx.dest, '--links-root', fx.top, '--split-outside', '--dry-run'],
      { encoding: 'utf8', env },
    )
    expect(d.status).toBe(0)
    expect(d.stdout).toMatch(/outside names: sub\/f0.dat/)
    expect(treeHash(fx.src)).toBe(before)
    expect(fs.readdirSync(fx.dest)).toEqual([])
  })
})
