/** App info, the connection and short notices (things that do not belong to one folder). */
import type { AppError } from '../../../shared/errors'
import type { AppInfo, Capabilities } from '../../../shared/types/app'
import { setVolumeWord } from '../../lib/volume-word'
import type { AppSlice } from '../app-store'

export type Notice = { id: number; tone: 'info' | 'error'; text: string; detail?: string }

export type SessionSlice = {
  info: AppInfo | null
  infoError: AppError | null
  connectionLost: boolean
  notice: Notice | null
  /** Ask the app who we are, then open the start folder. */
  start(): Promise<void>
  /** What can be made in `dir` (a FAT32 or network drive holds no junctions): narrows info.capabilities while it is open. */
  folderCapabilities(dir: string): Promise<void>
  /** What can be made in `dir`, which need not be the open folder (a drop onto a subfolder on another volume); null if it cannot be asked. */
  capabilitiesOf(dir: string): Promise<Capabilities | null>
  markConnectionLost(): void
  showNotice(tone: Notice['tone'], text: string, detail?: string): void
  dismissNotice(): void
}

let noticeIds = 0

export const createSessionSlice: AppSlice<SessionSlice> = (api) => (set, get) => ({
  info: null,
  infoError: null,
  connectionLost: false,
  notice: null,
  async start() {
    const r = await api.app.info()
    if (!r.ok) {
      set({ infoError: r.error })
      return
    }
    setVolumeWord(r.value.platform)
    set({ info: r.value, infoError: null })
    await Promise.all([get().openDirectory(r.value.startDir), get().startPicks()])
  },
  async folderCapabilities(dir) {
    const capabilities = await get().capabilitiesOf(dir)
    const info = get().info
    // an answer for a folder left meanwhile, or none at all, changes nothing
    if (!capabilities || !info || get().dir !== dir) return
    set({ info: { ...info, capabilities } })
  },
  async capabilitiesOf(dir) {
    const r = await api.app.capabilities(dir)
    const info = get().info
    return r.ok && info ? { ...r.value, reveal: info.capabilities.reveal } : null
  },
  markConnectionLost() {
    set({ connectionLost: true })
  },
  showNotice(tone, text, detail) {
    set({ notice: { id: ++noticeIds, tone, text, ...(detail ? { detail } : {}) } })
  },
  dismissNotice() {
    set({ notice: null })
  },
})
