// The native folder lister (electron/engine/scan/native/scan_dir.c) on a real temporary tree, and
// walk-dir's two paths (addon, node:fs) giving the same batch results for the same folder.
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  F_FILES,
  F_FOLLOW,
  F_LINKS,
  F_MATCH_ID,
  F_MATCH_NAME,
  K_DIR,
  K_FILE,
  K_LINK,
  K_OTHER,
  type NativeListing,
  type NativeScan,
  nativeScanCandidates,
  R_BROKEN,
  R_DIR,
  R_FAIL,
  R_MATCH,
  R_MULTI,
  R_REDO,
  REC,
  V_DEV,
  V_ERR,
  V_FOLLOW_ERR,
  V_INO,
  V_KIND,
  V_MODE,
  V_MTIME_NS,
  V_MTIME_S,
  V_NLINK,
  V_SIZE,
  V_STAT_KIND,
  V_TYPE,
  type WalkHandle,
} from '../../../electron/engine/scan/native-scan'
import type { WalkTask } from '../../../electron/engine/scan/scan-protocol'
import { emptyResult, walkDirJs, walkDirNative } from '../../../electron/engine/scan/walk-dir'
import { decodeNameBytes } from '../../../shared/names'
import { runAsOtherUser, type Stage } from '../../helpers/as-user'
import { otherUserStage } from '../../helpers/as-user-vitest'
import { makeTempDir } from '../../helpers/link-tree'

const posix = process.platform !== 'win32'
const addonFile = nativeScanCandidates().find((f) => fs.existsSync(f))

function loadAddon(): NativeScan {
  if (!addonFile) throw new Error(`the native scanner is not built (looked for ${nativeScanCandidates().join(', ')})`)
  const mod = { exports: {} as NativeScan }
  process.dlopen(mod, addonFile)
  return mod.exports
}

const E = os.constants.errno
const LONG = 'L'.repeat(246) + '.txt' // 250 characters
const NOT_UTF8 = Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74]) // "bad\xff\xfe.txt"
/** NOT_UTF8 as Linkscope's string (shared/names.ts): each bad byte a lone surrogate. */
const BAD = decodeNameBytes(NOT_UTF8)
/** A folder's entries with names read byte for byte (node:fs's strings would turn bad bytes into U+FFFD). */
const entriesOf = (dir: string) =>
  fs
    .readdirSync(Buffer.from(dir), { withFileTypes: true, encoding: 'buffer' })
    .map((d) => ({ name: decodeNameBytes(d.name), d, full: Buffer.concat([Buffer.from(dir + path.sep), d.name]) }))
const UNICODE = [
  'ünïcödé ✓.txt',
  'e\u0301-nfd.txt',
  '😀 emoji.txt',
  '中文.txt',
  'new\nline',
  'tab\tname',
  'lone-\u00ff',
]

let top: string
let root: string
beforeAll(() => {
  if (!posix) return // newline names, POSIX modes and a FIFO cannot be made on NTFS; the suites using them run on POSIX only
  top = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-native-'))
  fs.chmodSync(top, 0o755)
  root = path.join(top, 'tree')
  fs.mkdirSync(root, { mode: 0o755 })
  fs.chmodSync(root, 0o755)
  const p = (...parts: string[]): string => path.join(root, ...parts)
  fs.writeFileSync(p('one.txt'), 'one')
  fs.writeFileSync(p('two.txt'), 'twotwo')
  fs.linkSync(p('two.txt'), p('two-again.txt'))
  fs.mkdirSync(p('sub'))
  fs.writeFileSync(p('sub', 'inner.txt'), 'inner')
  fs.symlinkSync('one.txt', p('good-link'))
  fs.symlinkSync('sub', p('dir-link'))
  fs.symlinkSync('missing.txt', p('dangling'))
  fs.symlinkSync('loop-b', p('loop-a'))
  fs.symlinkSync('loop-a', p('loop-b'))
  fs.symlinkSync('one.txt/x', p('through-file'))
  fs.symlinkSync('locked/secret.txt', p('into-locked'))
  for (const name of [...UNICODE, LONG]) fs.writeFileSync(p(name), name)
  fs.writeFileSync(Buffer.concat([Buffer.from(root + path.sep), NOT_UTF8]), 'not utf-8')
  fs.mkdirSync(Buffer.concat([Buffer.from(root + path.sep), Buffer.from('dir-'), NOT_UTF8]))
  execFileSync('mkfifo', [p('pipe')])
  fs.mkdirSync(p('locked'))
  fs.writeFileSync(p('locked', 'secret.txt'), 'secret')
  fs.chmodSync(p('locked'), 0o700) // root only
  fs.mkdirSync(p('read-only'))
  fs.writeFileSync(p('read-only', 'a.txt'), 'a')
  fs.mkdirSync(p('read-only', 'b'))
  fs.chmodSync(p('read-only'), 0o744) // others may list the names but not stat them
})
afterAll(() => {
  if (top) fs.rmSync(top, { recursive: true, force: true })
})

