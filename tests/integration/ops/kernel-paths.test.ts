import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { resolveAsKernel } from '../../../electron/engine/listing/paths'
import { createLink, removeLink } from '../../../electron/engine/ops'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

// A/s is a link to B/C/D: the kernel reads A/s/.. as B/C, where path.resolve would say A.
let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)
/** Joined as written: path.join would fold the ".." away by the text, the very thing under test. */
const raw = (...parts: string[]): string => [root, ...parts].join('/')
const code = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (e) {
    return (e as { code?: string }).code
  }
  return undefined
}

beforeEach(() => {
  root = fs.realpathSync(makeTempDir('linkscope-kernel-paths-'))
  fs.mkdirSync(p('A'))
  fs.mkdirSync(p('B', 'C', 'D'), { recursive: true })
  fs.symlinkSync('../B/C/D', p('A', 's'))
  fs.writeFileSync(p('A', 't'), 'tgt')
  fs.writeFileSync(p('B', 'C', 't'), 'WRONG')
  fs.symlinkSync('A/t', p('hlx')) // what a lexical reading of A/s/../../hlx would remove
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('paths resolve as the kernel resolves them', () => {
  it('reads ".." after a link from where the link leads', () => {
    expect(resolveAsKernel(raw('A', 's', '..', 't'))).toBe(p('B', 'C', 't'))
    expect(resolveAsKernel(raw('A', 's', '..', '..', 'hlx'))).toBe(p('B', 'hlx'))
    expect(resolveAsKernel('s/../t', p('A'))).toBe(p('B', 'C', 't'))
    expect(resolveAsKernel(raw('A', '.', 't'))).toBe(p('A', 't')) // no "..": nothing to look up
  })

  it('fails as the kernel does for ".." after a file or after something missing', () => {
    expect(code(() => resolveAsKernel(raw('A', 't', '..', 'x')))).toBe('NOT_A_DIRECTORY')
    expect(code(() => resolveAsKernel(raw('A', 'missing', '..', 't')))).toBe('NOT_FOUND')
  })

  it('rm-link a/link/../../name removes what the kernel names, or nothing', () => {
    const before = treeHash(root)
    expect(code(() => removeLink(raw('A', 's', '..', '..', 'hlx')))).toBe('NOT_FOUND') // B/hlx does not exist
    expect(treeHash(root)).toBe(before)
    fs.symlinkSync('C/t', p('B', 'hlx'))
    removeLink(raw('A', 's', '..', '..', 'hlx'))
    expect(fs.existsSync(p('B', 'hlx'))).toBe(false)
    expect(fs.readlinkSync(p('hlx'))).toBe('A/t') // the lexical namesake is untouched
  })

  it('a relative symbolic link made through a linked folder leads to the file asked for (like ln -sr)', () => {
    createLink({ type: 'symbolic', target: p('A', 't'), link: p('A', 's', 'rel-link'), relative: true })
    expect(fs.readlinkSync(p('B', 'C', 'D', 'rel-link'))).toBe('../../../A/t')
    expect(fs.readFileSync(p('A', 's', 'rel-link'), 'utf8')).toBe('tgt')
  })
})
