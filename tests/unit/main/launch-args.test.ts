import { describe, expect, it } from 'vitest'
import { LaunchArgsError, parseLaunchArgs } from '../../../electron/main/launch-args'

describe('launch arguments (Explorer and desktop verbs)', () => {
  it('opens a folder, or home when none is given, ignoring Chromium switches', () => {
    expect(parseLaunchArgs([])).toEqual({ kind: 'open' })
    expect(parseLaunchArgs(['C:\\Data'])).toEqual({ kind: 'open', path: 'C:\\Data' })
    expect(parseLaunchArgs(['--allow-file-access-from-files', '/home/a'])).toEqual({ kind: 'open', path: '/home/a' })
  })
  it('picks one or several sources', () => {
    expect(parseLaunchArgs(['--pick', 'C:\\a.txt', 'C:\\b folder'])).toEqual({ kind: 'pick', paths: ['C:\\a.txt', 'C:\\b folder'] })
  })
  it('drops as each kind into a folder', () => {
    for (const as of ['hardlink', 'symlink', 'junction'] as const) {
      expect(parseLaunchArgs(['--drop-as', as, 'D:\\Target'])).toEqual({ kind: 'drop', as, dir: 'D:\\Target' })
    }
  })
  it('shows a path, and knows the elevated helper switch', () => {
    expect(parseLaunchArgs(['--show', '/x/y'])).toEqual({ kind: 'show', path: '/x/y' })
    expect(parseLaunchArgs(['--elevated-helper'])).toEqual({ kind: 'elevated-helper' })
  })
  it.each([
    [['--pick']], [['--drop-as', 'copy', '/d']], [['--drop-as', 'hardlink']], [['--show']], [['--show', '--pick']],
  ])('refuses %j with a usage message', (argv) => {
    expect(() => parseLaunchArgs(argv)).toThrow(LaunchArgsError)
  })
})

describe('paths as Explorer delivers them on Windows', () => {
  it('restores a drive root whose backslash Windows read as an escaped quote', () => {
    expect(parseLaunchArgs(['--drop-as', 'hardlink', 'C:"'], true)).toEqual({ kind: 'drop', as: 'hardlink', dir: 'C:\\' })
    expect(parseLaunchArgs(['--show', 'D:"'], true)).toEqual({ kind: 'show', path: 'D:\\' })
    expect(parseLaunchArgs(['--show', 'C:\\Data'], true)).toEqual({ kind: 'show', path: 'C:\\Data' })
  })
  it('leaves POSIX paths alone', () => {
    expect(parseLaunchArgs(['--show', '/odd"'], false)).toEqual({ kind: 'show', path: '/odd"' })
  })
})
