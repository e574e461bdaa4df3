// The native folder lister (electron/engine/scan/native/scan_dir.c) on a real temporary tree, and
// walk-dir's two paths (addon, node:fs) giving the same batch results for the same folder.
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { F_FILES, F_FOLLOW, F_LINKS, F_OTHERS, K_DIR, K_FILE, K_LINK, K_OTHER, NUMS, nativeScanCandidates, type NativeListing, type NativeScan } from '../../../electron/engine/scan/native-scan'
import type { WalkTask } from '../../../electron/engine/scan/scan-protocol'
import { emptyResult, walkDirJs, walkDirNative } from '../../../electron/engine/scan/walk-dir'

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
const UNICODE = ['ünïcödé ✓.txt', 'e\u0301-nfd.txt', '😀 emoji.txt', '中文.txt', 'new\nline', 'tab\tname', 'lone-\u00ff']

let top: string
let root: string
beforeAll(() => {
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

/** Run the addon as `nobody` in a child process; the listing comes back as JSON. */
function scanAsNobody(dir: string, flags: number): { ok: true; names: string[]; kinds: number[]; errs: number[] } | { ok: false; code: string; message: string } {
  const script = `const m={exports:{}};process.dlopen(m,${JSON.stringify(addonFile)});` +
    `try{const r=m.exports.scanDir(${JSON.stringify(dir)},${flags});console.log(JSON.stringify({ok:true,names:r.names,kinds:[...r.kinds],errs:[...r.errs]}))}` +
    `catch(e){console.log(JSON.stringify({ok:false,code:e.code,message:e.message}))}`
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`as nobody: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

describe('where the addon is looked for', () => {
  it('beside the bundles, and in a packaged app in app.asar.unpacked (where package.json unpacks it)', () => {
    const res = path.join(path.sep, 'opt', 'Linkscope', 'resources')
    expect(nativeScanCandidates(path.join(res, 'app.asar', 'out', 'engine'))[0]).toBe(path.join(res, 'app.asar.unpacked', 'out', 'native', 'linkscope_scan.node'))
    expect(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).build.asarUnpack).toContain('out/native/**/*')
    expect(nativeScanCandidates(path.join(res, 'app.asar.unpacked', 'out', 'engine'))[0]).toBe(path.join(res, 'app.asar.unpacked', 'out', 'native', 'linkscope_scan.node'))
  })
})

describe.runIf(posix)('native scanDir', () => {
  it('is built and loads', () => {
    expect(addonFile).toBeDefined()
    expect(typeof loadAddon().scanDir).toBe('function')
  })

  it('lists the same names in the same order as fs.readdirSync, with the same types', () => {
    const r = loadAddon().scanDir(root, 0)
    const ents = fs.readdirSync(root, { withFileTypes: true })
    expect(r.names).toEqual(ents.map((d) => d.name))
    const n = r.names.length
    expect(r.kinds.length).toBe(2 * n)
    expect(r.errs.length).toBe(2 * n)
    expect(r.nums.length).toBe(NUMS * n)
    ents.forEach((d, i) => {
      const want = d.isFile() ? K_FILE : d.isDirectory() ? K_DIR : d.isSymbolicLink() ? K_LINK : K_OTHER
      expect([d.name, r.kinds[i]]).toEqual([d.name, want])
    })
    expect(r.kinds[r.names.indexOf('pipe')]).toBe(K_OTHER)
  })

  it('keeps names with a newline, unusual unicode and 250 characters intact; a non-UTF-8 name decodes as node:fs decodes it', () => {
    const r = loadAddon().scanDir(root, 0)
    for (const name of [...UNICODE, LONG]) expect(r.names).toContain(name)
    expect(LONG.length).toBe(250)
    const bad = NOT_UTF8.toString('utf8')
    expect(bad).toContain('\ufffd')
    expect(r.names).toContain(bad)
    expect(r.names).toContain(`dir-${bad}`)
  })

  it('gives nlink, ino, dev and size as fs.lstatSync does, for folders always and for files, links, others when asked', () => {
    const scan = loadAddon().scanDir
    const check = (r: NativeListing, statted: (kind: number) => boolean): void => {
      const n = r.names.length
      r.names.forEach((name, i) => {
        const kind = r.kinds[i] as number
        if (name.includes('\ufffd')) { // not reachable by its JS name: left to the by-path walk
          expect([name, r.errs[i]]).toEqual([name, statted(kind) ? E.EILSEQ : 0])
          return
        }
        if (!statted(kind)) {
          expect([name, r.kinds[n + i], r.errs[i], r.nums[NUMS * i + 1]]).toEqual([name, 0, 0, 0])
          return
        }
        const st = fs.lstatSync(path.join(root, name))
        expect([name, r.errs[i]]).toEqual([name, 0])
        expect([name, r.kinds[n + i]]).toEqual([name, st.isFile() ? K_FILE : st.isDirectory() ? K_DIR : st.isSymbolicLink() ? K_LINK : K_OTHER])
        expect([name, ...r.nums.subarray(NUMS * i, NUMS * i + 5)]).toEqual([name, st.nlink, st.ino, st.dev, st.size, st.mode])
        expect([name, r.nums[NUMS * i + 5]! * 1000 + r.nums[NUMS * i + 6]! / 1e6]).toEqual([name, st.mtimeMs])
      })
    }
    check(scan(root, 0), (k) => k === K_DIR)
    check(scan(root, F_FILES), (k) => k === K_DIR || k === K_FILE)
    check(scan(root, F_LINKS | F_OTHERS), (k) => k !== K_FILE)
    const r = scan(root, F_FILES)
    const at = (name: string): number => r.names.indexOf(name)
    expect(r.nums[NUMS * at('two.txt')]).toBe(2)
    expect(r.nums[NUMS * at('one.txt')]).toBe(1)
    expect(r.nums[NUMS * at('two.txt') + 1]).toBe(r.nums[NUMS * at('two-again.txt') + 1])
  })

  it('stats through symlinks when asked: 0 when the target exists, else the errno', () => {
    const r = loadAddon().scanDir(root, F_FOLLOW)
    const n = r.names.length
    const follow = (name: string): number => r.errs[n + r.names.indexOf(name)] as number
    expect(follow('good-link')).toBe(0)
    expect(follow('dir-link')).toBe(0)
    expect(follow('dangling')).toBe(E.ENOENT)
    expect(follow('loop-a')).toBe(E.ELOOP)
    expect(follow('through-file')).toBe(E.ENOTDIR)
    expect(follow('into-locked')).toBe(0) // root may enter locked/
    expect(follow('one.txt')).toBe(0) // not a link: not followed
    // a link that fails is lstat'ed and read as well; a good one is not
    for (const name of ['dangling', 'loop-a', 'through-file']) {
      const i = r.names.indexOf(name)
      const st = fs.lstatSync(path.join(root, name))
      expect([name, r.errs[i], r.kinds[n + i], r.targets?.[i]]).toEqual([name, 0, K_LINK, fs.readlinkSync(path.join(root, name))])
      expect([name, ...r.nums.subarray(NUMS * i, NUMS * i + 5)]).toEqual([name, st.nlink, st.ino, st.dev, st.size, st.mode])
    }
    expect(r.targets?.[r.names.indexOf('good-link')]).toBeUndefined()
    expect(r.nums[NUMS * r.names.indexOf('good-link') + 1]).toBe(0)
    expect(loadAddon().scanDir(root, 0).errs[n + r.names.indexOf('dangling')]).toBe(0) // not asked
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
    expect(loadAddon().scanDir(path.join(root, 'dir-link'), 0).names).toEqual(['inner.txt'])
  })

  it('as nobody: a folder it may not open throws EACCES; entries it may list but not stat get EACCES each', () => {
    const locked = scanAsNobody(path.join(root, 'locked'), 0)
    expect(locked).toMatchObject({ ok: false, code: 'EACCES' })
    const ro = scanAsNobody(path.join(root, 'read-only'), F_FILES)
    if (!ro.ok) throw new Error(ro.message)
    expect(ro.names).toEqual(['a.txt', 'b'])
    expect(ro.kinds.slice(0, 2)).toEqual([K_FILE, K_DIR])
    expect(ro.errs.slice(0, 2)).toEqual([E.EACCES, E.EACCES])
    const top = scanAsNobody(root, F_FOLLOW)
    if (!top.ok) throw new Error(top.message)
    const n = top.names.length
    expect(top.errs[n + top.names.indexOf('into-locked')]).toBe(E.EACCES)
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
    for (const dir of [root, path.join(root, 'sub'), path.join(root, 'read-only'), path.join(root, 'locked'), path.join(root, 'no-such'), path.join(root, 'one.txt')]) {
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

  it('the non-UTF-8 names are redone by path and recorded as node:fs records them', () => {
    const viaAddon = emptyResult(1)
    walkDirNative(loadAddon(), root, { mode: 'scan', broken: true, statFiles: true }, viaAddon)
    const bad = NOT_UTF8.toString('utf8')
    expect(viaAddon.errors.map((e) => e.path).sort()).toEqual([path.join(root, bad), path.join(root, `dir-${bad}`)].sort())
    expect(viaAddon.errors.every((e) => e.code === 'NOT_FOUND' && e.message.endsWith('vanished during the scan.'))).toBe(true)
  })

  it('an entry that vanished between readdir and its stat becomes the same error record as with node:fs', () => {
    const dir = fs.mkdtempSync(path.join(top, 'vanish-'))
    fs.writeFileSync(path.join(dir, 'stays.txt'), 'x')
    fs.writeFileSync(path.join(dir, 'goes.txt'), 'gone soon')
    fs.mkdirSync(path.join(dir, 'goes-dir'))
    fs.symlinkSync('nowhere', path.join(dir, 'goes-link'))
    const real = loadAddon()
    // The addon listed all four, then the three went before their stat: what scan_dir.c reports then.
    const racing: NativeScan = {
      scanDir(d, flags) {
        const r = real.scanDir(d, flags)
        const n = r.names.length
        for (const gone of ['goes.txt', 'goes-dir', 'goes-link']) {
          const i = r.names.indexOf(gone)
          fs.rmSync(path.join(d, gone), { recursive: true })
          r.errs[i] = E.ENOENT // its lstat failed; for the link, after the stat through it failed (ENOENT as well)
          r.kinds[n + i] = 0
          if (r.targets) delete r.targets[i]
        }
        return r
      },
    }
    const out = emptyResult(1)
    expect(walkDirNative(racing, dir, { mode: 'scan', broken: true, statFiles: true }, out)).toBe(true)
    expect(out.entries).toBe(4)
    expect(out.singleBytes).toBe(1)
    expect(out.dirs).toBe('')
    expect(out.broken).toEqual([])
    expect(out.errors.sort((a, b) => a.path.localeCompare(b.path))).toEqual(['goes-dir', 'goes-link', 'goes.txt'].map((name) => ({
      path: path.join(dir, name), code: 'NOT_FOUND', message: `${path.join(dir, name)} vanished during the scan.`,
    })))
  })
})
