/**
 * Moving folders whose names are not UTF-8 (issue 16): a folder holding such a name, and a folder whose
 * own name is such bytes, move across devices and back with every byte reachable at SRC's name; the link
 * left behind stores the copy's path as its bytes, and nothing of the run is left beside it.
 */
import * as fs from 'node:fs'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { fromFsBytes } from '../../../electron/engine/fs/fs-names'
import { moveBack, moveFolder, recoverMoves } from '../../../electron/engine/move'
import { platform } from '../../../electron/engine/platform'
import {
  buildMoveFixture,
  codeOf,
  leftovers,
  type MoveFixture,
  RAW_NAME,
  reachable,
  removeMoveFixture,
} from './move-fixture'

let fx: MoveFixture
beforeEach(() => {
  fx = buildMoveFixture({ rawName: true })
  process.env.LINKSCOPE_STATE_DIR = fx.state
})
afterEach(() => removeMoveFixture(fx))

/** SRC renamed to a name of raw bytes: as bytes, as Linkscope's string, and what is reachable there. */
function renamedToBytes(): { rawDir: Buffer; src: string; before: string[] } {
  const rawDir = Buffer.concat([Buffer.from(fx.top + '/'), RAW_NAME])
  fs.renameSync(fx.src, rawDir)
  return { rawDir, src: fromFsBytes(rawDir), before: reachable(rawDir) }
}

/** `p` (a Linkscope string, raw bytes escaped) as the bytes the file system holds. */
const bytesOf = (p: string): Buffer => Buffer.from(fs.realpathSync(p, { encoding: 'buffer' }))

describe('move and move back with names that are not UTF-8', () => {
  it('a folder holding such a name: moved and back, every byte intact', async () => {
    const before = reachable(fx.src)
    expect(before.some((l) => l.includes(RAW_NAME.toString('hex')))).toBe(true)
    const r = await moveFolder(fx.src, fx.dest, { linksRoot: fx.top })
    expect(r.verified).toBe(true)
    expect(fs.lstatSync(fx.src).isSymbolicLink()).toBe(true)
    expect(reachable(fx.src)).toEqual(before)
    await moveBack(fx.src, { linksRoot: fx.top })
    expect(fs.lstatSync(fx.src).isDirectory()).toBe(true)
    expect(reachable(fx.src)).toEqual(before)
    expect(fs.readdirSync(fx.dest)).toEqual([])
    expect(leftovers(fx.top)).toEqual([])
  })

  it('a folder whose own name is such bytes: moved and back, the link storing its bytes', async () => {
    const { rawDir, src, before } = renamedToBytes()
    const r = await moveFolder(src, fx.dest, { linksRoot: fx.top })
    const copyBytes = Buffer.concat([bytesOf(fx.dest), Buffer.from('/'), RAW_NAME])
    expect(fs.readlinkSync(rawDir, { encoding: 'buffer' })).toEqual(copyBytes)
    expect(fs.lstatSync(copyBytes).isDirectory()).toBe(true)
    expect(r.moved).toBe(src)
    expect(reachable(rawDir)).toEqual(before)
    await moveBack(src, { linksRoot: fx.top })
    expect(fs.lstatSync(rawDir).isDirectory()).toBe(true)
    expect(reachable(rawDir)).toEqual(before)
    expect(fs.readdirSync(fx.dest)).toEqual([])
    expect(leftovers(fx.top)).toEqual([])
  })

  it('a run stopped after the copy or after the swap is undone or finished by its journal, bytes intact', async () => {
    const { rawDir, src, before } = renamedToBytes()
    expect(await codeOf(moveFolder(src, fx.dest, { linksRoot: fx.top, stopAfter: 'copied' }))).toBe('CANCELLED')
    expect(recoverMoves(platform()).map((r) => r.outcome)).toEqual(['rolled-back'])
    expect(fs.lstatSync(rawDir).isDirectory()).toBe(true)
    expect(fs.readdirSync(fx.dest)).toEqual([])
    expect(await codeOf(moveFolder(src, fx.dest, { linksRoot: fx.top, stopAfter: 'swapped' }))).toBe('CANCELLED')
    expect(recoverMoves(platform()).map((r) => r.outcome)).toEqual(['finished'])
    expect(fs.lstatSync(rawDir).isSymbolicLink()).toBe(true)
    expect(reachable(rawDir)).toEqual(before)
    expect(leftovers(fx.top)).toEqual([])
  })
})
