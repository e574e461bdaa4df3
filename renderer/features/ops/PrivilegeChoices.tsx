/**
 * When Windows refuses a symbolic link for lack of rights: the choices in plain words (lib/
 * privilege-choices.ts), least privilege first, each with what it gives up, as buttons.
 */
import { useEffect, useRef, useState } from 'react'

import type { AppError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import type { CreateLinkRequest } from '../../../shared/types/ops'
import { isFolderLike } from '../../lib/format'
import { dirnameOf, joinPath } from '../../lib/paths'
import { type PrivilegeChoice, privilegeChoices, type PrivilegeContext } from '../../lib/privilege-choices'
import { useApp, useAppStore } from '../../stores/store-context'

/** "<volume>:<file index>": two entries are on one volume when the part before the last colon matches. */
const volumeOf = (e: LinkEntry): string => e.id.slice(0, e.id.lastIndexOf(':'))

export function PrivilegeChoices({
  error,
  request,
  onDone,
}: {
  error: AppError
  request: CreateLinkRequest
  onDone?: () => void
}) {
  const store = useAppStore()
  const busy = useApp((s) => s.busy)
  const mode = useApp((s) => s.info?.mode)
  const sep = useApp((s) => s.info?.sep ?? '\\')
  const [ctx, setCtx] = useState<PrivilegeContext | null>(null)
  // Callers build the request inline: look things up again only when its content changes.
  const key = JSON.stringify(request)
  const latestRequest = useRef(request)
  latestRequest.current = request

  useEffect(() => {
    if (error.code !== 'PRIVILEGE_REQUIRED') return
    const request = latestRequest.current
    let live = true
    const dir = dirnameOf(request.link, sep) ?? request.link
    const resolvedTarget = /^([A-Za-z]:|[\\/])/.test(request.target)
      ? request.target
      : joinPath(dir, request.target, sep)
    void Promise.all([store.getState().statPath(resolvedTarget), store.getState().statPath(dir)]).then(
      ([target, folder]) => {
        if (!live) return
        setCtx({
          request,
          resolvedTarget,
          targetKind: !target ? 'missing' : isFolderLike(target) ? 'dir' : 'file',
          sameVolume: !!target && !!folder && volumeOf(target) === volumeOf(folder),
          local: !resolvedTarget.startsWith('\\\\') && !request.link.startsWith('\\\\'),
        })
      },
    )
    return () => {
      live = false
    }
  }, [error, key, sep, store])

  if (!ctx) return null
  const choices = privilegeChoices(error, ctx)
    // Opening Settings and the elevated helper exist in the desktop app only.
    .filter((c) => mode === 'electron' || (c.action.kind !== 'open-settings' && c.action.kind !== 'elevate'))
  if (choices.length === 0) return null

  const run = async (c: PrivilegeChoice): Promise<void> => {
    const s = store.getState()
    if (c.action.kind === 'open-settings') {
      await s.openDeveloperSettings()
      return
    }
    const r =
      c.action.kind === 'create' ? await s.createLink(c.action.request) : await s.createElevated(c.action.request)
    if (r.ok) onDone?.()
  }
  return (
    <ul className="privilege-choices" aria-label="Other ways to make this link">
      {choices.map((c) => (
        <li key={c.id} className={c.available ? undefined : 'unavailable'}>
          <button type="button" className="btn small" disabled={busy || !c.available} onClick={() => void run(c)}>
            {c.label}
          </button>
          <span className="choice-does">{c.does}</span>
          <span className="choice-cost">{c.available ? c.givesUp : c.unavailable}</span>
        </li>
      ))}
    </ul>
  )
}
