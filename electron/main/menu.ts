/** The standard application menu (roles give each OS its native items and shortcuts), plus Linkscope's settings. */
import { dialog, Menu, type MenuItemConstructorOptions, shell } from 'electron'

import type { EngineClient } from './engine-client'

/** Windows: "Add Linkscope to the Explorer right-click menu" (per user, no administrator). */
function explorerMenuItem(engine: EngineClient): MenuItemConstructorOptions {
  return {
    label: 'Add Linkscope to the Explorer right-click menu',
    type: 'checkbox',
    checked: false,
    async click(item) {
      const r = await engine.settings.setExplorerMenu(item.checked)
      if (!r.ok) {
        item.checked = !item.checked
        dialog.showErrorBox('Linkscope', r.error.message)
        return
      }
      item.checked = r.value.state === 'installed'
    },
  }
}

export function buildMenu(engine: EngineClient): Menu {
  const isMac = process.platform === 'darwin'
  const settings: MenuItemConstructorOptions[] =
    process.platform === 'win32' ? [explorerMenuItem(engine), { type: 'separator' }] : []
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [...settings, isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Hard links, symbolic links and junctions explained',
          click: () => {
            void shell.openExternal('https://learn.microsoft.com/windows/win32/fileio/hard-links-and-junctions')
          },
        },
      ],
    },
  ]
  const menu = Menu.buildFromTemplate(template)
  if (process.platform === 'win32') {
    // Show what is really in the registry, not what we last wrote.
    void engine.settings.explorerMenu().then((r) => {
      const item = menu.items[isMac ? 1 : 0]?.submenu?.items[0]
      if (item && r.ok) item.checked = r.value.state === 'installed'
    })
  }
  return menu
}
