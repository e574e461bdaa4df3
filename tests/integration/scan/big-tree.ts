/** A generated tree big enough that a scan takes a while (for cancel and delete-while-scanning tests). */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { makeTempDir } from '../../helpers/link-tree'

export type BigTree = { root: string; entries: number; dirs: string[] }

/** `top` folders of `sub` folders of `files` files each, with a broken link in each leaf folder. */
export function makeBigTree(prefix: string, top = 40, sub = 40, files = 30): BigTree {
  const root = makeTempDir(prefix)
  const dirs: string[] = []
  let entries = 0
  for (let t = 0; t < top; t++) {
    const a = path.join(root, `t${t}`)
    fs.mkdirSync(a)
    dirs.push(a)
    entries++
    for (let s = 0; s < sub; s++) {
      const b = path.join(a, `s${s}`)
      fs.mkdirSync(b)
      entries++
      for (let f = 0; f < files; f++) fs.writeFileSync(path.join(b, `f${f}`), '')
      fs.symlinkSync('missing', path.join(b, 'broken'))
      entries += files + 1
    }
  }
  return { root, entries, dirs }
}
