/**
 * The steps every move dialog goes through, as one hook: ask for the preflight, run with progress (and a
 * cancel), and keep the result or the refusal. The dialogs differ only in the calls they make.
 */
import { useRef, useState } from 'react'

import type { AppError, Result } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { MovePreflight, MoveProgress, MoveResult } from '../../../shared/types/move'

export type MoveStep = 'idle' | 'checking' | 'checked' | 'running' | 'done' | 'failed'

export type MoveJob = {
  step: MoveStep
  preflight: MovePreflight | null
  progress: MoveProgress | null
  result: MoveResult | null
  error: AppError | null
  check(call: () => Promise<Result<MovePreflight>>): Promise<void>
  run(start: (onItems: (items: MoveProgress[]) => void) => Job<MoveResult>): Promise<void>
  cancel(): void
}

export function useMoveJob(): MoveJob {
  const [step, setStep] = useState<MoveStep>('idle')
  const [preflight, setPreflight] = useState<MovePreflight | null>(null)
  const [progress, setProgress] = useState<MoveProgress | null>(null)
  const [result, setResult] = useState<MoveResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const job = useRef<Job<MoveResult> | null>(null)
  return {
    step,
    preflight,
    progress,
    result,
    error,
    async check(call) {
      setStep('checking')
      setError(null)
      setPreflight(null)
      const r = await call()
      if (r.ok) {
        setPreflight(r.value)
        setStep('checked')
      } else {
        setError(r.error)
        setStep('failed')
      }
    },
    async run(start) {
      setStep('running')
      setError(null)
      const j = start((items) => {
        const last = items.at(-1)
        if (last) setProgress(last)
      })
      job.current = j
      const r = await j.done
      job.current = null
      if (r.ok) {
        setResult(r.value)
        setStep('done')
      } else {
        setError(r.error)
        setStep('failed')
      }
    },
    cancel() {
      job.current?.cancel()
    },
  }
}

/** Linkscope's search root for links into a place: the folder it was opened on, when the place is under it. */
export function linksRootFor(place: string, startDir: string | undefined, sep: string): string | undefined {
  if (!startDir) return undefined
  const prefix = startDir.endsWith(sep) ? startDir : startDir + sep
  return place.startsWith(prefix) ? startDir : undefined
}

/** Call arguments without a trailing undefined (JSON would send it as null). */
export const trimmed = <T extends unknown[]>(...args: T): T => {
  const out = [...args]
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop()
  return out as T
}
