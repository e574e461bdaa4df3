/**
 * The elevated helper turns RedirectionGuard on before anything else, and a Windows (or Wine) that
 * refuses it does not stop the helper: the refusal is reported and the session is served.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { helperArgs, pipeNameFor } from '../../../electron/elevation/win32/helper-config'
import type { Mitigation } from '../../../electron/engine/platform/win32/bindings/mitigation'

const calls: string[] = []
let answer = { ret: 1, err: 0 }
const fakeMitigation: Mitigation = {
  SetProcessMitigationPolicy: (policy, flags) => {
    calls.push(`set ${policy} ${flags}`)
    return answer
  },
  GetProcessMitigationPolicy: () => ({ ret: 0, err: 1, flags: 0 }),
}
vi.mock('../../../electron/engine/platform/win32/bindings/mitigation', () => ({ mitigation: () => fakeMitigation }))
vi.mock('../../../electron/elevation/win32/pipe-server', () => ({
  runWin32Helper: () => {
    calls.push('serve')
    return Promise.resolve('done')
  },
}))

const { runElevatedHelperFromArgs } = await import('../../../electron/elevation/win32/helper-entry')
const { enableRedirectionGuard } = await import('../../../electron/elevation/win32/redirection-guard')

const args = helperArgs({
  pipeName: pipeNameFor(Buffer.alloc(16, 1)),
  parentPid: 42,
  userSid: 'S-1-5-21-1-2-3-1001',
  tokenSha256: 'ab'.repeat(32),
  idleMs: 1000,
})

beforeEach(() => {
  calls.length = 0
  answer = { ret: 1, err: 0 }
})

describe('RedirectionGuard in the elevated helper', () => {
  it('asks for ProcessRedirectionTrustPolicy (16) with EnforceRedirectionTrust before serving', async () => {
    expect(await runElevatedHelperFromArgs(args)).toBe(0)
    expect(calls).toEqual(['set 16 1', 'serve'])
  })

  it('a refusal (older Windows: 87) is reported, and the helper still serves', async () => {
    answer = { ret: 0, err: 87 }
    const written: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      written.push(String(s))
      return true
    })
    try {
      expect(await runElevatedHelperFromArgs(args)).toBe(0)
    } finally {
      spy.mockRestore()
    }
    expect(calls).toEqual(['set 16 1', 'serve'])
    expect(written.join('')).toMatch(/RedirectionGuard is not available on this Windows \(error 87\)/)
  })

  it('says whether it is on', () => {
    expect(enableRedirectionGuard(fakeMitigation)).toEqual({ enabled: true })
    answer = { ret: 0, err: 50 }
    expect(enableRedirectionGuard(fakeMitigation)).toEqual({ enabled: false, err: 50 })
  })
})
