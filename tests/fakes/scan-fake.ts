/** The fake Api with a scan stream each test drives by hand (emit batches, then finish or cancel), over a small /root. */
import type { Result } from '../../shared/errors'
import type { LinkEntry } from '../../shared/types/link'
import type { BrokenLink, Candidate, HardLinkGroup, ScanItem, ScanOptions, ScanSummary } from '../../shared/types/scan'
import { entry, fakeApi } from './fake-api'

export const broken = (
  path: string,
  target: string,
  reason: BrokenLink['reason'],
  over: Partial<LinkEntry> = {},
): BrokenLink => ({
  ...entry(path, {
    kind: 'symlink',
    target,
    resolved: target.startsWith('/') ? target : `${path.slice(0, path.lastIndexOf('/'))}/${target}`,
    status: reason === 'loop' ? 'loop' : 'broken',
    targetKind: null,
    ...over,
  }),
  reason,
})
export const group = (id: string, links: number, paths: string[], size = 100): HardLinkGroup => ({
  id,
  links,
  paths,
  size,
})

export const SUMMARY: ScanSummary = {
  root: '/root',
  entries: 40,
  broken: 4,
  groups: 2,
  errors: 1,
  cancelled: false,
  apparentBytes: 5000,
  uniqueBytes: 3000,
  ms: 12,
  deniedLinks: 0,
  sized: true,
}

// Fresh objects per use: the fake Api changes the entries it holds, as the disk would.
export const links = () => ({
  gone: broken('/root/a/gone', '../old/report.txt', 'missing'),
  loop: broken('/root/loop', 'loop', 'loop'),
  through: broken('/root/b/through', '/root/plain.txt/x', 'through-file'),
  abs: broken('/root/b/abs', '/root/old/notes.txt', 'missing'),
})
export const LINKS = links()

/** The fake Api with a scan stream the test drives by hand: emit batches, then finish or cancel. */
export function scanningApi() {
  const LINKS = links()
  const api = fakeApi({
    '/root': [
      LINKS.loop,
      entry('/root/plain.txt'),
      entry('/root/a', { kind: 'dir' }),
      entry('/root/b', { kind: 'dir' }),
    ],
    '/root/a': [LINKS.gone],
    '/root/b': [LINKS.through, LINKS.abs],
    '/root/new': [entry('/root/new/report.txt'), entry('/root/new/notes.txt')],
  })
  const runs: {
    root: string
    options: ScanOptions
    emit: (items: ScanItem[]) => void
    finish: (r: Result<ScanSummary>) => void
    cancelled: boolean
  }[] = []
  const candidates: Record<string, Candidate[]> = {
    '/root/a/gone': [
      { path: '/root/new/report.txt', kind: 'file', score: 999 },
      { path: '/root/x/report.txt', kind: 'file', score: 1 },
    ],
    '/root/b/abs': [{ path: '/root/new/notes.txt', kind: 'file', score: 998 }],
  }
  api.scan = {
    ...api.scan,
    run: (onItems, root, options) => {
      let finish!: (r: Result<ScanSummary>) => void
      const done = new Promise<Result<ScanSummary>>((r) => {
        finish = r
      })
      const run = { root, options, emit: onItems, finish, cancelled: false }
      runs.push(run)
      api.calls.push(`scan:run ${root}`)
      return {
        id: `scan-${runs.length}`,
        done,
        // as the engine does: a cancelled scan resolves with what it counted so far
        cancel: () => {
          run.cancelled = true
          finish({ ok: true, value: { ...SUMMARY, entries: 7, cancelled: true } })
        },
      }
    },
    // a walk of the tree: it answers a moment later, and a cancel before then ends it with CANCELLED
    candidates: (_onItems, link, root) => {
      api.calls.push(`scan:candidates ${link} ${root}`)
      let state: 'running' | 'cancelled' | 'done' = 'running'
      const done = new Promise<Result<Candidate[]>>((resolve) =>
        setTimeout(() => {
          resolve(
            state === 'cancelled'
              ? { ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } }
              : { ok: true, value: candidates[link] ?? [] },
          )
          state = 'done'
        }, 0),
      )
      const cancel = (): void => {
        if (state !== 'running') return
        state = 'cancelled'
        api.calls.push(`cancel scan:candidates ${link}`)
      }
      return { id: `candidates-${api.calls.length}`, done, cancel }
    },
  }
  return { api, runs }
}
