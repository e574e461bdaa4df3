/**
 * A real tree with every link shape a tree copy must keep, inside a folder that also holds things outside
 * SRC: hard-link groups inside SRC and across its edge, relative and absolute symbolic links into and out
 * of SRC, loops, a broken link, unicode and newline names, modes and times to keep, a FIFO.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { makeTempDir } from '../../helpers/link-tree'

export type Fixture = { top: string; src: string; outside: string }

export const NEWLINE_NAME = 'new\nline.txt'
export const UNICODE_NAME = 'ünïcödé ✓.txt'
export const OLD_TIME = new Date('2020-02-02T02:02:02.123Z')

export function buildTreeFixture(prefix = 'linkscope-tree-'): Fixture {
  const top = makeTempDir(prefix)
  const src = path.join(top, 'src')
  const outside = path.join(top, 'outside')
  const s = (...p: string[]): string => path.join(src, ...p)
  fs.mkdirSync(s('docs', 'deep'), { recursive: true })
  fs.mkdirSync(s('media', 'empty'), { recursive: true })
  fs.mkdirSync(outside)
  fs.writeFileSync(path.join(outside, 'target.txt'), 'outside target\n')
  // a group of three names inside SRC, in three folders
  fs.writeFileSync(s('docs', 'report.txt'), 'report body\n')
  fs.linkSync(s('docs', 'report.txt'), s('report-hard.txt'))
  fs.linkSync(s('docs', 'report.txt'), s('docs', 'deep', 'report-deep.txt'))
  // a group with a name across SRC's edge
  fs.writeFileSync(path.join(outside, 'shared.bin'), Buffer.alloc(5000, 7))
  fs.linkSync(path.join(outside, 'shared.bin'), s('media', 'shared-inside.bin'))
  // a group of two with unicode and newline names
  fs.writeFileSync(s(UNICODE_NAME), 'unicode\n')
  fs.linkSync(s(UNICODE_NAME), s('media', NEWLINE_NAME))
  fs.writeFileSync(s('plain.txt'), 'plain\n')
  fs.writeFileSync(s('big.bin'), Buffer.alloc(3 << 20, 1)) // above the whole-file read size of the compare
  // symbolic links
  fs.symlinkSync('plain.txt', s('rel-in'))
  fs.symlinkSync('../outside/target.txt', s('rel-out'))
  fs.symlinkSync(s('docs'), s('abs-in-dir'))
  fs.symlinkSync(s('docs', 'report.txt'), s('media', 'abs-in-file'))
  fs.symlinkSync(path.join(outside, 'target.txt'), s('abs-out'))
  fs.symlinkSync('loop-b', s('loop-a'))
  fs.symlinkSync('loop-a', s('loop-b'))
  fs.symlinkSync('self', s('self'))
  fs.symlinkSync('missing.txt', s('dangling'))
  fs.symlinkSync('.', s('docs', 'dot')) // a folder link that loops back to its own folder
  execFileSync('mkfifo', [s('pipe')])
  // modes and times
  fs.chmodSync(s('plain.txt'), 0o640)
  fs.chmodSync(s('docs', 'deep'), 0o750)
  fs.utimesSync(s('plain.txt'), OLD_TIME, OLD_TIME)
  fs.utimesSync(s('docs', 'deep'), OLD_TIME, OLD_TIME)
  fs.lutimesSync(s('rel-in'), OLD_TIME, OLD_TIME)
  return { top, src, outside }
}

/** Every relative path under `root` (never following links), sorted. */
export function relPaths(root: string): string[] {
  const out: string[] = []
  const visit = (rel: string): void => {
    for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`
      out.push(r)
      if (fs.lstatSync(path.join(root, r)).isDirectory()) visit(r)
    }
  }
  visit('')
  return out
}

/** Hard-link groups under `root` as GNU find sees them: for each file with several names, `find -samefile`. */
export function samefileGroups(root: string): string[][] {
  const groups = new Map<string, string[]>()
  for (const rel of relPaths(root)) {
    const abs = path.join(root, rel)
    const st = fs.lstatSync(abs)
    if (!st.isFile() || st.nlink < 2) continue
    const key = `${st.ino}`
    if (groups.has(key)) continue
    const found = execFileSync('find', [root, '-samefile', abs, '-print0'], { encoding: 'utf8' })
      .split('\0')
      .filter((p) => p !== '')
      .map((p) => path.relative(root, p))
      .sort()
    groups.set(key, found)
  }
  return [...groups.values()].sort((a, b) => (a[0] as string).localeCompare(b[0] as string))
}

/** The link structure of a tree: its hard-link groups and every symbolic link's text. */
export function structure(root: string): { groups: string[][]; links: Record<string, string> } {
  const links: Record<string, string> = {}
  for (const rel of relPaths(root)) {
    const abs = path.join(root, rel)
    if (fs.lstatSync(abs).isSymbolicLink()) links[rel] = fs.readlinkSync(abs)
  }
  return { groups: samefileGroups(root), links }
}
