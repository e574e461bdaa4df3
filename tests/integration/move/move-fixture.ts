/**
 * A folder to move and its surroundings, on the temp dir's device (ext4 here), with a destination on
 * /dev/shm (tmpfs: another device). Inside SRC: a hard-link group, a file with a name outside SRC (only
 * when asked), relative and absolute links into and out of SRC, names with unicode, a newline and raw
 * non-UTF-8 bytes. Outside: links from elsewhere into SRC.
 */
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { makeTempDir } from '../../helpers/link-tree'

export type MoveFixture = { top: string; src: string; other: string; dest: string; state: string }

/** A name holding bytes that are not UTF-8, as a Buffer path (Linkscope's strings escape them). */
export const RAW_NAME = Buffer.from([0x72, 0x61, 0x77, 0xff, 0xfe, 0x2e, 0x62, 0x69, 0x6e])

export function buildMoveFixture(opts: { outsideName?: boolean; files?: number; rawName?: boolean } = {}): MoveFixture {
  const top = makeTempDir('linkscope-move-')
  const src = path.join(top, 'src ✓')
  const other = path.join(top, 'other')
  const dest = makeTempDir('linkscope-move-dest-', '/dev/shm')
  const state = path.join(top, 'state')
  const p = (...parts: string[]): string => path.join(src, ...parts)
  fs.mkdirSync(p('sub', 'deeper'), { recursive: true })
  fs.mkdirSync(other)
  fs.writeFileSync(p('a.txt'), 'alpha\n')
  fs.linkSync(p('a.txt'), p('sub', 'a-again.txt'))
  fs.writeFileSync(p('line\nbreak ü.txt'), 'newline name\n')
  fs.writeFileSync(p('sub', 'deeper', 'big.bin'), Buffer.alloc(300_000, 7))
  fs.chmodSync(p('sub', 'deeper', 'big.bin'), 0o640)
  for (let i = 0; i < (opts.files ?? 20); i++) fs.writeFileSync(p('sub', `f${i}.dat`), `file ${i}\n`.repeat(i + 1))
  if (opts.rawName) fs.writeFileSync(Buffer.concat([Buffer.from(p('sub') + '/'), RAW_NAME]), 'raw bytes name\n')
  fs.symlinkSync('../a.txt', p('sub', 'rel-in'))
  fs.symlinkSync(p('sub', 'deeper'), p('abs-in'))
  fs.symlinkSync('../other/outside.txt', p('rel-out'))
  fs.symlinkSync(path.join(other, 'outside.txt'), p('abs-out'))
  fs.writeFileSync(path.join(other, 'outside.txt'), 'outside\n')
  if (opts.outsideName) fs.linkSync(p('sub', 'f0.dat'), path.join(other, 'f0-outside.dat'))
  fs.symlinkSync(p('sub', 'deeper', 'big.bin'), path.join(other, 'abs-into'))
  fs.symlinkSync('../src ✓/a.txt', path.join(other, 'rel-into'))
  fs.utimesSync(p('a.txt'), new Date('2020-01-02T03:04:05Z'), new Date('2020-01-02T03:04:05Z'))
  return { top, src, other, dest, state }
}

/**
 * What can be reached at `root`'s name, following `root` itself but no link below it: every entry's
 * relative path, kind and mode; a file's sha256 and which earlier name it shares its file with; a link's
 * kind of target and the target's sha256 (where it leads, not its text, which a move may rewrite).
 */
export function reachable(root: string | Buffer): string[] {
  const lines: string[] = []
  const firstName = new Map<string, string>()
  const sha = (p: Buffer): string => createHash('sha256').update(fs.readFileSync(p)).digest('hex')
  const show = (b: Buffer): string => b.toString('hex')
  const visit = (abs: Buffer, rel: Buffer): void => {
    const st = rel.length === 0 ? fs.statSync(abs) : fs.lstatSync(abs)
    const r = show(rel)
    if (st.isSymbolicLink()) {
      const to = fs.statSync(abs, { throwIfNoEntry: false })
      lines.push(`${r} link -> ${to === undefined ? 'broken' : to.isDirectory() ? 'dir' : sha(abs)}`)
    } else if (st.isDirectory()) {
      lines.push(`${r} dir ${(st.mode & 0o7777).toString(8)}`)
      for (const n of fs.readdirSync(abs, { encoding: 'buffer' }).sort(Buffer.compare)) {
        visit(
          Buffer.concat([abs, Buffer.from('/'), n]),
          rel.length === 0 ? n : Buffer.concat([rel, Buffer.from('/'), n]),
        )
      }
    } else {
      const id = `${st.dev}:${st.ino}`
      const same = st.nlink > 1 ? firstName.get(id) : undefined
      if (st.nlink > 1 && !same) firstName.set(id, r)
      lines.push(`${r} file ${(st.mode & 0o7777).toString(8)} ${sha(abs)} ${same ?? ''}`)
    }
  }
  visit(typeof root === 'string' ? Buffer.from(root) : root, Buffer.alloc(0))
  return lines
}

/** Hidden names a move or move-back makes beside the place; none may be left after a run or a recovery. */
export const leftovers = (dir: string): string[] => fs.readdirSync(dir).filter((n) => n.includes('.linkscope-'))

/** Remove the fixture's two trees and stop pointing journals at it. */
export function removeMoveFixture(fx: MoveFixture): void {
  delete process.env.LINKSCOPE_STATE_DIR
  for (const d of [fx.top, fx.dest]) fs.rmSync(d, { recursive: true, force: true })
}

/** The typed code a promise is refused with, or 'no error'. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    return e instanceof LinkError ? e.code : `not a LinkError: ${String(e)}`
  }
  return 'no error'
}
