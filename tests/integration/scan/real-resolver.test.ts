// The resolver that spares "links pointing here" a realpath per link must give realpath's answer for
// every link: checked against realpath(3) itself on a tree of awkward links (chains, `..` after a link,
// a trailing slash on a file, loops, a folder reached through a link, a long chain past ELOOP), then on
// links with random texts made of those parts.
import * as fs from 'node:fs'
import * as path from 'node:path'

import * as fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { RealResolver } from '../../../electron/engine/scan/real-resolver'
import { makeTempDir } from '../../helpers/link-tree'

let top: string
const p = (...parts: string[]): string => path.join(top, ...parts)

function realpathOrNull(full: string): string | null {
  try {
    return fs.realpathSync.native(full)
  } catch {
    return null
  }
}

/** Every link directly in `dir` (a walked path, maybe through a link) checked against realpath with one resolver. */
function expectAgreement(resolver: RealResolver, dir: string): number {
  let n = 0
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!d.isSymbolicLink()) continue
    const full = path.join(dir, d.name)
    const real = realpathOrNull(full)
    expect({ full, real: resolver.linkDestination(full, dir) }).toEqual({ full, real })
    expect({ full, real: resolver.linkDestination(full, dir, fs.readlinkSync(full)) }).toEqual({ full, real })
    n++
  }
  return n
}

beforeAll(() => {
  top = fs.realpathSync(makeTempDir('linkscope-real-'))
  fs.mkdirSync(p('a', 'b', 'c'), { recursive: true })
  fs.mkdirSync(p('links'))
  fs.writeFileSync(p('a', 'file'), 'x')
  const links: [string, string][] = [
    ['rel-folder', '../a/b'],
    ['abs-folder', p('a', 'b', 'c')],
    ['rel-file', '../a/file'],
    ['file-slash', '../a/file/'],
    ['file-dot-dot', '../a/file/..'],
    ['through-link-up', 'rel-folder/../file'], // .. from where rel-folder leads (a), not lexically (links)
    ['chain', 'rel-folder'],
    ['chain-deeper', 'chain/c/../..'],
    ['missing', 'nothing/here'],
    ['missing-last', '../a/nothing'],
    ['loop-a', 'loop-b'],
    ['loop-b', 'loop-a'],
    ['self', 'self/x'],
    ['root', '/'],
    ['up-past-root', '../../../../../../../../../../../..'],
    ['dots', './././../a//b/./c/'],
  ]
  for (const [name, text] of links) fs.symlinkSync(text, p('links', name))
  // 41 links in a chain: realpath gives up (ELOOP); 40 it follows
  for (let i = 0; i < 41; i++) fs.symlinkSync(i === 0 ? '../a' : `c${i - 1}`, p('links', `c${i}`))
  fs.symlinkSync('links', p('via')) // a walked folder that is itself reached through a link
})

afterAll(() => fs.rmSync(top, { recursive: true, force: true }))

describe('RealResolver', () => {
  it('agrees with realpath on every awkward link, and on the walked folder reached through a link', () => {
    const resolver = new RealResolver()
    expect(expectAgreement(resolver, p('links'))).toBeGreaterThan(50)
    expect(resolver.linkDestination(p('links', 'c39'), p('links'))).toBe(p('a'))
    expect(resolver.linkDestination(p('links', 'c40'), p('links'))).toBeNull()
    expectAgreement(resolver, p('via')) // answers memoized by the first pass must still hold
    expectAgreement(new RealResolver(), p('via'))
  })

  it('agrees with realpath on links with random texts', () => {
    const part = fc.constantFrom(
      '..',
      '.',
      '',
      'a',
      'b',
      'c',
      'file',
      'nothing',
      'links',
      'rel-folder',
      'chain',
      'loop-a',
    )
    const text = fc.tuple(fc.boolean(), fc.array(part, { minLength: 1, maxLength: 6 })).map(([abs, parts]) => {
      const t = parts.join('/')
      return abs ? `${top}/${t}` : t === '' ? '.' : t
    })
    let made = 0
    const seasoned = new RealResolver()
    fc.assert(
      fc.property(text, (t) => {
        const name = `r${made++}`
        fs.symlinkSync(t, p('links', name))
        try {
          // a fresh resolver and one that has seen every earlier link
          const full = p('links', name)
          const real = realpathOrNull(full)
          expect(new RealResolver().linkDestination(full, p('links'))).toBe(real)
          expect(seasoned.linkDestination(full, p('links'))).toBe(real)
          expect(seasoned.linkDestination(full, p('links'), t)).toBe(real)
        } finally {
          fs.unlinkSync(p('links', name))
        }
      }),
      { numRuns: 300 },
    )
  })
})
