/**
 * Where the selected link leads, hop by hop: "Resolves to" one hop away is often another link
 * (/usr/bin/awk → /etc/alternatives/awk → /usr/bin/mawk), and people want the end and the way there.
 * Asked for when the details panel shows a link; an answer for a link no longer shown is dropped.
 */
import type { AppError } from '../../../shared/errors'
import type { LinkChain } from '../../../shared/types/link'
import type { AppSlice } from '../app-store'

export type ChainState = { path: string; chain?: LinkChain; error?: AppError }

export type ChainSlice = {
  chain: ChainState | null
  loadChain(path: string): Promise<void>
}

export const createChainSlice: AppSlice<ChainSlice> = (api) => (set, get) => ({
  chain: null,
  async loadChain(path) {
    set({ chain: { path } })
    const r = await api.links.chain(path)
    if (get().chain?.path !== path) return // another link was selected meanwhile
    set({ chain: r.ok ? { path, chain: r.value } : { path, error: r.error } })
  },
})
