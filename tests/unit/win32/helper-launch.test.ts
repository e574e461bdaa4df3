/**
 * The Windows launcher's decisions where Wine cannot go: a declined UAC prompt (1223), a helper that
 * dies before opening its pipe, and a pipe served by some other process. shell32 and the pipe calls
 * are faked at the OS boundary; everything above them is the real launcher.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { parseHelperArgs } from '../../../electron/elevation/win32/helper-config'
import type { Pipes } from '../../../electron/engine/platform/win32/bindings/pipes'
import type { Shell32, ShellExecuteRequest } from '../../../electron/engine/platform/win32/bindings/shell32'
import { splitCommandLine } from '../../../electron/engine/platform/win32/shell/command-line'
import { LinkError } from '../../../shared/errors'

const INVALID = 0xffffffffffffffffn
let launches: ShellExecuteRequest[] = []
let launchResult: { ret: number; err: number; hProcess: bigint; apartment: number } = {
  ret: 1,
  err: 0,
  hProcess: 0x50n,
  apartment: 0,
}
let closed: bigint[] = []
let exitedEarly = false
let serverPid = 777

const fakePipes = {
  currentUserSid: () => ({ ret: 'S-1-5-21-1-2-3-1001', err: 0 }),
  GetCurrentProcessId: () => 4242,
  GetProcessId: () => ({ ret: 777, err: 0 }),
  OpenPipe: () => (exitedEarly ? { ret: INVALID, err: 2 } : { ret: 0x60n, err: 0 }),
  WaitForSingleObject: () => ({ ret: exitedEarly ? 0 : 258, err: 0 }),
  WaitForSingleObjectAsync: () => Promise.resolve({ ret: 0, err: 0 }),
  GetExitCodeProcess: () => ({ ret: 1, err: 0, code: 3 }),
  GetNamedPipeServerProcessId: () => ({ ret: 1, err: 0, pid: serverPid }),
  CloseHandle: (h: bigint) => {
    closed.push(h)
    return { ret: 1, err: 0 }
  },
  CancelIoEx: () => ({ ret: 1, err: 0 }),
  GetOverlappedResult: () => ({ ret: 1, err: 0, bytes: 0 }),
  allocOverlapped: () => ({ ovl: {}, event: 0x70n }),
  alloc: () => ({}),
  free: () => undefined,
} as unknown as Pipes

const fakeShell: Shell32 = {
  ShellExecuteExWAsync: (req) => {
    launches.push(req)
    return Promise.resolve(launchResult)
  },
  SHChangeNotify: () => undefined,
  CommandLineToArgvW: () => ({ ret: null, err: 1 }),
  SHGetKnownFolderPath: () => ({ ret: 1, path: null }),
}

vi.mock('../../../electron/engine/platform/win32/bindings/pipes', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../electron/engine/platform/win32/bindings/pipes')>()),
  pipes: () => fakePipes,
}))
vi.mock('../../../electron/engine/platform/win32/bindings/shell32', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../electron/engine/platform/win32/bindings/shell32')>()),
  shell32: () => fakeShell,
}))

const { startWin32Helper } = await import('../../../electron/elevation/win32/launcher')

const EXE = 'C:\\Program Files\\Linkscope\\Linkscope.exe'

async function failure(p: Promise<unknown>): Promise<LinkError> {
  try {
    await p
  } catch (e) {
    if (e instanceof LinkError) return e
    throw e
  }
  throw new Error('expected a LinkError')
}

beforeEach(() => {
  launches = []
  closed = []
  launchResult = { ret: 1, err: 0, hProcess: 0x50n, apartment: 0 }
  exitedEarly = false
  serverPid = 777
})

describe('startWin32Helper', () => {
  it("asks for runas with the window handle, hidden, and parameters that parse back to the helper's configuration", async () => {
    launchResult = { ret: 0, err: 1223, hProcess: 0n, apartment: 0 }
    const hwnd = Buffer.alloc(8)
    hwnd.writeBigUInt64LE(0x1234abcdn)
    await failure(startWin32Helper({ exe: EXE, exeArgs: ['C:\\src\\my app\\'], elevate: true, hwnd, idleMs: 5000 }))
    expect(launches).toHaveLength(1)
    const req = launches[0]!
    expect(req).toMatchObject({ verb: 'runas', file: EXE, hwnd: 0x1234abcdn, show: 0 })
    const argv = splitCommandLine(`"${EXE}" ${req.parameters}`)
    expect(argv.slice(1, 3)).toEqual(['C:\\src\\my app\\', '--elevated-helper'])
    expect(parseHelperArgs(argv.slice(2))).toMatchObject({
      parentPid: 4242,
      userSid: 'S-1-5-21-1-2-3-1001',
      idleMs: 5000,
    })
  })

  it('a declined UAC prompt (1223) is CANCELLED, and nothing else happens', async () => {
    launchResult = { ret: 0, err: 1223, hProcess: 0n, apartment: 0 }
    const e = await failure(startWin32Helper({ exe: EXE, elevate: true }))
    expect(e.code).toBe('CANCELLED')
    expect(e.message).toMatch(/not granted; nothing was done/)
    expect(closed).toEqual([])
  })

  it('a plain launch uses the open verb; a missing program is NOT_FOUND naming it', async () => {
    launchResult = { ret: 0, err: 2, hProcess: 0n, apartment: 0 }
    const e = await failure(startWin32Helper({ exe: EXE, elevate: false }))
    expect(launches[0]?.verb).toBe('open')
    expect(e).toMatchObject({ code: 'NOT_FOUND', path: EXE })
  })

  it('a helper that exits before making its pipe is reported with its exit code, and its handle closed', async () => {
    exitedEarly = true
    const e = await failure(startWin32Helper({ exe: EXE, elevate: true }))
    expect(e.message).toMatch(/stopped before it was ready \(exit 3\)/)
    expect(closed).toContain(0x50n)
  })

  it('refuses a pipe served by another process than the helper it started, sending nothing', async () => {
    serverPid = 999
    const e = await failure(startWin32Helper({ exe: EXE, elevate: true }))
    expect(e.code).toBe('FORBIDDEN')
    expect(e.message).toMatch(/served by process 999, not by the helper Linkscope started \(777\)/)
    expect(closed).toEqual(expect.arrayContaining([0x60n, 0x50n]))
  })
})
