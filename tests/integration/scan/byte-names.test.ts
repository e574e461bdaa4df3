// Names are bytes: a real tree whose names are not UTF-8, hold control characters, or differ only in a
// byte a lossy decoder would turn into the same U+FFFD. Listing, scanning (native and node:fs), the CLI
// (bytes on its command line, --escaped, JSON) and the operations must each see and act on exactly the
// entry that is there.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import * as fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { listBatches } from '../../../electron/engine/listing/list'
import { removeLink, retargetLink } from '../../../electron/engine/ops'
import { decodeNameBytes, encodeNameBytes, escapedName, parseEscaped } from '../../../shared/names'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeLines } from '../../helpers/tree-hash'

const b = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))))
let root: string
const at = (...parts: Buffer[]): Buffer =>
  Buffer.concat([Buffer.from(root), ...parts.flatMap((p) => [Buffer.from('/'), p])])
const str = (buf: Buffer): string => decodeNameBytes(buf)

// Three links that a lossy decoder reads as one name "l\ufffd", each with its own missing target.
const L_FE = b('l', [0xfe])
const L_FF = b('l', [0xff])
const L_REPLACEMENT = b('l\ufffd')
const CTRL = b('red\u001b[31m\nname')

beforeEach(() => {
  root = fs.realpathSync(makeTempDir('linkscope-bytes-'))
  fs.mkdirSync(at(b('d', [0xff])))
  fs.writeFileSync(at(b('d', [0xff]), b('f', [0xfe])), 'data')
  fs.linkSync(at(b('d', [0xff]), b('f', [0xfe])), at(b('hard', [0xfb])))
  fs.symlinkSync(b('gone-fe'), at(L_FE))
  fs.symlinkSync(b('gone-ff'), at(L_FF))
  fs.symlinkSync(b('gone-', [0xfd]), at(L_REPLACEMENT))
  fs.writeFileSync(at(b('new', [0xfa])), 'new')
  fs.symlinkSync(b('d', [0xff], '/f', [0xfe]), at(CTRL)) // alive, through a non-UTF-8 folder
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

const cli = (args: string[], env: Record<string, string> = {}): { status: number | null; out: string; err: string } => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } })
  return { status: r.status, out: r.stdout, err: r.stderr }
}
const records = (out: string): Record<string, unknown>[] =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
const onDisk = (): string[] => fs.readdirSync(Buffer.from(root), { encoding: 'buffer' }).map(str).sort()

describe('names that are not UTF-8 are listed as they are', () => {
  it('the engine lists every entry, each under its own name', () => {
    const listed = [...listBatches(root)].flat()
    expect(listed.map((e) => e.name).sort()).toEqual(onDisk())
    const byName = new Map(listed.map((e) => [e.name, e]))
    expect(byName.get(str(L_FE))?.target).toBe('gone-fe')
    expect(byName.get(str(L_FF))?.target).toBe('gone-ff')
    expect(byName.get(str(L_REPLACEMENT))?.target).toBe(str(b('gone-', [0xfd])))
    expect(byName.get(str(CTRL))).toMatchObject({ status: 'ok', kind: 'symlink' })
    expect(byName.get(str(b('hard', [0xfb])))).toMatchObject({ kind: 'file', links: 2 })
  })

  it('ls --json gives each name losslessly, with its bytes in base64 where it is not UTF-8', () => {
    const r = cli(['ls', '--json', root])
    expect(r.status).toBe(0)
    const recs = records(r.out)
    expect(recs.map((x) => x.name).sort()).toEqual(onDisk())
    const fe = recs.find((x) => x.name === str(L_FE)) as Record<string, string>
    expect(Buffer.from(fe.nameBase64 as string, 'base64')).toEqual(L_FE)
    expect(Buffer.from(fe.pathBase64 as string, 'base64')).toEqual(at(L_FE))
    expect(recs.find((x) => x.name === 'new\udcfa')).toBeDefined()
    expect(recs.find((x) => x.name === str(CTRL))).not.toHaveProperty('nameBase64') // UTF-8: no second field
  })

  it('ls shows raw bytes and controls as escapes, one entry a line', () => {
    const r = cli(['ls', root])
    expect(r.status).toBe(0)
    expect(r.out.trim().split('\n')).toHaveLength(onDisk().length)
    expect(r.out).toContain('l\\xFE -> gone-fe')
    expect(r.out).toContain('l\\xFF -> gone-ff')
    expect(r.out).toContain('l\ufffd -> gone-\\xFD')
    expect(r.out).toContain('red\\x1B[31m\\nname -> d\\xFF/f\\xFE')
    expect(r.out).not.toContain('\u001b')
  })
})

