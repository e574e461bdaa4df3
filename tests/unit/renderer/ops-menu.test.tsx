// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { type MenuItem, menuItems } from '../../../renderer/features/ops/menu-items'
import { removalText } from '../../../renderer/features/ops/RemoveDialog'
import { dropAlternatives } from '../../../renderer/lib/link-plan'
import { createAppStore } from '../../../renderer/stores/app-store'
import { entry, fakeApi, INFO } from '../../fakes/fake-api'

const posix = { junctions: false, symlinks: 'yes' as const, reveal: false }
const windows = { junctions: true, symlinks: 'privileged' as const, reveal: true }

const labels = (items: MenuItem[]) => items.filter((i) => i !== 'separator').map((i) => (i as { label: string }).label)
const item = (items: MenuItem[], label: RegExp) =>
  items.find((i) => i !== 'separator' && label.test(i.label)) as Exclude<MenuItem, 'separator'>

async function store() {
  const s = createAppStore(
    fakeApi(
      {
        '/r': [
          entry('/r/docs', { kind: 'dir' }),
          entry('/r/one.txt'),
          entry('/r/two.txt', { links: 2 }),
          entry('/r/sym', {
            kind: 'symlink',
            target: 'one.txt',
            resolved: '/r/one.txt',
            status: 'ok',
            targetKind: 'file',
          }),
          entry('/r/gone', { kind: 'symlink', target: 'x', resolved: '/r/x', status: 'broken', targetKind: null }),
        ],
      },
      { ...INFO, startDir: '/r' },
    ),
  )
  await s.getState().start()
  return s
}

describe('context menu items', () => {
  it('offers drop into a folder only with picked sources, and says why not otherwise', async () => {
    const s = await store()
    s.getState().selectOnly('/r/docs')
    const docs = s.getState().entries.find((e) => e.name === 'docs')!
    expect(item(menuItems(s.getState(), docs), /^Drop into/).disabled).toContain('Pick one or more sources first')
    await s.getState().pickSources(['/r/one.txt'])
    const drop = item(menuItems(s.getState(), docs), /^Drop into/)
    expect(drop.disabled).toBe(false)
    expect(drop.children!.map((c) => c !== 'separator' && [c.label, c.disabled])).toEqual([
      ['Hard link', false],
      ['Symbolic link (relative)', false],
      ['Symbolic link (absolute)', false],
      ['Junction', 'Junctions exist on Windows (NTFS) only.'],
    ])
  })

  it('shows link actions on links, names on files, and refuses removing a file’s only name', async () => {
    const s = await store()
    const get = (n: string) => s.getState().entries.find((e) => e.name === n)!
    s.getState().selectOnly('/r/sym')
    expect(labels(menuItems(s.getState(), get('sym')))).toEqual(
      expect.arrayContaining(['Open target', 'Copy target path', 'Retarget…', 'Remove link…']),
    )
    expect(item(menuItems(s.getState(), get('sym')), /^Remove/).disabled).toBe(false)
    s.getState().selectOnly('/r/gone')
    expect(item(menuItems(s.getState(), get('gone')), /^Open target/).disabled).toBe('The target does not exist.')
    s.getState().selectOnly('/r/one.txt')
    expect(item(menuItems(s.getState(), get('one.txt')), /^Remove/).disabled).toContain('only name')
    expect(labels(menuItems(s.getState(), get('one.txt')))).not.toContain('Show in file manager') // no reveal in browser mode
    s.getState().selectOnly('/r/two.txt')
    expect(item(menuItems(s.getState(), get('two.txt')), /^Show all names/).hint).toBe('2 names')
    s.getState().selectPaths(['/r/one.txt', '/r/two.txt'])
    expect(labels(menuItems(s.getState(), get('two.txt')))).toEqual([
      'Pick 2 as link sources',
      'Copy 2 paths',
      'Remove links…',
    ])
  })

  it('on the empty area: drop here, create link here, scan, compare, refresh', async () => {
    const s = await store()
    expect(labels(menuItems(s.getState(), null))).toEqual([
      'Drop here as',
      'Create link here…',
      'Scan this folder',
      'Compare with…',
      'Copy folder path',
      'Open in file manager',
      'Open in terminal',
      'Export list',
      'Find by name here…',
      'Refresh',
    ])
  })
})

describe('removalText', () => {
  it('says exactly what is and is not deleted', () => {
    expect(removalText(entry('/r/s', { kind: 'symlink', target: 'a.txt' }))).toEqual({
      text: 'Removes the symbolic link “s”. What it points to (“a.txt”) is not touched.',
      refused: false,
    })
    expect(removalText(entry('/r/j', { kind: 'junction', target: 'C:\\data' })).text).toContain(
      'The folder it points to (“C:\\data”) and everything in it stay.',
    )
    expect(removalText(entry('/r/h', { links: 3, readonly: true })).text).toBe(
      'Removes the name “h”. The data stays: the file keeps 2 other names. (It is read-only; that attribute is shared by all names.)',
    )
    expect(removalText(entry('/r/f')).refused).toBe(true)
    expect(removalText(entry('/r/d', { kind: 'dir' }))).toEqual({
      text: '“d” is a folder: Linkscope will not touch it.',
      refused: true,
    })
  })
})

describe('dropAlternatives', () => {
  it('turns the way out into kinds this system can make', () => {
    expect(dropAlternatives('CROSS_DEVICE', 'hard', posix)).toEqual(['symbolic-absolute'])
    expect(dropAlternatives('IS_DIRECTORY', 'hard', posix)).toEqual(['symbolic-relative'])
    expect(dropAlternatives('IS_DIRECTORY', 'hard', windows)).toEqual(['junction', 'symbolic-relative'])
    expect(dropAlternatives('PRIVILEGE_REQUIRED', 'symbolic-relative', windows)).toEqual(['junction', 'hard'])
    expect(dropAlternatives('ALREADY_EXISTS', 'hard', windows)).toEqual([])
  })
})
