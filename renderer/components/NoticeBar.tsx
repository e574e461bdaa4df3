/** A short message above the status bar (following a link, copying a path, a refusal that needs no report). */
import { useEffect } from 'react'

import { useApp, useAppStore } from '../stores/store-context'

export function NoticeBar() {
  const store = useAppStore()
  const notice = useApp((s) => s.notice)
  useEffect(() => {
    if (!notice || notice.tone === 'error') return
    const t = setTimeout(() => {
      if (store.getState().notice?.id === notice.id) store.getState().dismissNotice()
    }, 5000)
    return () => clearTimeout(t)
  }, [notice, store])
  if (!notice) return null
  return (
    <div className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <div>
        <strong>{notice.text}</strong>
        {notice.detail ? <span className="notice-detail">{notice.detail}</span> : null}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => store.getState().dismissNotice()}
      >
        ×
      </button>
    </div>
  )
}
