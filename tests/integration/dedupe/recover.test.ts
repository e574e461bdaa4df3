/**
 * Every state a killed run can leave, made deliberately and tidied up by the next run: the temporary
 * name made, moved into the replace's private folder, exchanged with the path, and a copy cut short.
 */
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { recoverUnfinished } from '../../../electron/engine/dedupe'
import { type Before, Journal, readJournal, unfinishedJournals } from '../../../electron/engine/dedupe/journal'
import { eachTestTree, idOf, type Tree } from './dedupe-helpers'

let t: Tree
eachTestTree((tree) => (t = tree))

const look = (p: string): Before => {
  const st = fs.lstatSync(p)
  return {
    id: idOf(p),
    size: st.size,
    mtimeMs: st.mtimeMs,
    atimeMs: st.atimeMs,
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
  }
}
/** A private folder as the replace makes it: `.linkscope-` and 16 hex digits, mode 0700. */
const privateFolder = (dir: string): string => {
  const f = path.join(dir, `.linkscope-${randomBytes(8).toString('hex')}`)
  fs.mkdirSync(f, { mode: 0o700 })
  return f
}

/** keeper and dup with equal bytes, and a journal that was about to make dup a name of keeper. */
function linkStep(): { keeper: string; dup: string; temp: string; dupId: string; journal: Journal } {
  const keeper = t.write('keeper', 'same bytes\n')
  const dup = t.write('sub/dup', 'same bytes\n')
  const temp = t.p('sub/.linkscope-tmp-0123456789ab')
  const journal = Journal.create('dedupe')
  journal.write({ type: 'link', path: dup, temp, keeper, keeperId: idOf(keeper), before: look(dup) })
  return { keeper, dup, temp, dupId: idOf(dup), journal }
}

const names = (): string[] => fs.readdirSync(t.root, { recursive: true }).map(String).sort()

describe('recoverUnfinished', () => {
  it('removes the temporary name made before the replace; the path keeps its file', () => {
    const s = linkStep()
    fs.linkSync(s.keeper, s.temp)
    const r = recoverUnfinished()
    expect(r.removed).toEqual([s.temp])
    expect(idOf(s.dup)).toBe(s.dupId)
    expect(names()).toEqual(['keeper', 'sub', 'sub/dup'])
    expect(readJournal(s.journal.path).at(-1)?.type).toBe('recovered')
    expect(unfinishedJournals()).toEqual([])
  })

  it('removes the old entry left at the temporary name after an exchange in place; the path is already the keeper', () => {
    const s = linkStep()
    fs.renameSync(s.dup, s.temp)
    fs.linkSync(s.keeper, s.dup)
    const r = recoverUnfinished()
    expect(r.removed).toEqual([s.temp])
    expect(idOf(s.dup)).toBe(idOf(s.keeper))
    expect(names()).toEqual(['keeper', 'sub', 'sub/dup'])
  })

  it('removes the new name held in the private folder before the exchange, and the folder', () => {
    const s = linkStep()
    const held = path.join(privateFolder(t.p('sub')), 'entry')
    fs.linkSync(s.keeper, held)
    recoverUnfinished()
    expect(idOf(s.dup)).toBe(s.dupId)
    expect(fs.statSync(s.keeper).nlink).toBe(1)
    expect(names()).toEqual(['keeper', 'sub', 'sub/dup'])
  })

  it('removes the old entry held after the exchange: the path is already the keeper with the same bytes', () => {
    const s = linkStep()
    const held = path.join(privateFolder(t.p('sub')), 'entry')
    fs.renameSync(s.dup, held)
    fs.linkSync(s.keeper, s.dup)
    recoverUnfinished()
    expect(idOf(s.dup)).toBe(idOf(s.keeper))
    expect(fs.readFileSync(s.dup, 'utf8')).toBe('same bytes\n')
    expect(names()).toEqual(['keeper', 'sub', 'sub/dup'])
  })

  it('puts the old entry back when the path is missing', () => {
    const s = linkStep()
    const held = path.join(privateFolder(t.p('sub')), 'entry')
    fs.renameSync(s.dup, held)
    const r = recoverUnfinished()
    expect(r.restored).toEqual([s.dup])
    expect(idOf(s.dup)).toBe(s.dupId)
    expect(names()).toEqual(['keeper', 'sub', 'sub/dup'])
  })

  it('removes a copy cut short before it was recorded as made; leaves folders and files it does not know', () => {
    const p = t.write('shared', 'one file, two names\n')
    fs.linkSync(p, t.p('shared-2'))
    const temp = t.p('.linkscope-tmp-aaaaaaaaaaaa')
    const journal = Journal.create('split')
    journal.write({ type: 'copy', path: p, temp, fromId: idOf(p), before: look(p) })
    fs.writeFileSync(temp, 'one file')
    const foreign = privateFolder(t.root)
    fs.writeFileSync(path.join(foreign, 'entry'), 'not ours')
    recoverUnfinished()
    expect(fs.existsSync(temp)).toBe(false)
    expect(fs.readFileSync(path.join(foreign, 'entry'), 'utf8')).toBe('not ours')
    expect(fs.statSync(p).nlink).toBe(2)
  })

  it('leaves alone a journal that ended', () => {
    const s = linkStep()
    fs.linkSync(s.keeper, s.temp)
    s.journal.close({})
    expect(recoverUnfinished().journals).toEqual([])
    expect(fs.existsSync(s.temp)).toBe(true)
  })
})
