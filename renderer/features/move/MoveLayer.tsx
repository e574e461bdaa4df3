/** The move dialogs, whichever is open (the app renders this once, beside the other dialogs). */
import '../../styles/move.css'

import { useApp } from '../../stores/store-context'
import { MoveBackDialog } from './MoveBackDialog'
import { MoveDialog } from './MoveDialog'
import { ReplacePrefixDialog } from './ReplacePrefixDialog'

export function MoveLayer() {
  const d = useApp((s) => s.moveDialog)
  if (d?.type === 'move') return <MoveDialog entry={d.entry} />
  if (d?.type === 'move-back') return <MoveBackDialog entry={d.entry} />
  if (d?.type === 'replace-prefix') return <ReplacePrefixDialog links={d.links} />
  return null
}
