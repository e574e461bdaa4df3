// "Resolves to" as the whole way: each hop of a chain of links, read as the kernel reads it, and how it ends.
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { linkChain, MAX_HOPS } from '../../../electron/engine/listing/link-chain'
import { makeTempDir } from '../../helpers/link-tree'

let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)

beforeEach(() => {
  root = fs.realpathSync(makeTempDir('linkscope-chain-'))
  fs.mkdirSync(p('real', 'dir'), { recursive: true })
  fs.writeFileSync(p('real', 'dir', 'f'), 'x')
  fs.symlinkSync('real/dir', p('d'))
  fs.symlinkSync('d/f', p('one')) // through a folder link: the hop is d/f, the end its real path
  fs.mkdirSync(p('alt'))
  fs.symlinkSync('../one', p('alt', 'two')) // relative to its own folder
  fs.symlinkSync(p('alt', 'two'), p('three')) // absolute
  fs.symlinkSync('b', p('a'))
  fs.symlinkSync('a', p('b'))
  fs.symlinkSync('nowhere', p('gone'))
  fs.symlinkSync('../dir/f', p('d', 'dotdot')) // read from real/dir (where d leads), not from d's folder
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('a chain of links', () => {
  it('lists every hop and ends at the real target', () => {
    expect(linkChain(p('three'))).toEqual({
      hops: [p('three'), p('alt', 'two'), p('one'), p('d', 'f')],
      end: 'target',
      final: p('real', 'dir', 'f'),
    })
  })

  it("reads a relative text from the link's real folder", () => {
    // d/dotdot sits in real/dir (d is a link to it): its ".." is real/, not root/
    expect(linkChain(p('d', 'dotdot'))).toEqual({
      hops: [p('d', 'dotdot'), p('real', 'dir', 'f')],
      end: 'target',
      final: p('real', 'dir', 'f'),
    })
  })

  it('says where it broke, and where it loops', () => {
    expect(linkChain(p('gone'))).toEqual({ hops: [p('gone'), p('nowhere')], end: 'missing' })
    expect(linkChain(p('a'))).toEqual({ hops: [p('a'), p('b'), p('a')], end: 'loop' })
    fs.symlinkSync('../nothing/../f', p('d', 'via-missing'))
    expect(linkChain(p('d', 'via-missing'))).toEqual({ hops: [p('d', 'via-missing'), p('real', 'f')], end: 'missing' })
  })

  it('stops after as many hops as the kernel follows', () => {
    for (let i = 0; i < MAX_HOPS + 5; i++) fs.symlinkSync(`l${i + 1}`, p(`l${i}`))
    fs.writeFileSync(p(`l${MAX_HOPS + 5}`), 'end')
    const chain = linkChain(p('l0'))
    expect(chain.end).toBe('loop')
    expect(chain.hops).toHaveLength(MAX_HOPS + 1)
  })
})

describe('ls --json', () => {
  it('gives each symbolic link its chain and final target', async () => {
    const { spawnSync } = await import('node:child_process')
    const { CLI } = await import('../../helpers/built')
    const r = spawnSync(process.execPath, [CLI, 'ls', '--json', root], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    const recs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; chain?: string[]; final?: string })
    expect(recs.find((x) => x.name === 'three')).toMatchObject({
      chain: [p('three'), p('alt', 'two'), p('one'), p('d', 'f')],
      final: p('real', 'dir', 'f'),
    })
    expect(recs.find((x) => x.name === 'gone')).toMatchObject({ chain: [p('gone'), p('nowhere')] })
    expect(recs.find((x) => x.name === 'gone')).not.toHaveProperty('final')
    expect(recs.find((x) => x.name === 'alt')).not.toHaveProperty('chain') // folders have none
  })
})

describe('a folder that cannot be opened says what it is', () => {
  const fail = async (...args: string[]): Promise<{ code: string; message: string }> => {
    const { spawnSync } = await import('node:child_process')
    const { CLI } = await import('../../helpers/built')
    const r = spawnSync(process.execPath, [CLI, ...args, '--json'], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    return (JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as { error: { code: string; message: string } })
      .error
  }

  it('a link that leads nowhere, a loop, a link to a file, a file', async () => {
    expect(await fail('ls', p('gone'))).toEqual({
      code: 'NOT_FOUND',
      path: p('gone'),
      message: `${p('gone')} is a symbolic link to nowhere, which leads to ${p('nowhere')}: that does not exist.`,
    })
    expect(await fail('ls', p('a'))).toMatchObject({
      code: 'LINK_LOOP',
      message: `${p('a')} is a symbolic link that loops back on itself (through ${p('b')}): it leads to no folder.`,
    })
    expect(await fail('ls', p('one'))).toMatchObject({
      code: 'NOT_A_DIRECTORY',
      message: `${p('one')} is a symbolic link to the file ${p('real', 'dir', 'f')}, not to a folder.`,
    })
    expect(await fail('ls', p('real', 'dir', 'f'))).toMatchObject({
      code: 'NOT_A_DIRECTORY',
      message: `${p('real', 'dir', 'f')} is a file, not a folder.`,
    })
    expect(await fail('ls', p('no-such'))).toMatchObject({
      code: 'NOT_FOUND',
      message: `${p('no-such')} does not exist.`,
    })
  })
})