describe('a scan of such a tree', () => {
  it.each([
    ['native', '1'],
    ['node:fs', '0'],
  ])('reports each broken link once with its own target, and no vanished entries (%s)', (_how, native) => {
    const r = cli(['scan', '--json', root], { LINKSCOPE_SCAN_NATIVE: native })
    expect(r.status).toBe(0)
    const recs = records(r.out)
    const broken = recs
      .filter((x) => x.status === 'broken')
      .map((x) => [x.path, x.target])
      .sort()
    expect(broken).toEqual(
      [
        [str(at(L_FE)), 'gone-fe'],
        [str(at(L_FF)), 'gone-ff'],
        [str(at(L_REPLACEMENT)), str(b('gone-', [0xfd]))],
      ].sort(),
    )
    expect(r.err).toBe('') // no warning: nothing "vanished", nothing unreadable
    const group = recs.find((x) => Array.isArray(x.paths)) as { paths: string[] }
    expect(group.paths.sort()).toEqual([str(at(b('d', [0xff]), b('f', [0xfe]))), str(at(b('hard', [0xfb])))].sort())
  })
})

describe('operations act on exactly the entry shown', () => {
  const without = (lines: string[], name: Buffer): string[] =>
    lines.filter((l) => !l.startsWith(`hex:${name.toString('hex')} `))

  it("rm-link with the name's bytes on the command line removes that link and nothing else", () => {
    const before = treeLines(root)
    // Node cannot put raw bytes on a child's command line; the shell can.
    const r = spawnSync('bash', ['-c', `exec "$0" "$1" rm-link "$2/l$(printf '\\376')"`, process.execPath, CLI, root], {
      encoding: 'utf8',
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('l\\xFE')
    expect(treeLines(root)).toEqual(without(before, L_FE))
  })

  it('rm-link --escaped takes the form ls prints', () => {
    const before = treeLines(root)
    const r = cli(['rm-link', '--escaped', `${root}/l\\xFF`])
    expect(r.err).toBe('')
    expect(r.status).toBe(0)
    expect(treeLines(root)).toEqual(without(before, L_FF))
    const again = cli(['rm-link', '--escaped', `${root}/l\\q`])
    expect(again.status).toBe(2)
    expect(again.err).toMatch(/--escaped: .*not an escape/)
  })

  it('the engine removes and retargets by the string it listed', () => {
    const listed = [...listBatches(root)].flat()
    const ff = listed.find((e) => e.name === str(L_FF))
    const rep = listed.find((e) => e.name === str(L_REPLACEMENT))
    if (!ff || !rep) throw new Error('listing lost an entry')
    const before = treeLines(root)
    const r = retargetLink({ path: ff.path, target: str(at(b('new', [0xfa]))), relative: true })
    expect(r.entry.status).toBe('ok')
    expect(fs.readlinkSync(at(L_FF), { encoding: 'buffer' })).toEqual(b('new', [0xfa]))
    removeLink(rep.path)
    const after = treeLines(root)
    expect(after.find((l) => l.startsWith(`hex:${L_FF.toString('hex')} `))).toMatch(/-> hex:6e6577fa$/)
    const untouched = (lines: string[]): string[] =>
      without(lines, L_FF).filter((l) => !l.startsWith(JSON.stringify(str(L_REPLACEMENT))))
    expect(untouched(after)).toEqual(untouched(before))
    expect(fs.existsSync(at(L_REPLACEMENT))).toBe(false)
    expect(fs.readlinkSync(at(L_FE), { encoding: 'buffer' })).toEqual(b('gone-fe'))
  })
})

describe('random byte names survive list, JSON, the escaped form and an operation', () => {
  it('every one comes back to its own bytes', () => {
    const name = fc
      .uint8Array({ minLength: 1, maxLength: 24 })
      .filter((x) => !x.includes(0) && !x.includes(0x2f) && !(x.length <= 2 && x.every((c) => c === 0x2e)))
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 12, selector: (x) => Buffer.from(x).toString('hex') }),
        (names) => {
          const dir = fs.mkdtempSync(path.join(root, 'prop-'))
          try {
            for (const n of names)
              fs.symlinkSync(Buffer.from(n), Buffer.concat([Buffer.from(dir + '/'), Buffer.from(n)]))
            const listed = [...listBatches(dir)].flat()
            const wire = JSON.parse(JSON.stringify(listed)) as typeof listed // what IPC and --json carry
            expect(wire.map((e) => Buffer.from(encodeNameBytes(e.name)).toString('hex')).sort()).toEqual(
              names.map((n) => Buffer.from(n).toString('hex')).sort(),
            )
            for (const e of wire) {
              expect(e.target).toBe(e.name) // each link points at its own name: a swap would show
              removeLink(`${dir}/${parseEscaped(escapedName(e.name))}`) // the form the CLI prints and takes
            }
            expect(fs.readdirSync(dir)).toEqual([])
          } finally {
            fs.rmSync(dir, { recursive: true, force: true })
          }
        },
      ),
      { numRuns: 40 },
    )
  })
})
