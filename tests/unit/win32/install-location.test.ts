/** Elevation is offered from a per-machine install only: the decision on final paths. */
import { describe, expect, it } from 'vitest'

import { elevationRefusal, isInsideFolders } from '../../../electron/elevation/win32/install-location'

const PROGRAM_FILES = ['C:\\Program Files', 'C:\\Program Files (x86)']

describe('isInsideFolders / elevationRefusal', () => {
  it.each([
    'C:\\Program Files\\Linkscope\\Linkscope.exe',
    'C:\\Program Files (x86)\\Linkscope\\Linkscope.exe',
    '\\\\?\\C:\\PROGRAM FILES\\Linkscope\\Linkscope.exe', // final paths come with \\?\; case differs
    'c:\\program files\\linkscope\\linkscope.exe',
  ])('allows %s', (exe) => {
    expect(isInsideFolders(exe, PROGRAM_FILES)).toBe(true)
    expect(elevationRefusal(exe, PROGRAM_FILES)).toBeNull()
  })

  it.each([
    'C:\\Users\\ann\\AppData\\Local\\Programs\\Linkscope\\Linkscope.exe', // per-user NSIS install
    'D:\\Tools\\Linkscope-portable.exe', // portable
    'C:\\src\\linkscope\\node_modules\\electron\\dist\\electron.exe', // development checkout
    'C:\\Program Files Evil\\Linkscope.exe', // a name that only starts like the folder
    'C:\\Program Files', // the folder itself is not inside it
    '\\\\server\\share\\Program Files\\Linkscope\\Linkscope.exe',
  ])('refuses %s with PRIVILEGE_REQUIRED, saying why and what to do instead', (exe) => {
    expect(isInsideFolders(exe, PROGRAM_FILES)).toBe(false)
    const e = elevationRefusal(exe, PROGRAM_FILES)
    expect(e?.code).toBe('PRIVILEGE_REQUIRED')
    expect(e?.message).toContain('installed for all users (in C:\\Program Files or C:\\Program Files (x86))')
    expect(e?.message).toMatch(/Developer Mode.*junction.*hard link/)
  })

  it('refuses when the Program Files folders could not be resolved at all', () => {
    expect(elevationRefusal('C:\\Program Files\\Linkscope\\Linkscope.exe', [])?.code).toBe('PRIVILEGE_REQUIRED')
  })
})
