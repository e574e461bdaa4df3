import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { findNames } from '../../../electron/engine/scan'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'
import { sorted, statIdLinks } from './scan-helpers'

const names = async (
  file: string,
  root?: string,
): Promise<{ result: Awaited<ReturnType<typeof findNames>>; streamed: string[][] }> => {
  const streamed: string[][] = []
  const result = await findNames(
    {
      signal: new AbortController().signal,
      emit: (b) => {
        streamed.push(b)
      },
    },
    file,
    root,
  )
  return { result, streamed }
}

let top: string
let root: string
let shm: string
const p = (...parts: string[]): string => path.join(root, ...parts)
beforeAll(() => {
  top = makeTempDir('linkscope-names-')
  root = path.join(top, 'root')
  fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true })
  fs.writeFileSync(p('a', 'one.txt'), 'one')
  fs.linkSync(p('a', 'one.txt'), p('a', 'b', 'two.txt'))
  fs.linkSync(p('a', 'one.txt'), p('ünï\ncödé'))
  fs.linkSync(p('a', 'one.txt'), path.join(top, 'outside.txt'))
  fs.symlinkSync('a/one.txt', p('sym-to-one')) // a symlink is not a name of the file
  fs.symlinkSync('..', p('a', 'b', 'up')) // a cycle the walk must not enter
  fs.writeFileSync(p('single.txt'), 'only one name')
  shm = makeTempDir('linkscope-names-', '/dev/shm')
  fs.mkdirSync(path.join(shm, 'x', 'y'), { recursive: true })
  fs.writeFileSync(path.join(shm, 'x', 'f'), 'on tmpfs')
  fs.linkSync(path.join(shm, 'x', 'f'), path.join(shm, 'x', 'y', 'g'))
})
afterAll(() => {
  fs.rmSync(top, { recursive: true, force: true })
  fs.rmSync(shm, { recursive: true, force: true })
})

describe('findNames on POSIX', () => {
  it('finds every name under the root, streams them, and says how many names the file has in all', async () => {
    const before = treeHash(top)
    const { result, streamed } = await names(p('a', 'b', 'two.txt'), root)
    expect(result).toEqual({
      ...statIdLinks(p('a', 'one.txt')),
      paths: sorted([p('a', 'one.txt'), p('a', 'b', 'two.txt'), p('ünï\ncödé')]),
    })
    expect(result.links).toBe(4) // the outside name is counted, not found
    expect(sorted(streamed.flat())).toEqual(result.paths)
    expect(treeHash(top)).toBe(before)
  })

  it('finds the names outside a narrower root when the root is wider', async () => {
    const { result } = await names(p('a', 'one.txt'), top)
    expect(result.paths).toEqual(
      sorted([p('a', 'one.txt'), p('a', 'b', 'two.txt'), p('ünï\ncödé'), path.join(top, 'outside.txt')]),
    )
  })

  it('defaults to the mount point of the file (tmpfs: /dev/shm) and finds every name there', async () => {
    const { result } = await names(path.join(shm, 'x', 'y', 'g'))
    expect(result.paths).toEqual(sorted([path.join(shm, 'x', 'f'), path.join(shm, 'x', 'y', 'g')]))
    expect(result.links).toBe(2)
  })

  it('a root on another device holds none of the names', async () => {
    const { result } = await names(path.join(shm, 'x', 'f'), root)
    expect(result).toMatchObject({ links: 2, paths: [] })
  })

  it('a file with one name is its own only name (no walk needed)', async () => {
    const { result, streamed } = await names(p('single.txt'), root)
    expect(result).toEqual({ ...statIdLinks(p('single.txt')), paths: [p('single.txt')] })
    expect(streamed.flat()).toEqual([p('single.txt')])
  })

  it('refuses a folder (IS_DIRECTORY) and a missing file (NOT_FOUND), leaving the tree as it was', async () => {
    const before = treeHash(top)
    await expect(names(p('a'), root)).rejects.toMatchObject({ code: 'IS_DIRECTORY', path: p('a') })
    await expect(names(p('nope'), root)).rejects.toMatchObject({ code: 'NOT_FOUND', path: p('nope') })
    await expect(names(p('a', 'one.txt'), p('nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(names(p('a', 'one.txt'), p('single.txt'))).rejects.toMatchObject({ code: 'NOT_A_DIRECTORY' })
    expect(treeHash(top)).toBe(before)
  })
})
