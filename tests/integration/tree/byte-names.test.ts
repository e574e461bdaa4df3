// Names are bytes in tree work too: copy, compare, manifest and restore-links on a real tree whose names
// are not UTF-8 (a folder, a file with two names, a link whose text is not UTF-8 either) act on exactly
// those entries, and the manifest carries each such path with its bytes in a Base64 sibling.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildManifest, compareTrees, copyTree, parseManifest, restoreLinks } from '../../../electron/engine/tree'
import { decodeNameBytes } from '../../../shared/names'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'

const b = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => Buffer.from(p as string)))
let top: string
let src: string
const at = (root: string, ...parts: Buffer[]): Buffer =>
  Buffer.concat([Buffer.from(root), ...parts.flatMap((p) => [Buffer.from('/'), p])])
const DIR = b('d', [0xff])
const FILE = b('f', [0xfe])
const HARD = b('h', [0xfb])
const LINK = b('l', [0xfa])
const str = (x: Buffer): string => decodeNameBytes(x)

beforeAll(() => {
  top = fs.realpathSync(makeTempDir('linkscope-tree-bytes-'))
  src = path.join(top, 'src')
  fs.mkdirSync(src)
  fs.mkdirSync(at(src, DIR))
  fs.writeFileSync(at(src, DIR, FILE), 'raw bytes')
  fs.linkSync(at(src, DIR, FILE), at(src, HARD))
  fs.symlinkSync(Buffer.concat([DIR, Buffer.from('/'), FILE]), at(src, LINK))
})
afterAll(() => fs.rmSync(top, { recursive: true, force: true }))

describe('tree work on names that are not UTF-8', () => {
  it('copy keeps the names, the group and the link text byte for byte; compare says so', async () => {
    const dst = path.join(top, 'copy')
    const { summary } = await copyTree(src, dst)
    expect(summary).toMatchObject({ dirs: 1, files: 1, hardLinks: 1, symlinks: 1 })
    expect(fs.readlinkSync(at(dst, LINK), { encoding: 'buffer' })).toEqual(Buffer.concat([DIR, Buffer.from('/'), FILE]))
    expect(fs.statSync(at(dst, DIR, FILE)).ino).toBe(fs.statSync(at(dst, HARD)).ino)
    const cmp = await compareTrees(src, dst)
    expect(Object.fromEntries(cmp.records.map((r) => [r.path, r.state]))).toEqual({
      [str(DIR) + '/' + str(FILE)]: 'same-content',
      [str(HARD)]: 'same-content',
      [str(LINK)]: 'same-content',
    })
    expect(cmp.summary.groupingDiffers).toBe(0)
  })

  it('a hard-link clone and compare: same-file, no byte read', async () => {
    const dst = path.join(top, 'clone')
    await copyTree(src, dst, { hardlinkClone: true })
    const cmp = await compareTrees(src, dst)
    expect(cmp.summary.states['same-file'].count).toBe(2)
    expect(cmp.summary.bytesRead).toBe(0)
  })

  it('manifest records the group under its byte names; a dry restore of a cp -r copy finds them and would re-link', async () => {
    const { manifest } = await buildManifest(src)
    expect(manifest.groups[0]?.paths.sort()).toEqual([str(DIR) + '/' + str(FILE), str(HARD)].sort())
    const copy = path.join(top, 'cp-r')
    expect(spawnSync('cp', ['-r', '--no-dereference', src, copy]).status).toBe(0)
    const { records } = await restoreLinks(manifest, copy, { dryRun: true })
    expect(records.filter((x) => x.action !== 'ok')).toEqual([expect.objectContaining({ action: 'relink' })])
    expect(fs.statSync(at(copy, DIR, FILE)).ino).not.toBe(fs.statSync(at(copy, HARD)).ino)
  })

  it('a real restore of a cp -r copy re-links the file under the non-UTF-8 folder (it failed NOT_FOUND)', async () => {
    const { manifest } = await buildManifest(src)
    const copy = path.join(top, 'cp-r-real')
    expect(spawnSync('cp', ['-r', '--no-dereference', src, copy]).status).toBe(0)
    const { records } = await restoreLinks(manifest, copy)
    expect(records.filter((x) => x.action !== 'ok')).toEqual([expect.objectContaining({ action: 'relink' })])
    expect(fs.statSync(at(copy, DIR, FILE)).ino).toBe(fs.statSync(at(copy, HARD)).ino)
    expect(fs.readFileSync(at(copy, DIR, FILE), 'utf8')).toBe('raw bytes')
    expect(fs.readdirSync(at(copy, DIR), { encoding: 'buffer' })).toEqual([FILE])
  })

  it('the CLI manifest gives each such path a Base64 sibling with its bytes, and reads back losslessly', () => {
    const r = spawnSync(process.execPath, [CLI, 'manifest', src], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    const m = JSON.parse(r.stdout) as { links: Record<string, string>[]; groups: Record<string, string[]>[] }
    expect(Buffer.from(m.links[0]?.pathBase64 as string, 'base64')).toEqual(LINK)
    expect(Buffer.from(m.links[0]?.targetBase64 as string, 'base64')).toEqual(
      Buffer.concat([DIR, Buffer.from('/'), FILE]),
    )
    expect((m.groups[0]?.pathsBase64 as string[]).map((x) => Buffer.from(x, 'base64').toString('hex')).sort()).toEqual(
      [Buffer.concat([DIR, Buffer.from('/'), FILE]), HARD].map((x) => x.toString('hex')).sort(),
    )
    expect(parseManifest(r.stdout).links[0]?.path).toBe(str(LINK))
  })
})
