import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { LaunchArgsError, parseLaunchArgs, resolveLaunchPaths } from '../../../electron/main/launch-args'

describe('launch arguments (Explorer and desktop verbs)', () => {
  it('opens a folder, or home when none is given, ignoring Chromium switches', () => {
    expect(parseLaunchArgs([])).toEqual({ kind: 'open' })
    expect(parseLaunchArgs(['C:\\Data'])).toEqual({ kind: 'open', path: 'C:\\Data' })
    expect(parseLaunchArgs(['--allow-file-access-from-files', '/home/a'])).toEqual({ kind: 'open', path: '/home/a' })
  })
  it('picks one or several sources', () => {
    expect(parseLaunchArgs(['--pick', 'C:\\a.txt', 'C:\\b folder'])).toEqual({
      kind: 'pick',
      paths: ['C:\\a.txt', 'C:\\b folder'],
    })
  })
  it('drops as each kind into a folder', () => {
    for (const as of ['hardlink', 'symlink', 'junction'] as const) {
      expect(parseLaunchArgs(['--drop-as', as, 'D:\\Target'])).toEqual({ kind: 'drop', as, dir: 'D:\\Target' })
    }
  })
  it('shows a path, and knows the elevated helper switch', () => {
    expect(parseLaunchArgs(['--show', '/x/y'])).toEqual({ kind: 'show', path: '/x/y' })
    expect(parseLaunchArgs(['--elevated-helper', '--pipe', 'x'])).toEqual({ kind: 'elevated-helper' })
  })
  it('honours --elevated-helper only as the first argument', () => {
    expect(parseLaunchArgs(['--pick', '/a', '--elevated-helper'])).toEqual({ kind: 'pick', paths: ['/a'] })
    expect(parseLaunchArgs(['/home/a', '--elevated-helper'])).toEqual({ kind: 'open', path: '/home/a' })
    expect(parseLaunchArgs(['--show', '/x', '--elevated-helper'])).toEqual({ kind: 'show', path: '/x' })
  })
  it.each([
    [['--pick']],
    [['--drop-as', 'copy', '/d']],
    [['--drop-as', 'hardlink']],
    [['--show']],
    [['--show', '--pick']],
  ])('refuses %j with a usage message', (argv) => {
    expect(() => parseLaunchArgs(argv)).toThrow(LaunchArgsError)
  })
})

describe('paths as Explorer delivers them on Windows', () => {
  it('restores a drive root whose backslash Windows read as an escaped quote', () => {
    expect(parseLaunchArgs(['--drop-as', 'hardlink', 'C:"'], true)).toEqual({
      kind: 'drop',
      as: 'hardlink',
      dir: 'C:\\',
    })
    expect(parseLaunchArgs(['--show', 'D:"'], true)).toEqual({ kind: 'show', path: 'D:\\' })
    expect(parseLaunchArgs(['--show', 'C:\\Data'], true)).toEqual({ kind: 'show', path: 'C:\\Data' })
  })
  it('leaves POSIX paths alone', () => {
    expect(parseLaunchArgs(['--show', '/odd"'], false)).toEqual({ kind: 'show', path: '/odd"' })
  })
})

describe('file:// URIs from Linux desktops (%U)', () => {
  it('turns them into paths, decoding escapes', () => {
    expect(parseLaunchArgs(['file:///tmp/a%20b/%5Bx%5D'], false)).toEqual({ kind: 'open', path: '/tmp/a b/[x]' })
    expect(parseLaunchArgs(['--pick', 'file:///tmp/one', 'file:///tmp/t%C3%A9'], false)).toEqual({
      kind: 'pick',
      paths: ['/tmp/one', '/tmp/té'],
    })
    expect(parseLaunchArgs(['--drop-as', 'symlink', 'FILE:///srv/d'], false)).toEqual({
      kind: 'drop',
      as: 'symlink',
      dir: '/srv/d',
    })
    expect(parseLaunchArgs(['--show', 'file:///tmp/x'], false)).toEqual({ kind: 'show', path: '/tmp/x' })
  })
  it('refuses a URI of another computer or with an encoded slash', () => {
    expect(() => parseLaunchArgs(['file://server/share/x'], false)).toThrow(LaunchArgsError)
    expect(() => parseLaunchArgs(['file:///tmp/a%2Fb'], false)).toThrow(LaunchArgsError)
  })
})

describe("relative paths resolve against the starting process's folder", () => {
  it('POSIX: every kind of request', () => {
    const cwd = '/home/u/second'
    expect(resolveLaunchPaths({ kind: 'open', path: '../x' }, cwd, path.posix)).toEqual({
      kind: 'open',
      path: '/home/u/x',
    })
    expect(resolveLaunchPaths({ kind: 'open' }, cwd, path.posix)).toEqual({ kind: 'open' })
    expect(resolveLaunchPaths({ kind: 'pick', paths: ['a', '/abs'] }, cwd, path.posix)).toEqual({
      kind: 'pick',
      paths: ['/home/u/second/a', '/abs'],
    })
    expect(resolveLaunchPaths({ kind: 'drop', as: 'hardlink', dir: '.' }, cwd, path.posix)).toEqual({
      kind: 'drop',
      as: 'hardlink',
      dir: cwd,
    })
    expect(resolveLaunchPaths({ kind: 'show', path: 'f.txt' }, cwd, path.posix)).toEqual({
      kind: 'show',
      path: '/home/u/second/f.txt',
    })
  })
  it('Windows: drive-relative and UNC forms', () => {
    expect(resolveLaunchPaths({ kind: 'show', path: 'sub\\f.txt' }, 'C:\\Users\\me', path.win32)).toEqual({
      kind: 'show',
      path: 'C:\\Users\\me\\sub\\f.txt',
    })
    expect(resolveLaunchPaths({ kind: 'open', path: '\\\\srv\\share\\d' }, 'C:\\x', path.win32)).toEqual({
      kind: 'open',
      path: '\\\\srv\\share\\d',
    })
  })
})
