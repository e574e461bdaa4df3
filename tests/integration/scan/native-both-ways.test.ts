// The whole scan both ways on the same real tree: with the native folder lister (LINKSCOPE_SCAN_NATIVE=1
// requires it) and with node:fs only (=0). Broken links with their reasons, hard-link groups, byte totals
// and error records must come out the same, as root and as nobody (who meets a denied folder).
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runAsOtherUser, type Stage } from '../../helpers/as-user'
import { otherUserStage } from '../../helpers/as-user-vitest'
import { CLI } from '../../helpers/built'
import { buildLinkTree, makeTempDir } from '../../helpers/link-tree'

let top: string
let root: string
beforeAll(() => {
  top = makeTempDir('linkscope-native-both-')
  fs.chmodSync(top, 0o755)
  root = path.join(top, 'tree')
  fs.mkdirSync(root)
  buildLinkTree(root)
  const p = (...parts: string[]): string => path.join(root, ...parts)
  // more groups and bytes, a few levels down, and a folder nobody may list but not stat in
  let dir = root
  for (let depth = 0; depth < 6; depth++) {
    dir = path.join(dir, `level ${depth}`)
    fs.mkdirSync(dir)
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `f${i}.dat`), 'x'.repeat(depth * 100 + i))
    fs.linkSync(path.join(dir, 'f3.dat'), path.join(root, `hard-${depth}.dat`))
    fs.symlinkSync(`gone-${depth}`, path.join(dir, `broken-${depth}`))
  }
  fs.mkdirSync(p('list-only'))
  fs.writeFileSync(p('list-only', 'a.txt'), 'aaa')
  fs.mkdirSync(p('list-only', 'inside'))
  fs.symlinkSync('missing', p('list-only', 'dangling'))
  fs.chmodSync(p('list-only'), 0o744)
  fs.writeFileSync(Buffer.concat([Buffer.from(root + path.sep), Buffer.from([0x62, 0xff, 0x2e, 0x64])]), 'not utf-8')
})
afterAll(() => {
  if (!top) return
  for (const d of ['locked', 'list-only']) fs.chmodSync(path.join(root, d), 0o755)
  fs.rmSync(top, { recursive: true, force: true })
})

type Run = { status: number | null; json: string[]; text: string[]; warnings: string[] }

/** The scan as root, or as nobody from `stage`. */
function scan(native: '0' | '1', stage?: Stage): Run {
  const env = { ...process.env, LINKSCOPE_SCAN_NATIVE: native }
  const run = (...args: string[]) => {
    const r = stage
      ? runAsOtherUser(process.execPath, [stage.cli, ...args], { env })
      : spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env })
    return {
      status: r.status,
      out: r.stdout.split('\n').filter(Boolean),
      err: r.stderr.split('\n').filter(Boolean),
      stderr: r.stderr,
    }
  }
  const j = run('scan', root, '--json')
  if (j.status !== 0) throw new Error(`scan --json (native=${native}) failed: ${j.stderr}`)
  const t = run('scan', root)
  // The text ends with the summary (entries, counts, byte totals); only its time may differ.
  const text = t.out.map((l) => l.replace(/ entries in \d+ ms:/, ' entries in N ms:'))
  // The JSON ends with the summary record: its counts must agree too, its time may differ.
  const json = j.out.map((l) => l.replace(/^(\{"summary":.*)"ms":\d+\}\}$/, '$1"ms":N}}'))
  return { status: t.status, json: [...json].sort(), text: [...text].sort(), warnings: [...j.err].sort() }
}

describe.runIf(process.platform !== 'win32')('the scan with and without the native lister', () => {
  const otherUser = otherUserStage()
  it('as root: the same broken links, groups, byte totals', () => {
    const native = scan('1')
    const js = scan('0')
    expect(native).toEqual(js)
    expect(native.json.filter((l) => l.includes('"reason"')).length).toBe(13) // buildLinkTree's 6, one per level, list-only/dangling
    expect(native.json.filter((l) => l.includes('"paths"')).length).toBe(7)
    expect(native.text.find((l) => / entries in N ms:/.test(l))).toMatch(
      /bytes in files, \d+ counting each file once, \d+ only here$/,
    )
    expect(native.warnings.some((w) => w.includes('vanished during the scan'))).toBe(false) // the non-UTF-8 name is a name like any other
  })

  it('as nobody: the same, with the same warnings for the denied folders and entries', (ctx) => {
    const stage = otherUser(ctx)
    const native = scan('1', stage)
    const js = scan('0', stage)
    expect(native).toEqual(js)
    expect(native.warnings.some((w) => w.includes(path.join(root, 'locked')) && w.includes('ACCESS_DENIED'))).toBe(true)
    expect(
      native.warnings.some((w) => w.includes(path.join(root, 'list-only', 'a.txt')) && w.includes('ACCESS_DENIED')),
    ).toBe(true)
    expect(
      native.warnings.some((w) => w.includes(path.join(root, 'list-only', 'inside')) && w.includes('ACCESS_DENIED')),
    ).toBe(true)
    expect(native.warnings.some((w) => w.includes('could not be checked'))).toBe(true) // into-locked
  })
})
