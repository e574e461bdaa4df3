// "Links pointing here" (findLinksInto) on a real tree: links as stored (absolute, relative), through
// other links (a chain, a parent that is a link), broken ones whose stored target is inside, and the
// near misses that must not count (a sibling with the same prefix, links elsewhere, loops).
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { findLinksInto } from '../../../electron/engine/scan'
import { LinkError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

let top: string
const p = (...parts: string[]): string => path.join(top, ...parts)

async function linksInto(target: string, root?: string) {
  const streamed: LinkEntry[] = []
  const result = await findLinksInto(
    {
      signal: new AbortController().signal,
      emit: (b) => {
        streamed.push(...b)
      },
    },
    target,
    root,
  )
  return { result, paths: streamed.map((e) => e.path).sort(), streamed }
}

/** `linkscope links-to TARGET --root ROOT --json`'s link lines, sorted; LINKSCOPE_SCAN_NATIVE=`native`. */
function linksToLines(native: string, target: string, root: string): string[] {
  const r = spawnSync(process.execPath, [CLI, 'links-to', target, '--root', root, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, LINKSCOPE_SCAN_NATIVE: native },
  })
  expect(r.status).toBe(0)
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{"path"'))
    .sort()
}

beforeAll(() => {
  top = makeTempDir('linkscope-into-')
  fs.mkdirSync(p('data', 'docs'), { recursive: true })
  fs.mkdirSync(p('data2'))
  fs.mkdirSync(p('deep', 'er'), { recursive: true })
  fs.writeFileSync(p('data', 'docs', 'report.txt'), 'report')
  fs.symlinkSync(p('data'), p('abs-to-data'))
  fs.symlinkSync('data/docs', p('rel-to-docs'))
  fs.symlinkSync('../../data/docs/report.txt', p('deep', 'er', 'to-report'))
  fs.symlinkSync('abs-to-data/docs', p('chain')) // as stored it names the link, which leads into data
  fs.symlinkSync('data', p('alias'))
  fs.symlinkSync(p('alias', 'docs'), p('via-alias')) // a parent on the way is a link
  fs.symlinkSync('data/gone.txt', p('broken-into')) // broken, but it points into data
  fs.symlinkSync('data2', p('to-data2')) // the same prefix, another folder
  fs.symlinkSync('/', p('to-root')) // above data, not into it
  fs.symlinkSync('loop-b', p('loop-a'))
  fs.symlinkSync('loop-a', p('loop-b'))
  fs.symlinkSync('report.txt', p('data', 'docs', 'inside')) // a link inside the target, to something in it
  fs.symlinkSync('/nowhere/at/all', p('deep', 'dangling'))
})
afterAll(() => fs.rmSync(top, { recursive: true, force: true }))

describe('findLinksInto', () => {
  it('finds every link that leads to a folder or into it, as stored or through other links, and nothing else', async () => {
    const before = treeHash(top)
    const { result, paths, streamed } = await linksInto(p('data'), top)
    expect(paths).toEqual(
      [
        p('abs-to-data'),
        p('alias'),
        p('broken-into'),
        p('chain'),
        p('data', 'docs', 'inside'),
        p('deep', 'er', 'to-report'),
        p('rel-to-docs'),
        p('via-alias'),
      ].sort(),
    )
    expect(result).toMatchObject({ target: p('data'), root: top, links: 8 })
    expect(result.entries).toBe(19) // every entry under the root was seen once (links are not descended)
    // each comes as its own entry: the link's target as stored, and whether it is alive
    const broken = streamed.find((e) => e.path === p('broken-into'))
    expect(broken).toMatchObject({ kind: 'symlink', target: 'data/gone.txt', status: 'broken' })
    expect(streamed.find((e) => e.path === p('rel-to-docs'))).toMatchObject({
      target: 'data/docs',
      status: 'ok',
      resolved: p('data', 'docs'),
    })
    expect(treeHash(top)).toBe(before) // only read
  })

  it('for a file: the links that lead to that file', async () => {
    const { paths } = await linksInto(p('data', 'docs', 'report.txt'), top)
    expect(paths).toEqual([p('data', 'docs', 'inside'), p('deep', 'er', 'to-report')])
  })

  it('a folder no link leads into: none, after looking at everything', async () => {
    const { result, paths } = await linksInto(p('deep'), top)
    expect(paths).toEqual([])
    expect(result.links).toBe(0)
  })

  it('a target that does not exist is a typed NOT_FOUND; a root that is not a folder NOT_A_DIRECTORY', async () => {
    await expect(linksInto(p('no-such'), top)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(linksInto(p('data'), p('data', 'docs', 'report.txt'))).rejects.toMatchObject({
      code: 'NOT_A_DIRECTORY',
    })
  })

  it('the addon walk and the node:fs walk (its fallback) stream the same links, byte for byte', () => {
    const viaAddon = linksToLines('1', p('data'), top)
    expect(viaAddon).toHaveLength(8)
    expect(linksToLines('0', p('data'), top)).toEqual(viaAddon)
  })

  it('texts the addon resolves itself (dots, doubled slashes, above "/", a root reached through a link, names that are not UTF-8) give the node:fs answer', () => {
    const odd = path.join(top, 'odd')
    fs.mkdirSync(path.join(odd, 'in', 'sub'), { recursive: true })
    fs.mkdirSync(path.join(odd, 'out'))
    const bad = Buffer.concat([Buffer.from(path.join(odd, 'out') + '/'), Buffer.from([0xff, 0x6c])]) // "\xffl"
    const texts: [string, string | Buffer][] = [
      ['out/dots', '../out/./../in//sub/.'],
      ['out/above-root', '/../../' + path.join(odd, 'in').slice(1)],
      ['out/trailing', path.join(odd, 'in') + '/'],
      ['out/prefix-only', path.join(odd, 'in') + '-not'],
      ['out/via-link', '../in-alias/sub'], // as stored it misses; its real path is inside
      ['out/via-link-gone', '../in-alias/gone'], // broken: nowhere, whatever its text names
      ['out/windows', '\\\\?\\C:\\in'], // a prefix points-into.ts strips: left to JavaScript
      ['in/sub/up', '..'],
      ['out/dot', '.'],
    ]
    fs.symlinkSync('in', path.join(odd, 'in-alias'))
    for (const [name, text] of texts) fs.symlinkSync(text, path.join(odd, name))
    fs.symlinkSync(Buffer.from('../in/sub'), bad) // a name that is not UTF-8, leading inside
    fs.symlinkSync(odd, path.join(top, 'odd-alias'))
    for (const root of [odd, path.join(top, 'odd-alias')]) {
      const viaAddon = linksToLines('1', path.join(odd, 'in'), root)
      expect(viaAddon.map((l) => path.basename(JSON.parse(l).path)).sort()).toEqual(
        ['above-root', 'dots', 'in-alias', 'trailing', 'up', 'via-link', '\udcffl'].sort(),
      )
      expect(linksToLines('0', path.join(odd, 'in'), root)).toEqual(viaAddon)
    }
    fs.rmSync(odd, { recursive: true })
    fs.rmSync(path.join(top, 'odd-alias'))
  })

  it('cancelled: rejects with CANCELLED', async () => {
    const ac = new AbortController()
    const running = findLinksInto({ signal: ac.signal, emit: () => {} }, p('data'), top)
    ac.abort()
    const e = await running.catch((x: unknown) => x)
    expect(e).toBeInstanceOf(LinkError)
    expect(e).toMatchObject({ code: 'CANCELLED' })
  })
})
