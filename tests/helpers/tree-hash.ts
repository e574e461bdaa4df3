/**
 * A fingerprint of a real tree, never following links: every path with its kind, inode, link count,
 * link text and the sha256 of its bytes. Equal fingerprints before and after an operation mean the
 * tree is byte-for-byte and link-for-link as it was.
 */
import { isUtf8 } from 'node:buffer'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

const kindOf = (st: fs.Stats): string =>
  st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'special'

/**
 * One line an entry, sorted: "rel  kind  ino  nlink  mode  link text or sha256". Walked with Buffer paths,
 * so names that are not UTF-8 are read (and told apart) byte for byte; they appear as hex.
 */
export function treeLines(root: string): string[] {
  const lines: string[] = []
  const text = (b: Buffer): string => (isUtf8(b) ? b.toString('utf8') : `hex:${b.toString('hex')}`)
  const show = (b: Buffer): string => (isUtf8(b) ? JSON.stringify(b.toString('utf8')) : `hex:${b.toString('hex')}`)
  const visit = (abs: Buffer, rel: Buffer): void => {
    const st = fs.lstatSync(abs)
    const kind = kindOf(st)
    let content = ''
    if (kind === 'symlink') content = `-> ${text(fs.readlinkSync(abs, { encoding: 'buffer' }))}`
    else if (kind === 'file') content = createHash('sha256').update(fs.readFileSync(abs)).digest('hex')
    lines.push([show(rel), kind, st.ino, st.nlink, (st.mode & 0o7777).toString(8), content].join('  '))
    if (kind === 'dir') {
      const names = fs.readdirSync(abs, { encoding: 'buffer' }).sort(Buffer.compare)
      for (const name of names)
        visit(Buffer.concat([abs, SLASH, name]), rel.length === 0 ? name : Buffer.concat([rel, SLASH, name]))
    }
  }
  visit(Buffer.from(path.resolve(root)), Buffer.alloc(0))
  return lines
}

const SLASH = Buffer.from('/')

/** The whole fingerprint as one sha256. */
export const treeHash = (root: string): string => createHash('sha256').update(treeLines(root).join('\n')).digest('hex')
