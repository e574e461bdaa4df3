import { describe, expect, it } from 'vitest'

import { HardLinkGroups } from '../../../electron/engine/scan/hardlink-groups'
import { packMulti } from '../../../electron/engine/scan/scan-protocol'

const pack = (names: [string, string, number, number][]): string => names.map((n) => packMulti(...n)).join('')

describe('hard-link groups', () => {
  it('collects names reported in any order and from any worker into one group per id, names sorted', () => {
    const g = new HardLinkGroups()
    g.add(
      pack([
        ['/r/b', '1:10', 3, 100],
        ['/r/x', '1:20', 2, 7],
      ]),
    )
    g.add(pack([['/r/a', '1:10', 3, 100]]))
    expect(g.size).toBe(2)
    expect(g.groups()).toEqual([
      { id: '1:10', links: 3, paths: ['/r/a', '/r/b'], size: 100 },
      { id: '1:20', links: 2, paths: ['/r/x'], size: 7 },
    ])
  })

  it('names as numbers (a native walk) and packed names (redone by path) of one file make one group', () => {
    const g = new HardLinkGroups()
    const done: string[][] = []
    g.addNames({ paths: ['/r/b', '/r/o'], nums: [7, 10, 2, 5, 8, 10, 2, 9] }, null, (x) => done.push(x.paths))
    g.add(pack([['/r/a', '7:10', 2, 5]]), (x) => done.push(x.paths))
    g.addNames({ paths: ['/r/p', '/r/skip'], nums: [8, 10, 2, 9, 7, 30, 2, 1] }, {
      report: (p: string) => p !== '/r/skip',
    } as never)
    expect(done).toEqual([['/r/a', '/r/b']]) // complete once both names are in, whichever way each came
    expect(g.groups()).toEqual([{ id: '8:10', links: 2, paths: ['/r/o', '/r/p'], size: 9 }]) // another device, its own group
    expect(g.size).toBe(2)
    expect(g.apparentBytes).toBe(5 + 9 + 5 + 9)
  })

  it('keeps ids apart that look alike: other devices, leading zeros, forms other than plain digits', () => {
    const g = new HardLinkGroups()
    const ids = [
      '7:10',
      '8:10',
      '7:010',
      '7:0x0a',
      '7:1e1',
      '7:10.0',
      '7:',
      '7:0',
      '7:00',
      '710',
      '7:10a',
      '7:99999999999999999',
    ]
    const complete: string[][] = []
    const done = (x: { paths: string[] }): number => complete.push(x.paths)
    g.add(pack(ids.map((id, i): [string, string, number, number] => [`/r/${i}`, id, 2, 1])), done)
    g.add(pack([['/r/again', '7:10', 2, 1]]), done)
    expect(g.size).toBe(ids.length)
    expect(complete).toEqual([['/r/0', '/r/again']]) // only 7:10 got its second name
    const byId = new Map(g.groups().map((x) => [x.id, x.paths]))
    expect(byId.size).toBe(ids.length - 1)
    ids.forEach((id, i) => {
      if (i > 0) expect(byId.get(id)).toEqual([`/r/${i}`])
    })
  })

  it('counts apparent bytes per name and unique bytes per file', () => {
    const g = new HardLinkGroups()
    g.add(
      pack([
        ['/r/a', '1:10', 3, 100],
        ['/r/b', '1:10', 3, 100],
        ['/r/c', '1:10', 3, 100],
        ['/r/x', '1:20', 2, 7],
      ]),
    )
    expect(g.apparentBytes).toBe(307)
    expect(g.uniqueBytes).toBe(107)
  })

  it('reports the highest link count seen (a name added during the scan)', () => {
    const g = new HardLinkGroups()
    g.add(pack([['/r/a', '1:10', 2, 1]]))
    g.add(pack([['/r/b', '1:10', 3, 1]]))
    expect(g.groups()[0]?.links).toBe(3)
  })

  it('hands out a group as soon as all its names are in; groups() then has only the rest', () => {
    const g = new HardLinkGroups()
    const early: string[][] = []
    const complete = (group: { paths: string[] }): void => {
      early.push(group.paths)
    }
    g.add(
      pack([
        ['/r/b', '1:10', 2, 5],
        ['/r/x', '1:20', 3, 7],
      ]),
      complete,
    )
    expect(early).toEqual([])
    g.add(
      pack([
        ['/r/a', '1:10', 2, 5],
        ['/r/y', '1:20', 3, 7],
      ]),
      complete,
    )
    expect(early).toEqual([['/r/a', '/r/b']]) // complete: 2 names of 2, sorted
    // 1:20 has a name outside the root: only the end knows it is all there is
    expect(g.groups()).toEqual([{ id: '1:20', links: 3, paths: ['/r/x', '/r/y'], size: 7 }])
    expect(g.size).toBe(2)
  })

  it('a group that gains a name after it was handed out comes back at the end, with the new name', () => {
    const g = new HardLinkGroups()
    const early: string[][] = []
    g.add(
      pack([
        ['/r/a', '1:10', 2, 5],
        ['/r/b', '1:10', 2, 5],
      ]),
      (group) => {
        early.push(group.paths)
      },
    )
    g.add(pack([['/r/c', '1:10', 3, 5]]), (group) => {
      early.push(group.paths)
    })
    expect(early).toEqual([['/r/a', '/r/b']])
    expect(g.groups()).toEqual([{ id: '1:10', links: 3, paths: ['/r/a', '/r/b', '/r/c'], size: 5 }])
  })
})
