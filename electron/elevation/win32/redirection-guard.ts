/**
 * RedirectionGuard for the elevated helper: with it enforced, Windows refuses to follow, in this
 * process, any junction or mount point that a non-administrator created, so a junction planted by a
 * same-user program cannot send administrator rights elsewhere (Inno Setup does the same in its
 * elevated process). Windows before the policy existed, and Wine, refuse or ignore the call: that is
 * reported and the helper goes on, still acting only in pinned real folders.
 */
import { type Mitigation, mitigation } from '../../engine/platform/win32/bindings/mitigation'

/** PROCESS_MITIGATION_POLICY value of ProcessRedirectionTrustPolicy */
export const ProcessRedirectionTrustPolicy = 16
/** PROCESS_MITIGATION_REDIRECTION_TRUST_POLICY.EnforceRedirectionTrust (bit 0); AuditRedirectionTrust is bit 1 */
export const ENFORCE_REDIRECTION_TRUST = 0x1

export type GuardResult = { enabled: true } | { enabled: false; err: number }

export function enableRedirectionGuard(m: Mitigation = mitigation()): GuardResult {
  const r = m.SetProcessMitigationPolicy(ProcessRedirectionTrustPolicy, ENFORCE_REDIRECTION_TRUST)
  return r.ret ? { enabled: true } : { enabled: false, err: r.err }
}
