/**
 * Retarget-prefix in runs (one folder's links together, its handle opened once): runs longer than one
 * chunk and across folders retarget every link and leave no temporary name; inside a run (made in one
 * call or off the JavaScript thread), a link that changed since it was listed fails alone and stays as it
 * is; a cancel while runs are in flight reports exactly the links they retargeted; a run whose folder is gone fails whole with
 * a typed code and changes nothing.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { TEMP_MARK } from '../../../electron/engine/ops/retarget'
import { type PrefixRecord, retargetPrefix, undoPrefixBatch } from '../../../electron/engine/tree'
import { BatchTempNames } from '../../../electron/engine/tree/retarget-prefix-exchange'
import {
  type Candidate,
  recordsOfRun,
  recordsOfRunAsync,
  RUN_LINKS,
} from '../../../electron/engine/tree/retarget-prefix-runs'
import { makeTempDir } from '../../helpers/link-tree'

let top: string
let root: string
let oldDir: string
let newDir: string

const allNames = (): string[] => fs.readdirSync(root, { recursive: true, encoding: 'utf8' })
const idOf = (p: string): string => {
  const st = fs.lstatSync(p)
  return `${st.dev}:${st.ino}`
}

beforeEach(() => {
  top = makeTempDir('linkscope-prefix-runs-')
  root = path.join(top, 'root')
  oldDir = path.join(top, 'old')
  newDir = path.join(top, 'new')
  for (const d of [oldDir, newDir, path.join(root, 'big'), path.join(root, 'small')])
    fs.mkdirSync(d, { recursive: true })
})
afterEach(() => fs.rmSync(top, { recursive: true, force: true }))

describe('retarget-prefix runs', () => {
  it('retargets every link of runs longer than a chunk and across folders, leaving no temporary name', async () => {
    const big = RUN_LINKS + 3
    for (let i = 0; i < big; i++) fs.symlinkSync(path.join(oldDir, `t${i}`), path.join(root, 'big', `l${i}`))
    for (let i = 0; i < 3; i++) fs.symlinkSync(`../../old/s${i}`, path.join(root, 'small', `r${i}`))
    fs.symlinkSync('/elsewhere', path.join(root, 'small', 'other'))
    const seen: string[] = []
    const { summary, records } = await retargetPrefix(root, oldDir, newDir, { onRecord: (r) => seen.push(r.path) })
    expect(summary).toMatchObject({ links: big + 4, matched: big + 3, retargeted: big + 3, failed: 0 })
    expect(seen).toEqual(records.map((r) => r.path))
    for (let i = 0; i < big; i++)
      expect(fs.readlinkSync(path.join(root, 'big', `l${i}`))).toBe(path.join(newDir, `t${i}`))
    for (let i = 0; i < 3; i++) expect(fs.readlinkSync(path.join(root, 'small', `r${i}`))).toBe(`../../new/s${i}`)
    expect(fs.readlinkSync(path.join(root, 'small', 'other'))).toBe('/elsewhere')
    expect(allNames().filter((n) => n.includes(TEMP_MARK))).toEqual([])
  })

  it.each([
    ['in one call', async (run: Candidate[]) => recordsOfRun(run, false, new BatchTempNames())],
    ['off the JavaScript thread', (run: Candidate[]) => recordsOfRunAsync(run, false, new BatchTempNames())],
  ])('a link changed since it was listed fails alone; the rest of its run is retargeted (%s)', async (_, act) => {
    const run: Candidate[] = []
    for (let i = 0; i < 5; i++) {
      const link = path.join(root, 'big', `l${i}`)
      fs.symlinkSync(path.join(oldDir, `t${i}`), link)
      run.push({
        link,
        id: idOf(link),
        stored: path.join(oldDir, `t${i}`),
        newAbs: path.join(newDir, `t${i}`),
        relative: false,
      })
    }
    // another program replaced l2 after the listing: same name, another link
    fs.unlinkSync(run[2]!.link)
    fs.symlinkSync(path.join(oldDir, 'theirs'), run[2]!.link)
    const records = await act(run)
    expect(records.map((r) => r.action)).toEqual(['retargeted', 'retargeted', 'failed', 'retargeted', 'retargeted'])
    expect(records[2]!.code).toBe('CHANGED')
    expect(records.map((r) => r.resolves)).toEqual([false, false, false, false, false])
    expect(fs.readlinkSync(run[2]!.link)).toBe(path.join(oldDir, 'theirs'))
    for (const i of [0, 1, 3, 4]) expect(fs.readlinkSync(run[i]!.link)).toBe(path.join(newDir, `t${i}`))
    expect(allNames().filter((n) => n.includes(TEMP_MARK))).toEqual([])
  })

  it('a cancel mid-batch reports every link the started runs retargeted, and no other', async () => {
    const folders = 12
    for (let f = 0; f < folders; f++) {
      fs.mkdirSync(path.join(root, `f${f}`))
      for (let i = 0; i < 20; i++) fs.symlinkSync(path.join(oldDir, `t${i}`), path.join(root, `f${f}`, `l${i}`))
    }
    fs.writeFileSync(path.join(newDir, 't0'), 'here')
    const ctl = new AbortController()
    const seen: PrefixRecord[] = []
    const done = retargetPrefix(root, oldDir, newDir, {
      signal: ctl.signal,
      onRecord(r) {
        seen.push(r)
        ctl.abort()
      },
    })
    await expect(done).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.length).toBeLessThan(folders * 20)
    const reported = new Set(seen.filter((r) => r.action === 'retargeted').map((r) => r.path))
    expect(reported.size).toBe(seen.length)
    for (let f = 0; f < folders; f++)
      for (let i = 0; i < 20; i++) {
        const link = path.join(root, `f${f}`, `l${i}`)
        const now = fs.readlinkSync(link)
        expect(now).toBe(path.join(reported.has(link) ? newDir : oldDir, `t${i}`))
      }
    for (const r of seen) expect(r.resolves).toBe(fs.existsSync(r.path))
    expect(undoPrefixBatch(seen)).toEqual([])
    expect(allNames().filter((n) => n.includes(TEMP_MARK))).toEqual([])
  })

  it('a run whose folder is gone fails whole with a typed code', () => {
    const gone = path.join(root, 'gone')
    const run: Candidate[] = [0, 1].map((i) => ({
      link: path.join(gone, `l${i}`),
      id: '1:1',
      stored: path.join(oldDir, `t${i}`),
      newAbs: path.join(newDir, `t${i}`),
      relative: false,
    }))
    const records = recordsOfRun(run, false, new BatchTempNames())
    expect(records.map((r) => [r.action, r.code])).toEqual([
      ['failed', 'NOT_FOUND'],
      ['failed', 'NOT_FOUND'],
    ])
    expect(fs.existsSync(gone)).toBe(false)
  })

  it('temporary names of one batch never repeat, and stay within the name limit', () => {
    const names = new BatchTempNames()
    const made = new Set(Array.from({ length: 1000 }, () => names.next('l')))
    expect(made.size).toBe(1000)
    const long = names.next('x'.repeat(250))
    expect(long.startsWith(TEMP_MARK)).toBe(true)
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255)
  })
})
