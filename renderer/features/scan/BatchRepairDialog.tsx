/** Batch repair: each selected link and the closest candidate it would point to, confirmed before anything changes. */
import { Dialog } from '../../components/Dialog'
import { Shown } from '../../components/Shown'
import { conflictText } from '../../lib/package-version'
import { dirnameOf, relativePath } from '../../lib/paths'
import { isRelativeLink } from '../../lib/scan-rows'
import { useApp, useAppStore } from '../../stores/store-context'

export function BatchRepairDialog() {
  const store = useAppStore()
  const plan = useApp((s) => s.batchRepair)
  const sep = useApp((s) => s.info?.sep ?? '/')
  const busy = useApp((s) => s.busy)
  if (!plan) return null
  const close = (): void => store.getState().closeBatchRepair()
  const ready = plan.plans.filter((p) => p.to !== null)
  return (
    <Dialog
      title={
        plan.loading
          ? `Looking for candidates… ${plan.checked} of ${plan.plans.length}`
          : `Retarget ${ready.length} of ${plan.plans.length} to the closest candidate?`
      }
      wide
      onClose={close}
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={plan.loading || busy || ready.length === 0}
            onClick={() => void store.getState().runBatchRepair()}
          >
            Retarget {ready.length === 1 ? '1 link' : `${ready.length} links`}
          </button>
        </>
      }
    >
      <ul className="repair-list">
        {plan.plans.map(({ link, to, otherVersion }) => (
          <li key={link.path} className={to ? undefined : 'refused'}>
            <span className="mono">
              <Shown text={link.name} />
            </span>
            {plan.loading && !to ? (
              <span className="muted"> …</span>
            ) : to ? (
              <>
                {' '}
                <span className="muted">→</span>{' '}
                <span className="mono">
                  {isRelativeLink(link) ? relativePath(dirnameOf(link.path, sep) ?? '', to.path, sep) : to.path}
                </span>
              </>
            ) : otherVersion ? (
              <span className="muted">
                {' '}
                — only another version was found ({conflictText(otherVersion)}); it stays as it is. Use Find candidates
                to choose one yourself.
              </span>
            ) : (
              <span className="muted"> — nothing with that name under the scanned folder; it stays as it is.</span>
            )}
          </li>
        ))}
      </ul>
      <p className="muted">
        Each link is replaced in one step: if anything fails it stays as it was. Relative links stay relative. You can
        undo each one (Ctrl+Z).
      </p>
    </Dialog>
  )
}
