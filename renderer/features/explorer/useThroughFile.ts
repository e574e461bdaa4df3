/**
 * A broken link whose path goes "through" a file as if it were a folder (`notes.txt/part`): the chain
 * only says the end is missing, so the folders above the end are looked up until one exists. When that
 * one is a file, the path can never exist, and the panel says so in the scan's words.
 */
import { useEffect, useState } from 'react'

import type { LinkEntry } from '../../../shared/types/link'
import { dirnameOf } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'

/** Deeper than any path a link names in practice; bounds the walk up. */
const MAX_LEVELS = 256

const isFileLike = (e: LinkEntry): boolean => e.kind === 'file' || (e.kind === 'symlink' && e.targetKind === 'file')

/** The file on the way of `entry`'s broken chain, or null (not broken that way, or still looking). */
export function useThroughFile(entry: LinkEntry): string | null {
  const store = useAppStore()
  const sep = useApp((s) => s.info?.sep ?? '/')
  const end = useApp((s) =>
    // the engine reads the end as missing, or as unreadable where lstat itself says "not a folder"
    s.chain?.path === entry.path && (s.chain.chain?.end === 'missing' || s.chain.chain?.end === 'unreadable')
      ? s.chain.chain.hops.at(-1)
      : undefined,
  )
  const [found, setFound] = useState<{ end: string; file: string | null } | null>(null)
  useEffect(() => {
    if (end === undefined) return
    let live = true
    void (async () => {
      let p = dirnameOf(end, sep)
      for (let i = 0; p !== null && i < MAX_LEVELS && live; i++, p = dirnameOf(p, sep)) {
        const e = await store.getState().statPath(p)
        if (e === null) continue
        if (live) setFound({ end, file: isFileLike(e) ? p : null })
        return
      }
    })()
    return () => {
      live = false
    }
  }, [store, sep, end])
  return found !== null && found.end === end ? found.file : null
}
