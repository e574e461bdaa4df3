/** What the link dialogs share: looking the typed target up, and showing the plan before anything is made. */
import { useEffect, useState } from 'react'

import type { AppError, Result } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import { explainOpError } from '../../lib/explain'
import type { Plan } from '../../lib/link-plan'
import { useApp, useAppStore } from '../../stores/store-context'

/** Typing pauses this long before the target is looked up. */
const LOOKUP_DELAY_MS = 150

/**
 * The typed target as the engine sees it, looked up as it is typed (debounced): null when nothing is
 * there (or nothing is typed), undefined while it is being looked up.
 */
export function useTargetLookup(typed: string): LinkEntry | null | undefined {
  const store = useAppStore()
  const [target, setTarget] = useState<LinkEntry | null | undefined>(null)
  useEffect(() => {
    const p = typed.trim()
    if (!p) {
      setTarget(null)
      return
    }
    setTarget(undefined)
    let live = true
    const t = setTimeout(() => {
      void store
        .getState()
        .statPath(p)
        .then((e) => {
          if (live) setTarget(e)
        })
    }, LOOKUP_DELAY_MS)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [typed, store])
  return target
}

/**
 * The plan: one summary line, then what will not work, then what to know. `quiet`: nothing typed yet,
 * so no problem is shown (the button stays disabled); an empty field is not yet a mistake.
 */
export function PlanView({ plan, quiet }: { plan: Plan; quiet?: boolean }) {
  return (
    <div className="plan" aria-label="What will happen">
      <p className="plan-summary">{plan.summary}</p>
      {(quiet ? [] : plan.problems).map((p) => (
        <p key={p} className="plan-problem">
          ✕ {p}
        </p>
      ))}
      {plan.notes.map((n) => (
        <p key={n} className="plan-note">
          {n}
        </p>
      ))}
    </div>
  )
}

export type DialogRun = {
  submit(): Promise<void>
  /** the last refusal, and its reason and way out in plain words */
  error: AppError | null
  refusal: { reason: string; wayOut: string } | null
}

/** Run the dialog's operation: it closes when the operation is done, and keeps a refusal to explain. */
export function useDialogRun(op: 'create' | 'retarget', run: () => Promise<Result<unknown>>): DialogRun {
  const store = useAppStore()
  const junctions = useApp((s) => s.info?.capabilities.junctions ?? true)
  const [error, setError] = useState<AppError | null>(null)
  const submit = async (): Promise<void> => {
    setError(null)
    const r = await run()
    if (r.ok) store.getState().closeDialog()
    else setError(r.error)
  }
  return { submit, error, refusal: error ? explainOpError(error, op, junctions) : null }
}
