/** The Windows helper's pipe DACL and command line: exact SDDL, strict parsing, no injection. */
import { describe, expect, it } from 'vitest'

import {
  helperArgs,
  parseHelperArgs,
  pipeNameFor,
  pipeSddl,
  type Win32HelperConfig,
} from '../../../electron/elevation/win32/helper-config'
import { buildCommandLine, splitCommandLine } from '../../../electron/engine/platform/win32/shell/command-line'
import { LinkError } from '../../../shared/errors'

const SID = 'S-1-5-21-1004336348-1177238915-682003330-1001'
const config: Win32HelperConfig = {
  pipeName: pipeNameFor(Buffer.alloc(16, 0xab)),
  parentPid: 4242,
  userSid: SID,
  tokenSha256: 'a1'.repeat(32),
  idleMs: 60_000,
}
const codeOf = (fn: () => unknown): string => {
  try {
    fn()
  } catch (e) {
    return e instanceof LinkError ? e.code : `not a LinkError: ${String(e)}`
  }
  return 'no error'
}

describe('pipeSddl', () => {
  it("denies network logons first, then allows read/write to the app's user and all to SYSTEM, inheriting nothing", () => {
    expect(pipeSddl(SID)).toBe(`D:P(D;;GA;;;NU)(A;;GRGW;;;${SID})(A;;GA;;;SY)`)
  })

  it.each(['', 'WD', 'S-1-1-0)(A;;GA;;;WD', 'S-1-5-21-1(A;;GA;;;AN)', 's-1-5-18', 'S-1-5', `${SID} `])(
    'refuses %j as a SID',
    (sid) => {
      expect(codeOf(() => pipeSddl(sid))).toBe('INVALID_ARGUMENT')
    },
  )
})

describe('helper arguments', () => {
  it('survive the trip through a Windows command line', () => {
    const line = buildCommandLine('C:\\Program Files\\Linkscope\\Linkscope.exe', helperArgs(config))
    const argv = splitCommandLine(line)
    expect(argv[1]).toBe('--elevated-helper')
    expect(parseHelperArgs(argv.slice(1))).toEqual(config)
  })

  it("carry the token's hash only", () => {
    expect(helperArgs(config).join(' ')).not.toMatch(/--token(?!-sha256)/)
  })

  it('makes pipe names from 16 random bytes, in the one form the helper accepts', () => {
    expect(config.pipeName).toBe(`\\\\.\\pipe\\linkscope-elev-${'ab'.repeat(16)}`)
  })

  const withArg = (flag: string, value: string): string[] => {
    const a = helperArgs(config)
    a[a.indexOf(flag) + 1] = value
    return a
  }
  it.each([
    ['--pipe', '\\\\.\\pipe\\someone-elses'],
    ['--pipe', `\\\\server\\pipe\\linkscope-elev-${'ab'.repeat(16)}`],
    ['--parent-pid', '0'],
    ['--parent-pid', '12x'],
    ['--token-sha256', 'AB'.repeat(32)],
    ['--token-sha256', 'a1'.repeat(31)],
    ['--idle-ms', '-5'],
    ['--user-sid', 'S-1-1-0)(A;;GA;;;WD'],
  ])('refuses %s %j', (flag, value) => {
    expect(codeOf(() => parseHelperArgs(withArg(flag, value)))).toBe('INVALID_ARGUMENT')
  })

  it('refuses a missing switch or one without its value', () => {
    expect(codeOf(() => parseHelperArgs(['--elevated-helper', '--pipe', config.pipeName]))).toBe('INVALID_ARGUMENT')
    const a = helperArgs(config)
    a.splice(a.indexOf('--user-sid') + 1, 1)
    expect(codeOf(() => parseHelperArgs(a))).toBe('INVALID_ARGUMENT')
  })
})
