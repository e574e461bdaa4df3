/** Whatever floats above the explorer: the context menu and the one open dialog. */
import { useApp } from '../../stores/store-context'
import { MoveLayer } from '../move/MoveLayer'
import { TreesLayer } from '../trees/CopyDialog'
import { ContextMenu } from './ContextMenu'
import { CreateLinkDialog } from './CreateLinkDialog'
import { LinksIntoDialog } from './LinksIntoDialog'
import { NamesDialog } from './NamesDialog'
import { RemoveDialog } from './RemoveDialog'
import { RenameDialog } from './RenameDialog'
import { RetargetDialog } from './RetargetDialog'

export function OpsLayer() {
  const dialog = useApp((s) => s.dialog)
  return (
    <>
      <ContextMenu />
      {dialog?.type === 'create' ? (
        <CreateLinkDialog dir={dialog.dir} {...(dialog.target ? { initialTarget: dialog.target } : {})} />
      ) : null}
      {dialog?.type === 'retarget' ? <RetargetDialog entry={dialog.entry} /> : null}
      {dialog?.type === 'remove' ? <RemoveDialog entries={dialog.entries} /> : null}
      {dialog?.type === 'rename' ? <RenameDialog entry={dialog.entry} /> : null}
      {dialog?.type === 'names' ? <NamesDialog entry={dialog.entry} /> : null}
      {dialog?.type === 'links-into' ? <LinksIntoDialog entry={dialog.entry} /> : null}
      <MoveLayer />
      <TreesLayer />
    </>
  )
}
