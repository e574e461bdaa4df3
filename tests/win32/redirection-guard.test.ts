/**
 * RedirectionGuard with the real call. On Windows 10 22H2 / 11 and later the policy reads back as
 * enforced; where Windows refuses it, the answer is a typed refusal (the helper reports it and goes
 * on, see the unit tests). Wine accepts the call and ignores it.
 */
import * as assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  enableRedirectionGuard,
  ENFORCE_REDIRECTION_TRUST,
  ProcessRedirectionTrustPolicy,
} from '../../electron/elevation/win32/redirection-guard'
import { mitigation } from '../../electron/engine/platform/win32/bindings/mitigation'
import { isWine } from './helpers'

test('RedirectionGuard is enforced where Windows has it, and a refusal is an answer, not a crash', () => {
  const r = enableRedirectionGuard()
  if (!r.enabled) {
    assert.ok(Number.isInteger(r.err) && r.err !== 0, `refused with ${r.err}`)
    return
  }
  if (isWine()) return // Wine's SetProcessMitigationPolicy is a stub that says yes
  const now = mitigation().GetProcessMitigationPolicy(ProcessRedirectionTrustPolicy)
  assert.equal(now.ret, 1, `GetProcessMitigationPolicy failed with ${now.err}`)
  assert.equal(now.flags & ENFORCE_REDIRECTION_TRUST, ENFORCE_REDIRECTION_TRUST)
})
