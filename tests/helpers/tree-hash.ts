/**
 * A fingerprint of a real tree, never following links: every path with its kind, inode, link count,
 * link text and the sha256 of its bytes. Equal fingerprints before and after an operation mean the
 * tree is byte-for-byte and link-for-link as it was.
 */
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

const kindOf = (st: fs.Stats): string =>
  st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'special'

/** One line an entry, sorted: "rel  kind  ino  nlink  mode  link text or sha256". */
export function treeLines(root: string): string[] {
  const lines: string[] = []
  const visit = (abs: string, rel: string): void => {
    const st = fs.lstatSync(abs)
    const kind = kindOf(st)
    let content = ''
    if (kind === 'symlink') content = `-> ${fs.readlinkSync(abs)}`
    else if (kind === 'file') content = createHash('sha256').update(fs.readFileSync(abs)).digest('hex')
    lines.push([JSON.stringify(rel), kind, st.ino, st.nlink, (st.mode & 0o7777).toString(8), content].join('  '))
    if (kind === 'dir') {
      for (const name of fs.readdirSync(abs).sort()) visit(path.join(abs, name), rel === '' ? name : `${rel}/${name}`)
    }
  }
  visit(root, '')
  return lines
}

/** The whole fingerprint as one sha256. */
export const treeHash = (root: string): string =>
  createHash('sha256').update(treeLines(root).join('\n')).digest('hex')