type Rec = {
  name: string
  type: number
  kind: number
  err: number
  followErr: number
  statKind: number
  nlink: number
  ino: number
  dev: number
  size: number
  mode: number
  mtimeMs: number
  target?: string
}

/** A listing's records as objects, by name. */
function records(l: NativeListing): Map<string, Rec> {
  const out = new Map<string, Rec>()
  l.names.forEach((name, r) => {
    const v = (i: number): number => l.recs[REC * r + i] as number
    out.set(`${name}#${v(V_TYPE)}`, {
      name,
      type: v(V_TYPE),
      kind: v(V_KIND),
      err: v(V_ERR),
      followErr: v(V_FOLLOW_ERR),
      statKind: v(V_STAT_KIND),
      nlink: v(V_NLINK),
      ino: v(V_INO),
      dev: v(V_DEV),
      size: v(V_SIZE),
      mode: v(V_MODE),
      mtimeMs: v(V_MTIME_S) * 1000 + v(V_MTIME_NS) / 1e6,
      ...(l.targets?.[r] !== undefined ? { target: l.targets[r] } : {}),
    })
  })
  return out
}
const rec = (l: NativeListing, name: string, type: number): Rec | undefined => records(l).get(`${name}#${type}`)

/** Run the addon staged in `stage` as `nobody` in a child process; the listing comes back as JSON. */
function scanAsNobody(
  stage: Stage,
  dir: string,
  flags: number,
): { ok: true; names: string[]; recs: number[]; count: number } | { ok: false; code: string; message: string } {
  const staged = nativeScanCandidates(stage.path('out', 'engine')).find((f) => fs.existsSync(f))
  const script =
    `const m={exports:{}};process.dlopen(m,${JSON.stringify(staged)});` +
    `try{const r=m.exports.scanDir(${JSON.stringify(dir)},${flags});console.log(JSON.stringify({ok:true,names:r.names,recs:[...r.recs],count:r.count}))}` +
    `catch(e){console.log(JSON.stringify({ok:false,code:e.code,message:e.message}))}`
  const r = runAsOtherUser(process.execPath, ['-e', script])
  if (r.status !== 0) throw new Error(`as nobody: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

const kindOf = (st: fs.Stats): number =>
  st.isFile() ? K_FILE : st.isDirectory() ? K_DIR : st.isSymbolicLink() ? K_LINK : K_OTHER

describe('where the addon is looked for', () => {
  it('beside the bundles, and in a packaged app in app.asar.unpacked (where package.json unpacks it)', () => {
    const res = path.join(path.sep, 'opt', 'Linkscope', 'resources')
    expect(nativeScanCandidates(path.join(res, 'app.asar', 'out', 'engine'))[0]).toBe(
      path.join(res, 'app.asar.unpacked', 'out', 'native', 'linkscope_scan.node'),
    )
    expect(
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).build.asarUnpack,
    ).toContain('out/native/**/*')
    expect(nativeScanCandidates(path.join(res, 'app.asar.unpacked', 'out', 'engine'))[0]).toBe(
      path.join(res, 'app.asar.unpacked', 'out', 'native', 'linkscope_scan.node'),
    )
  })
})

describe.runIf(posix)('native scanDir', () => {
  const otherUser = otherUserStage()
  it('is built and loads, with the one-folder lister and the threaded walk', () => {
    expect(addonFile).toBeDefined()
    const addon = loadAddon()
    for (const fn of ['scanDir', 'walkStart', 'walkDrain', 'walkPush', 'walkStop'] as const)
      expect(typeof addon[fn]).toBe('function')
  })

  it('counts every entry as fs.readdirSync does and gives records in its order: folders always, the rest as asked', () => {
    const l = loadAddon().scanDir(root, 0)
    const ents = entriesOf(root)
    expect(l.count).toBe(ents.length)
    expect(l.recs.length).toBe(REC * l.names.length)
    // without flags only folders are stat'ed: each real one, whatever its name's bytes, becomes a DIR record
    expect([...l.names].sort()).toEqual(
      ents
        .filter((e) => e.d.isDirectory())
        .map((e) => e.name)
        .sort(),
    )
    for (const name of ['sub', 'locked', 'read-only']) {
      const st = fs.lstatSync(path.join(root, name))
      expect(rec(l, name, R_DIR)).toMatchObject({
        kind: K_DIR,
        err: 0,
        statKind: K_DIR,
        nlink: st.nlink,
        ino: st.ino,
        dev: st.dev,
        size: st.size,
        mode: st.mode,
        mtimeMs: st.mtimeMs,
      })
    }
    const badDir = fs.lstatSync(Buffer.concat([Buffer.from(root + path.sep + 'dir-'), NOT_UTF8]))
    expect(rec(l, `dir-${BAD}`, R_DIR)).toMatchObject({ kind: K_DIR, err: 0, ino: badDir.ino })
    expect(l.bytes).toBe(0)
  })

  it('with F_FILES: a file with more than one name is a MULTI record, the others are only summed in bytes', () => {
    const l = loadAddon().scanDir(root, F_FILES)
    for (const name of ['two.txt', 'two-again.txt']) {
      const st = fs.lstatSync(path.join(root, name))
      expect(rec(l, name, R_MULTI)).toMatchObject({
        kind: K_FILE,
        statKind: K_FILE,
        nlink: 2,
        ino: st.ino,
        dev: st.dev,
        size: 6,
      })
    }
    const singles = entriesOf(root).filter((e) => e.d.isFile() && fs.lstatSync(e.full).nlink === 1)
    expect(singles.map((e) => e.name)).toEqual(expect.arrayContaining(['one.txt', LONG, BAD, ...UNICODE]))
    // every single-name file is summed, the one whose name is not UTF-8 too: no record, no redo by path
    expect(l.bytes).toBe(singles.reduce((sum, e) => sum + fs.lstatSync(e.full).size, 0))
    for (const name of ['one.txt', LONG, BAD, ...UNICODE]) expect(l.names).not.toContain(name)
  })

  it('with F_FOLLOW: a link that does not reach its target is a BROKEN record with the errno, its lstat and its target', () => {
    const l = loadAddon().scanDir(root, F_FOLLOW)
    const expected: [string, number][] = [
      ['dangling', E.ENOENT],
      ['loop-a', E.ELOOP],
      ['loop-b', E.ELOOP],
      ['through-file', E.ENOTDIR],
    ]
    for (const [name, errno] of expected) {
      const st = fs.lstatSync(path.join(root, name))
      expect(rec(l, name, R_BROKEN)).toEqual({
        name,
        type: R_BROKEN,
        kind: K_LINK,
        err: 0,
        followErr: errno,
        statKind: K_LINK,
        nlink: st.nlink,
        ino: st.ino,
        dev: st.dev,
        size: st.size,
        mode: st.mode,
        mtimeMs: st.mtimeMs,
        target: fs.readlinkSync(path.join(root, name)),
      })
    }
    // links that work, and everything else, make no record (root may enter locked/)
    expect(l.names.filter((n) => rec(l, n, R_BROKEN)).sort()).toEqual(expected.map(([n]) => n).sort())
    expect(rec(loadAddon().scanDir(root, 0), 'dangling', R_BROKEN)).toBeUndefined() // not asked
  })

  it('matches a name (F_MATCH_NAME: files and folders) or an identity (F_MATCH_ID: the kinds asked for)', () => {
    const scan = loadAddon().scanDir
    const sub = scan(root, F_MATCH_NAME, 'sub')
    const at = sub.names.indexOf('sub')
    expect([sub.names[at + 1], sub.recs[REC * at + V_TYPE], sub.recs[REC * (at + 1) + V_TYPE]]).toEqual([
      'sub',
      R_DIR,
      R_MATCH,
    ]) // its DIR record, then the MATCH
    expect(rec(scan(root, F_MATCH_NAME, 'sub'), 'sub', R_MATCH)).toMatchObject({ kind: K_DIR })
    expect(rec(scan(root, F_MATCH_NAME, 'one.txt'), 'one.txt', R_MATCH)).toMatchObject({ kind: K_FILE })
    expect(rec(scan(root, F_MATCH_NAME, 'dangling'), 'dangling', R_MATCH)).toBeUndefined() // never a link
    const two = fs.lstatSync(path.join(root, 'two.txt'))
    const byId = scan(root, F_MATCH_ID | F_FILES, undefined, two.dev, two.ino)
    expect(byId.names.filter((n) => rec(byId, n, R_MATCH))).toEqual(['two-again.txt', 'two.txt'])
    const link = fs.lstatSync(path.join(root, 'good-link'))
    const links = scan(root, F_MATCH_ID | F_LINKS, undefined, link.dev, link.ino)
    expect(links.names.filter((n) => rec(links, n, R_MATCH))).toEqual(['good-link'])
    expect(kindOf(link)).toBe(K_LINK)
  })

  it('stats in inode order, yet gives records in name order, each entry its own records in order', () => {
    // Entries made under other names, then given names in the reverse of their inode order, so stat order
    // and name order disagree whatever numbers the file system hands out (it may reuse freed ones).
    const dir = fs.mkdtempSync(path.join(top, 'order-'))
    const names = Array.from({ length: 300 }, (_, i) => `n${String(i).padStart(3, '0')}`)
    const byFallingInode = (kind: 'd' | 'f', count: number): string[] =>
      Array.from({ length: count }, (_, i) => {
        const made = path.join(dir, `.${kind}${i}`)
        if (kind === 'd') fs.mkdirSync(made)
        else fs.writeFileSync(made, '')
        return made
      }).sort((a, b) => fs.lstatSync(b).ino - fs.lstatSync(a).ino)
    for (const kind of ['d', 'f'] as const) {
      const named = names.filter((n) => n.endsWith('7') === (kind === 'd'))
      for (const [i, made] of byFallingInode(kind, named.length).entries()) {
        const name = path.join(dir, named[i]!)
        fs.renameSync(made, name)
        if (kind === 'f') fs.writeFileSync(name, named[i]!)
        if (named[i]!.endsWith('3')) fs.linkSync(name, `${name}-again`)
      }
    }
    const inos = names.map((n) => fs.lstatSync(path.join(dir, n)).ino)
    expect(inos.some((ino, i) => i > 0 && ino < (inos[i - 1] as number))).toBe(true) // the premise
    const l = loadAddon().scanDir(dir, F_FILES | F_MATCH_NAME, 'n107')
    const byteOrder = [...l.names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    expect(l.names).toEqual(byteOrder)
    const types = l.names.map((_, r) => l.recs[REC * r + V_TYPE])
    const at = l.names.indexOf('n107')
    expect([l.names[at + 1], types[at], types[at + 1]]).toEqual(['n107', R_DIR, R_MATCH])
    expect(l.names.filter((n, r) => types[r] === R_MULTI)).toEqual(
      names.filter((n) => n.endsWith('3')).flatMap((n) => [n, `${n}-again`]),
    )
    for (const [r, name] of l.names.entries())
      // each record about its own entry (a MATCH carries no stat)
      if (types[r] !== R_MATCH) expect(l.recs[REC * r + V_INO]).toBe(fs.lstatSync(path.join(dir, name)).ino)
  })

  it('throws an Error with the errno name as .code when the folder cannot be listed', () => {
    const scan = loadAddon().scanDir
    const thrown = (dir: string): { code?: string; message: string } => {
      try {
        scan(dir, 0)
      } catch (e) {
        return e as { code?: string; message: string }
      }
      throw new Error(`${dir} was listed`)
    }
    const vanished = path.join(top, 'vanished')
    fs.mkdirSync(vanished)
    fs.rmdirSync(vanished)
    expect(thrown(vanished).code).toBe('ENOENT')
    expect(thrown(path.join(root, 'one.txt')).code).toBe('ENOTDIR')
    expect(thrown(path.join(root, 'one.txt', 'x')).code).toBe('ENOTDIR')
    expect(thrown(path.join(root, 'loop-a')).code).toBe('ELOOP')
    expect(thrown(path.join(root, 'dangling')).code).toBe('ENOENT')
    expect(thrown(path.join(root, 'no-such')).message).toMatch(/^ENOENT: /)
  })

  it('follows a link given as the folder itself (a root may be one), like fs.readdirSync', () => {
    const l = loadAddon().scanDir(path.join(root, 'dir-link'), F_FILES)
    expect([l.count, l.bytes, l.names]).toEqual([1, 'inner'.length, []])
  })

  it('as nobody: a folder it may not open throws EACCES; entries it may list but not stat are REDO records with EACCES', (ctx) => {
    const stage = otherUser(ctx)
    const locked = scanAsNobody(stage, path.join(root, 'locked'), 0)
    expect(locked).toMatchObject({ ok: false, code: 'EACCES' })
    const ro = scanAsNobody(stage, path.join(root, 'read-only'), F_FILES)
    if (!ro.ok) throw new Error(ro.message)
    expect([ro.count, ro.names]).toEqual([2, ['a.txt', 'b']])
    expect([ro.recs[V_TYPE], ro.recs[V_KIND], ro.recs[V_ERR]]).toEqual([R_REDO, K_FILE, E.EACCES])
    expect([ro.recs[REC + V_TYPE], ro.recs[REC + V_KIND], ro.recs[REC + V_ERR]]).toEqual([R_REDO, K_DIR, E.EACCES])
    const top = scanAsNobody(stage, root, F_FOLLOW)
    if (!top.ok) throw new Error(top.message)
    const at = REC * top.names.indexOf('into-locked')
    expect([top.recs[at + V_TYPE], top.recs[at + V_FOLLOW_ERR]]).toEqual([R_BROKEN, E.EACCES])
  })
})

describe.runIf(posix)('walkDir: the addon and node:fs give the same batch results', () => {
  const tasks: WalkTask[] = [
    { mode: 'scan', broken: true, statFiles: true },
    { mode: 'scan', broken: true, statFiles: false },
    { mode: 'scan', broken: false, statFiles: true },
    { mode: 'find-name', name: 'inner.txt' },
    { mode: 'find-name', name: 'sub' },
  ]

  it.each(tasks)('%o', (task) => {
    for (const dir of [
      root,
      path.join(root, 'sub'),
      path.join(root, 'read-only'),
      path.join(root, 'locked'),
      path.join(root, 'no-such'),
      path.join(root, 'one.txt'),
    ]) {
      const viaJs = emptyResult(1)
      walkDirJs(dir, task, viaJs)
      const viaAddon = emptyResult(1)
      if (!walkDirNative(loadAddon(), dir, task, viaAddon)) walkDirJs(dir, task, viaAddon) // walkDir's fallback
      expect(viaAddon).toEqual(viaJs)
    }
  })

  it('names mode: the same matches for a file, a link and a fifo', () => {
    for (const name of ['two.txt', 'good-link', 'pipe', 'sub']) {
      const st = fs.lstatSync(path.join(root, name))
      const type = st.isFile() ? 'file' : st.isSymbolicLink() ? 'symlink' : 'other'
      const task: WalkTask = { mode: 'names', dev: st.dev, ino: st.ino, type }
      const viaJs = emptyResult(1)
      walkDirJs(root, task, viaJs)
      const viaAddon = emptyResult(1)
      expect(walkDirNative(loadAddon(), root, task, viaAddon)).toBe(true)
      expect(viaAddon).toEqual(viaJs)
      if (name !== 'sub') expect(viaAddon.matches.length).toBeGreaterThan(0)
    }
  })

  it('names that are not UTF-8 are names like any other: no error, the folder queued, its bytes counted', () => {
    const viaAddon = emptyResult(1)
    walkDirNative(loadAddon(), root, { mode: 'scan', broken: true, statFiles: true }, viaAddon)
    expect(viaAddon.errors.filter((e) => e.path.includes(BAD))).toEqual([])
    expect(viaAddon.dirs).toContain(path.join(root, `dir-${BAD}`))
    const viaJs = emptyResult(1)
    walkDirJs(root, { mode: 'scan', broken: true, statFiles: true }, viaJs)
    expect(viaAddon).toEqual(viaJs)
  })

  it('an entry that vanished between readdir and its stat becomes the same error record as with node:fs', () => {
    const dir = fs.mkdtempSync(path.join(top, 'vanish-'))
    fs.writeFileSync(path.join(dir, 'stays.txt'), 'x')
    fs.writeFileSync(path.join(dir, 'goes.txt'), 'gone soon')
    fs.mkdirSync(path.join(dir, 'goes-dir'))
    fs.symlinkSync('nowhere', path.join(dir, 'goes-link'))
    const real = loadAddon()
    // The addon listed all four, then the three went before their lstat: the records scan_dir.c makes then
    // (REDO for the file and the folder; for the link, a BROKEN one whose lstat failed too, so no target).
    const racing: NativeScan = {
      ...real,
      scanDir(d, flags) {
        const r = real.scanDir(d, flags)
        for (const gone of ['goes.txt', 'goes-dir', 'goes-link']) fs.rmSync(path.join(d, gone), { recursive: true })
        const names = ['goes-dir', 'goes-link', 'goes.txt']
        const recs = new Float64Array(REC * names.length)
        const set = (i: number, type: number, kind: number, err: number, followErr = 0): void => {
          recs[REC * i + V_TYPE] = type
          recs[REC * i + V_KIND] = kind
          recs[REC * i + V_ERR] = err
          recs[REC * i + V_FOLLOW_ERR] = followErr
        }
        set(0, R_REDO, K_DIR, E.ENOENT)
        set(1, R_BROKEN, K_LINK, E.ENOENT, E.ENOENT)
        set(2, R_REDO, K_FILE, E.ENOENT)
        return { count: r.count, bytes: 1, names, recs }
      },
    }
    const out = emptyResult(1)
    expect(walkDirNative(racing, dir, { mode: 'scan', broken: true, statFiles: true }, out)).toBe(true)
    expect(out.entries).toBe(4)
    expect(out.singleBytes).toBe(1)
    expect(out.dirs).toBe('')
    expect(out.broken).toEqual([])
    expect(out.errors.sort((a, b) => a.path.localeCompare(b.path))).toEqual(
      ['goes-dir', 'goes-link', 'goes.txt'].map((name) => ({
        path: path.join(dir, name),
        code: 'NOT_FOUND',
        message: `${path.join(dir, name)} vanished during the scan.`,
      })),
    )
  })
})

describe.runIf(posix)('native walk (walk.c)', () => {
  /** Drain until idle; every record as [type, path, errno]. */
  function drainAll(
    addon: NativeScan,
    handle: ReturnType<NativeScan['walkStart']>,
  ): { recs: [number, string, number][]; entries: number; folders: number } {
    const found: [number, string, number][] = []
    let entries = 0
    let folders = 0
    for (let spins = 0; spins < 10_000; spins++) {
      const d = addon.walkDrain(handle)
      const paths = d.paths.split('\0').slice(0, -1)
      paths.forEach((p, r) => found.push([d.recs[REC * r + V_TYPE] as number, p, d.recs[REC * r + V_ERR] as number]))
      entries += d.entries
      folders += d.folders
      if (d.idle) return { recs: found, entries, folders }
      execFileSync('sleep', ['0.005'])
    }
    throw new Error('the walk never went idle')
  }

  /** Stop a walk and wait (bounded) until its threads are gone: walkStop itself never waits. */
  function stopAndWait(addon: NativeScan, handle: WalkHandle): void {
    for (let spins = 0; spins < 2000; spins++) {
      if (addon.walkStop(handle) === 0) return
      execFileSync('sleep', ['0.005'])
    }
    throw new Error('the walk threads never stopped')
  }

  it('walks every folder once, on several threads, keeping records with full paths (folders are queued, not reported)', () => {
    const addon = loadAddon()
    const st = fs.lstatSync(root)
    const handle = addon.walkStart(root, st.dev, st.ino, F_FILES | F_FOLLOW, 3)
    const { recs, entries, folders } = drainAll(addon, handle)
    stopAndWait(addon, handle)
    const all = (dir: Buffer): number =>
      fs
        .readdirSync(dir, { withFileTypes: true, encoding: 'buffer' })
        .reduce((n, d) => n + 1 + (d.isDirectory() ? all(Buffer.concat([dir, Buffer.from(path.sep), d.name])) : 0), 0)
    expect(entries).toBe(all(Buffer.from(root)))
    expect(folders).toBe(6) // the root, sub, locked, read-only, read-only/b and the folder whose name is not UTF-8
    expect(recs).toContainEqual([R_BROKEN, path.join(root, 'dangling'), 0])
    expect(recs).toContainEqual([R_MULTI, path.join(root, 'two-again.txt'), 0])
    expect(recs.some(([, p]) => p.includes(BAD) && !p.endsWith(`dir-${BAD}`))).toBe(false) // a single-name file: counted, not recorded
    expect(recs.some(([type]) => type === R_DIR)).toBe(false)
  })

  it('with room to grow when the disk is read (coldThreads), finds the same as a fixed number of threads', () => {
    const addon = loadAddon()
    const st = fs.lstatSync(root)
    const walk = (threads: number, cold?: number) => {
      const handle = addon.walkStart(root, st.dev, st.ino, F_FILES | F_FOLLOW, threads, undefined, undefined, cold)
      const found = drainAll(addon, handle)
      stopAndWait(addon, handle)
      return { ...found, recs: [...found.recs].sort() }
    }
    expect(walk(1, 16)).toEqual(walk(3))
    expect(walk(2, 64)).toEqual(walk(3)) // more than the addon allows: capped, not refused
  })

  it('holds at most about 32k records for JavaScript: walkers wait for a drain before they list more', () => {
    const addon = loadAddon()
    const many = fs.mkdtempSync(path.join(top, 'many-'))
    const PER = 12_000 // three folders pass the limit (32768 records); the fourth waits for a drain
    for (let f = 0; f < 4; f++) {
      fs.mkdirSync(path.join(many, `d${f}`))
      for (let i = 0; i < PER; i++) fs.symlinkSync('gone', path.join(many, `d${f}`, `b${i}`))
    }
    const st = fs.lstatSync(many)
    const handle = addon.walkStart(many, st.dev, st.ino, F_FOLLOW, 1)
    try {
      execFileSync('sleep', ['2']) // time to list every folder, were it not held back
      const first = addon.walkDrain(handle).recs.length / REC
      expect(first).toBeLessThanOrEqual(3 * PER)
      expect(first + drainAll(addon, handle).recs.length).toBe(4 * PER) // nothing lost: every link, once
    } finally {
      stopAndWait(addon, handle)
    }
  }, 180_000) // 48k links to make: each a syscall, slow on a busy machine

  it('a path that is not a string, or holds a NUL, is a TypeError for walkStart and walkPush', () => {
    const addon = loadAddon()
    expect(() => addon.walkStart('a\0b', 1, 1, F_FILES, 1)).toThrow(TypeError)
    expect(() => addon.walkStart(5 as unknown as string, 1, 1, F_FILES, 1)).toThrow(TypeError)
    const handle = addon.walkStart(path.join(top, 'no-such-root'), 1, 1, F_FILES, 1)
    expect(() => addon.walkPush(handle, 'a\0b', 1, 2)).toThrow(TypeError)
    expect(() => addon.walkPush(handle, 7 as unknown as string, 1, 2)).toThrow(TypeError)
    stopAndWait(addon, handle)
  })

  it('a root it cannot list is an R_FAIL record with the errno; walkPush queues a folder once', () => {
    const addon = loadAddon()
    const missing = path.join(top, 'no-such-root')
    const handle = addon.walkStart(missing, 1, 1, F_FILES, 2)
    expect(drainAll(addon, handle).recs).toEqual([[R_FAIL, missing, E.ENOENT]])
    const sub = fs.lstatSync(path.join(root, 'sub'))
    expect(addon.walkPush(handle, path.join(root, 'sub'), sub.dev, sub.ino)).toBe(true)
    expect(addon.walkPush(handle, path.join(root, 'sub'), sub.dev, sub.ino)).toBe(false) // seen: loops end here
    expect(drainAll(addon, handle).entries).toBe(1) // sub/inner.txt
    stopAndWait(addon, handle)
    expect(addon.walkStop(handle)).toBe(0) // twice is fine
    expect(addon.walkPush(handle, path.join(root, 'read-only'), 9, 9)).toBe(false) // stopped: nothing more is walked
  })

  it('stops in the middle of one huge folder: the thread leaves it within a few hundred entries, not at its end', () => {
    const huge = makeTempDir('linkscope-walk-huge-', fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir()) // tmpfs: made in a second
    try {
      // 200k names: listing them with a stat each takes a few hundred ms, far longer than the wait below
      execFileSync('bash', ['-c', 'seq 1 200000 | xargs touch'], { cwd: huge })
      const addon = loadAddon()
      const st = fs.lstatSync(huge)
      const full = performance.now()
      const whole = drainAll(addon, addon.walkStart(huge, st.dev, st.ino, F_FILES, 1))
      const fullMs = performance.now() - full
      expect(whole).toMatchObject({ folders: 1, entries: 200_000 })

      const handle = addon.walkStart(huge, st.dev, st.ino, F_FILES, 1)
      execFileSync('sleep', ['0.03'])
      // still in the one folder: nothing listed to the end yet
      expect(addon.walkDrain(handle)).toMatchObject({ folders: 0, idle: false })
      const stopping = performance.now()
      stopAndWait(addon, handle)
      const stopMs = performance.now() - stopping
      // the folder was left half listed and dropped: had the thread finished it, it would be counted here
      expect(addon.walkDrain(handle)).toMatchObject({ folders: 0, entries: 0, idle: true })
      console.log(
        `walkStop in a 200k-entry folder, until its thread was gone: ${stopMs.toFixed(1)} ms (listing it whole: ${fullMs.toFixed(0)} ms)`,
      )
    } finally {
      fs.rmSync(huge, { recursive: true, force: true })
    }
  }, 60_000)

  it('stops mid-walk: threads finish the folder in hand, and nothing more is found', () => {
    const big = makeTempDir('linkscope-walk-stop-')
    try {
      for (let a = 0; a < 40; a++)
        for (let b = 0; b < 20; b++) fs.mkdirSync(path.join(big, `a${a}`, `b${b}`), { recursive: true })
      const addon = loadAddon()
      const st = fs.lstatSync(big)
      const handle = addon.walkStart(big, st.dev, st.ino, F_FILES, 2)
      stopAndWait(addon, handle)
      const after = addon.walkDrain(handle)
      expect(after.idle).toBe(true)
      expect(after.folders).toBeLessThan(1 + 40 + 800)
      expect(addon.walkDrain(handle)).toMatchObject({ folders: 0, entries: 0, paths: '' })
    } finally {
      fs.rmSync(big, { recursive: true, force: true })
    }
  }, 60_000) // making and removing 840 folders takes seconds on a loaded machine
})
