/**
 * The only bridge between the sandboxed page and the app: a generic invoke for the contract's channels
 * (nothing else passes) and a subscription to stream batches. No ipcRenderer, event or Node object
 * reaches the page; renderer/lib/api.ts builds the typed Api on top.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'

import { ALL_CHANNELS, JOB_ITEMS_CHANNEL } from '../../shared/ipc/contract'
import type { Envelope, Transport } from '../../shared/ipc/transport'

const allowed = new Set(ALL_CHANNELS)

const bridge: Transport = {
  invoke(channel: string, envelope: Envelope) {
    if (!allowed.has(channel))
      return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: `Unknown channel ${channel}` } })
    return ipcRenderer.invoke(channel, envelope)
  },
  onJobItems(listener) {
    const handler = (_e: IpcRendererEvent, jobId: string, items: unknown[]): void => listener(jobId, items)
    ipcRenderer.on(JOB_ITEMS_CHANNEL, handler)
    return () => {
      ipcRenderer.removeListener(JOB_ITEMS_CHANNEL, handler)
    }
  },
}

contextBridge.exposeInMainWorld('linkscope', bridge)
