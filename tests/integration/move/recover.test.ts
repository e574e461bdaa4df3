/**
 * A move or move-back stopped at any instant leaves the data reachable at SRC's name, and the next run
 * recovers: each journalled state in turn (deterministic), a crash between the two renames of a Windows
 * swap (through the fake Windows link layer, which also takes the junction path), and SIGKILL at random
 * instants of the real CLI in a bounded loop. A full destination (a 1 MiB tmpfs) is NO_SPACE with
 * nothing changed.
 */
import { spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { moveBack, moveFolder, recoverMoves } from '../../../electron/engine/move'
import { platform } from '../../../electron/engine/platform'
import { fakeWin32Links } from '../../fakes/fake-junctions'
import { CLI } from '../../helpers/built'
import { mulberry32 } from '../../helpers/mulberry32.mjs'
import { skipUnlessRoot } from '../../helpers/needs-root'
import { treeHash } from '../../helpers/tree-hash'
import { buildMoveFixture, codeOf, leftovers, type MoveFixture, reachable, removeMoveFixture } from './move-fixture'

let fx: MoveFixture
let before: string[]
beforeEach(() => {
  fx = buildMoveFixture({ files: 200 })
  process.env.LINKSCOPE_STATE_DIR = fx.state
  before = reachable(fx.src)
})
afterEach(() => removeMoveFixture(fx))
const copyPath = (): string => path.join(fx.dest, path.basename(fx.src))
const isLink = (p: string): boolean => fs.lstatSync(p).isSymbolicLink()

/** After a recovery: all data at SRC's name, once, and nothing left over on either side. */
function settled(): 'moved' | 'not moved' {
  expect(reachable(fx.src)).toEqual(before)
  expect(leftovers(fx.top)).toEqual([])
  if (isLink(fx.src)) {
    expect(fs.readlinkSync(fx.src)).toBe(copyPath())
    return 'moved'
  }
  expect(fs.readdirSync(fx.dest)).toEqual([])
  return 'not moved'
}

describe('recovery from each journalled state', () => {
  it('stopped after the verified copy: the next run removes the copy (move and move-back)', async () => {
    expect(await codeOf(moveFolder(fx.src, fx.dest, { linksRoot: fx.top, stopAfter: 'copied' }))).toBe('CANCELLED')
    expect(reachable(fx.src)).toEqual(before)
    expect(recoverMoves(platform()).map((r) => r.outcome)).toEqual(['rolled-back'])
    expect(settled()).toBe('not moved')
    await moveFolder(fx.src, fx.dest, { linksRoot: fx.top })
    expect(await codeOf(moveBack(fx.src, { linksRoot: fx.top, stopAfter: 'copied' }))).toBe('CANCELLED')
    expect(reachable(fx.src)).toEqual(before)
    expect(recoverMoves(platform()).map((r) => r.outcome)).toEqual(['rolled-back'])
    expect(settled()).toBe('moved')
  })

  it('stopped after the swap: the next run deletes what was swapped out (move and move-back)', async () => {
    expect(await codeOf(moveFolder(fx.src, fx.dest, { linksRoot: fx.top, stopAfter: 'swapped' }))).toBe('CANCELLED')
    expect(reachable(fx.src)).toEqual(before)
    expect(leftovers(fx.top)).toHaveLength(1) // the original, set aside, not yet deleted
    expect(recoverMoves(platform()).map((r) => r.outcome)).toEqual(['finished'])
    expect(settled()).toBe('moved')
    expect(await codeOf(moveBack(fx.src, { linksRoot: fx.top, stopAfter: 'swapped' }))).toBe('CANCELLED')
    expect(fs.lstatSync(fx.src).isDirectory()).toBe(true)
    expect(recoverMoves(platform()).map((r) => r.outcome)).toEqual(['finished'])
    expect(settled()).toBe('not moved')
    expect(recoverMoves(platform())).toEqual([]) // nothing twice
  })
})

describe('Windows: junctions and the two-rename swap (fake link layer)', () => {
  it('leaves a junction by default, and move-back undoes it', async () => {
    const win = fakeWin32Links()
    const r = await moveFolder(fx.src, fx.dest, { linksRoot: fx.top, platform: win })
    expect(r.link).toEqual({ kind: 'junction', target: copyPath() })
    expect(win.junctions.has(fx.src)).toBe(true)
    expect(win.renames).toHaveLength(2) // place aside, then the junction into its name
    expect(reachable(fx.src)).toEqual(before)
    expect(leftovers(fx.top)).toEqual([])
    const back = await moveBack(fx.src, { linksRoot: fx.top, platform: win })
    expect(back.link).toBeNull()
    expect(win.junctions.size).toBe(0)
    expect(settled()).toBe('not moved')
  })

  it('a symbolic link needs a privilege there: PRIVILEGE_REQUIRED, nothing changed', async () => {
    const hash = treeHash(fx.src)
    expect(
      await codeOf(moveFolder(fx.src, fx.dest, { linksRoot: fx.top, platform: fakeWin32Links(), leave: 'symlink' })),
    ).toBe('PRIVILEGE_REQUIRED')
    expect(treeHash(fx.src)).toBe(hash)
    expect(fs.readdirSync(fx.dest)).toEqual([])
  })

  it('a crash between the two renames leaves the data aside, and the next run puts it back', async () => {
    const win = fakeWin32Links()
    win.crashOnRename = 2
    await expect(moveFolder(fx.src, fx.dest, { linksRoot: fx.top, platform: win })).rejects.toThrow('killed here')
    expect(fs.existsSync(fx.src)).toBe(false)
    const aside = leftovers(fx.top).find((n) => n.includes('-aside-')) as string
    // every byte is there; absolute links into SRC's name lead nowhere until it is back
    const noLinks = (lines: string[]): string[] => lines.filter((l) => !l.includes(' link -> '))
    expect(noLinks(reachable(path.join(fx.top, aside)))).toEqual(noLinks(before))
    win.crashOnRename = undefined
    expect(recoverMoves(win).map((r) => r.outcome)).toEqual(['rolled-back'])
    expect(settled()).toBe('not moved')
  })
})

describe('SIGKILL at random instants', () => {
  it("every byte stays reachable at SRC's name, and the next run recovers (bounded loop)", async () => {
    const env = { ...process.env, LINKSCOPE_STATE_DIR: fx.state }
    const cli = (args: string[]) =>
      spawn(process.execPath, [CLI, ...args, '--links-root', fx.top, '--json'], { env, stdio: 'ignore' })
    // One uninterrupted run sets the range of instants: from its journal's creation (after start-up and
    // the preflight, which change nothing) to its end.
    const journals = (): number => {
      try {
        return fs.readdirSync(path.join(fx.state, 'journals', 'moves')).length
      } catch {
        return 0
      }
    }
    const journalAppears = async (count: number, child: { exitCode: number | null }): Promise<number> => {
      const t = performance.now()
      while (journals() === count && child.exitCode === null && performance.now() - t < 30_000)
        await new Promise((r) => setTimeout(r, 2))
      return performance.now()
    }
    const timed = async (args: string[]): Promise<number> => {
      const count = journals()
      const child = cli(args)
      const exit = new Promise((resolve) => child.once('exit', resolve))
      const t = await journalAppears(count, child)
      await exit
      expect(child.exitCode).toBe(0)
      return performance.now() - t
    }
    const span = { move: await timed(['move', fx.src, fx.dest]), 'move-back': await timed(['move-back', fx.src]) }
    const random = mulberry32(16)
    const kills = { move: 0, 'move-back': 0 }
    const outcomes: string[] = []
    for (let i = 0; i < 20 && (kills.move < 5 || kills['move-back'] < 5); i++) {
      const op = isLink(fx.src) ? 'move-back' : 'move'
      const count = journals()
      const child = cli(op === 'move' ? ['move', fx.src, fx.dest] : ['move-back', fx.src])
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      await journalAppears(count, child)
      await new Promise((resolve) => setTimeout(resolve, random() * span[op] * 1.2))
      child.kill('SIGKILL')
      const code = await exited
      if (code === null) kills[op]++
      expect(reachable(fx.src)).toEqual(before) // at the instant after the kill, before any recovery
      outcomes.push(
        `${op}:${code === null ? 'killed' : 'done'}:${
          recoverMoves(platform())
            .map((r) => r.outcome)
            .join('+') || 'nothing'
        }`,
      )
      settled()
    }
    console.log(
      `SIGKILL loop (spans ${Math.round(span.move)}/${Math.round(span['move-back'])} ms): ${outcomes.join(' ')}`,
    )
    expect(kills.move + kills['move-back']).toBeGreaterThan(0)
  }, 300_000)
})

describe('a full destination', () => {
  let mnt = ''
  beforeEach((ctx) => {
    skipUnlessRoot(ctx, 'mounts a 1 MiB tmpfs')
    mnt = path.join(fx.top, 'small')
    fs.mkdirSync(mnt)
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'linkscope-move-full', mnt], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`mount failed: ${r.stderr}`)
  })
  afterEach(() => {
    if (mnt) spawnSync('umount', ['-l', mnt])
  })

  it('is NO_SPACE before anything is copied, with both trees as they were', async () => {
    fs.writeFileSync(path.join(fx.src, 'two-mib.bin'), Buffer.alloc(2 << 20, 1))
    const hashes = [treeHash(fx.src), treeHash(mnt)]
    expect(await codeOf(moveFolder(fx.src, mnt, { linksRoot: fx.top }))).toBe('NO_SPACE')
    expect([treeHash(fx.src), treeHash(mnt)]).toEqual(hashes)
    expect(leftovers(fx.top)).toEqual([])
  })
})
