/**
 * A fake Api at the UI's boundary (the Fiddle pattern): an in-memory set of folders that answers the
 * contract's calls the way the engine does, so store slices and components can be tested without a
 * server. Every call is recorded; streams deliver in batches on later ticks, as over the wire.
 */
import { vi } from 'vitest'

import type { AppError, Result } from '../../shared/errors'
import { type Api, forEachSpec, type Job } from '../../shared/ipc/contract'
import type { FolderChange } from '../../shared/types/actions'
import type { AppEvent, AppInfo, ListSummary } from '../../shared/types/app'
import type { LinkEntry } from '../../shared/types/link'
import type { CreateLinkRequest, DropRequest, ItemResult } from '../../shared/types/ops'

export const entry = (path: string, over: Partial<LinkEntry> = {}): LinkEntry => ({
  path,
  name: path.slice(path.lastIndexOf('/') + 1),
  kind: 'file',
  links: 1,
  id: `1:${path}`,
  status: 'n/a',
  size: 10,
  mtimeMs: 1_700_000_000_000,
  hidden: false,
  readonly: false,
  ...over,
})

export const INFO: AppInfo = {
  mode: 'browser',
  platform: 'posix',
  sep: '/',
  home: '/home/ana',
  startDir: '/root',
  capabilities: { junctions: false, symlinks: 'yes', reveal: false },
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value })
const fail = (code: AppError['code'], message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
})
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0))

/** Every channel of the contract answering UNSUPPORTED_ON_PLATFORM: the fake overrides what the UI uses. */
function unsupported(): Api {
  const api: Record<string, Record<string, unknown>> = {}
  forEachSpec((group, method, spec) => {
    const no = fail('UNSUPPORTED_ON_PLATFORM', `${spec.channel} is not in the fake.`)
    ;(api[group] ??= {})[method] =
      spec.kind === 'call'
        ? async () => no
        : () => ({ id: `job-${spec.channel}`, done: Promise.resolve(no), cancel: () => {} })
  })
  return api as Api
}

export type FakeApi = Api & {
  calls: string[]
  folders: Map<string, LinkEntry[]>
  batchSize: number
  /** push an outside verb (Explorer, a second start) to the page's app:events stream */
  sendEvent(event: AppEvent): void
  /** push a change to the watch on its folder, as the engine's actions:watch does */
  sendChange(change: FolderChange): void
}

export function fakeApi(folders: Record<string, LinkEntry[]>, info: AppInfo = INFO): FakeApi {
  const fs = new Map(Object.entries(folders).map(([k, v]) => [k, [...v]]))
  const calls: string[] = []
  let picks: string[] = []
  const eventListeners = new Set<(items: AppEvent[]) => void>()
  const watchers = new Set<(change: FolderChange) => void>()
  const dirOf = (p: string): string => p.slice(0, p.lastIndexOf('/')) || '/'
  const find = (p: string): LinkEntry | undefined => fs.get(dirOf(p))?.find((e) => e.path === p)
  const put = (e: LinkEntry): void => {
    fs.get(dirOf(e.path))!.push(e)
  }
  const drop = (p: string): void => {
    const l = fs.get(dirOf(p))!
    l.splice(
      l.findIndex((e) => e.path === p),
      1,
    )
  }
  const sameFile = (id: string): LinkEntry[] => [...fs.values()].flat().filter((e) => e.id === id)

  function job<I, R>(run: (emit: (items: I[]) => void) => Promise<Result<R>>, onItems: (items: I[]) => void): Job<R> {
    let cancelled = false
    const done = run((items) => {
      if (!cancelled) onItems(items)
    }).then((r) => (cancelled ? fail('CANCELLED', 'Cancelled.') : r))
    return {
      id: `job-${calls.length}`,
      done,
      cancel: () => {
        cancelled = true
      },
    }
  }

  const create = (req: CreateLinkRequest): Result<LinkEntry> => {
    if (!fs.has(dirOf(req.link))) return fail('NOT_FOUND', `${dirOf(req.link)} does not exist.`)
    if (find(req.link)) return fail('ALREADY_EXISTS', `${req.link} already exists.`)
    if (req.type === 'hard') {
      const src = find(req.target)
      if (!src) return fail('NOT_FOUND', `${req.target} does not exist.`)
      if (src.kind === 'dir') return fail('IS_DIRECTORY', `${req.target} is a folder.`)
      const links = src.links + 1
      for (const e of sameFile(src.id)) e.links = links
      const made = { ...src, path: req.link, name: req.link.slice(req.link.lastIndexOf('/') + 1), links }
      put(made)
      return ok(made)
    }
    const target = find(req.target)
    const made = entry(req.link, {
      kind: req.type === 'junction' ? 'junction' : 'symlink',
      id: `2:${req.link}`,
      target: req.relative ? req.target.slice(dirOf(req.link).length + 1) : req.target,
      resolved: req.target,
      targetKind: target ? (target.kind === 'dir' ? 'dir' : 'file') : null,
      status: target ? 'ok' : 'broken',
    })
    put(made)
    return ok(made)
  }

  const base = unsupported()
  const api: Api = {
    ...base,
    app: {
      ...base.app,
      info: async () => {
        calls.push('app:info')
        return ok(info)
      },
      events: (onItems) => {
        calls.push('app:events')
        eventListeners.add(onItems)
        let stop: () => void = () => {}
        const done = new Promise<Result<null>>((resolve) => {
          stop = () => resolve(ok(null))
        })
        return {
          id: 'events',
          done,
          cancel: () => {
            eventListeners.delete(onItems)
            stop()
          },
        }
      },
    },
    picks: {
      ...base.picks,
      list: async () => {
        calls.push('picks:list')
        return ok(picks)
      },
      set: async (paths) => {
        calls.push(`picks:set ${paths.length}`)
        picks = [...paths]
        return ok(picks)
      },
    },
    links: {
      ...base.links,
      list: (onItems, dir) => {
        calls.push(`links:list ${dir}`)
        return job<LinkEntry, ListSummary>(async (emit) => {
          await tick()
          const all = fs.get(dir)
          if (!all)
            return find(dir)
              ? fail('NOT_A_DIRECTORY', `${dir} is a file.`)
              : fail('NOT_FOUND', `${dir} does not exist.`)
          for (let i = 0; i < all.length; i += result.batchSize) {
            emit(all.slice(i, i + result.batchSize))
            await tick()
          }
          return ok({ dir, count: all.length, parent: dir === '/' ? null : dirOf(dir), ms: 1 })
        }, onItems)
      },
      chain: async (p) => {
        calls.push(`links:chain ${p}`)
        const e = find(p)
        if (!e || e.target === undefined) return fail('NOT_A_LINK', `${p} is not a link.`)
        const end = e.resolved ?? e.target
        return ok(
          e.status === 'ok'
            ? { hops: [p, end], end: 'target' as const, final: end }
            : { hops: [p, end], end: 'missing' as const },
        )
      },
      stat: async (p) => {
        calls.push(`links:stat ${p}`)
        const e = find(p) ?? (fs.has(p) ? entry(p, { kind: 'dir' }) : undefined)
        return e ? ok(e) : fail('NOT_FOUND', `${p} does not exist.`)
      },
      create: async (req) => {
        calls.push(`links:create ${req.type} ${req.target} ${req.link}${req.relative ? ' relative' : ''}`)
        return create(req)
      },
      drop: async (req: DropRequest) => {
        calls.push(`links:drop ${req.as} ${req.dir}`)
        const items: ItemResult[] = req.sources.map((source) => {
          const name = source.slice(source.lastIndexOf('/') + 1)
          const type = req.as === 'hard' ? 'hard' : req.as === 'junction' ? 'junction' : 'symbolic'
          const r = create({
            type,
            target: source,
            link: `${req.dir}/${name}`,
            relative: req.as === 'symbolic-relative',
          })
          return r.ok ? { source, ok: true, entry: r.value } : { source, ok: false, error: r.error }
        })
        return ok(items)
      },
      remove: async (p, options) => {
        calls.push(`links:remove ${p}${options?.readOnlyToo ? ' read-only-too' : ''}`)
        const e = find(p)
        if (!e) return fail('NOT_FOUND', `${p} does not exist.`)
        // As on Windows: a read-only name stays unless the caller asks for it explicitly.
        if (e.readonly && !options?.readOnlyToo) return fail('READ_ONLY', `${p} is read-only, so Linkscope left it.`)
        if (e.kind === 'dir') return fail('NOT_A_LINK', `${p} is a folder.`)
        if (e.kind === 'file') {
          const others = sameFile(e.id).filter((o) => o.path !== p)
          if (others.length === 0) return fail('LAST_NAME', `${p} is the only name of its file.`)
          drop(p)
          for (const o of others) o.links = others.length
          return ok({ removed: e, remainingNames: others.length, otherName: others[0]!.path })
        }
        drop(p)
        return ok({ removed: e })
      },
      retarget: async (req) => {
        calls.push(`links:retarget ${req.path} ${req.target}${req.relative ? ' relative' : ''}`)
        const e = find(req.path)
        if (!e || e.target === undefined) return fail('NOT_A_LINK', `${req.path} is not a link.`)
        const previousTarget = e.target
        const t = find(req.target)
        Object.assign(e, {
          target: req.relative ? req.target.slice(dirOf(req.path).length + 1) : req.target,
          resolved: req.target,
          status: t ? 'ok' : 'broken',
          targetKind: t ? 'file' : null,
        })
        return ok({ entry: { ...e }, previousTarget })
      },
      rename: async (p, newName) => {
        calls.push(`links:rename ${p} ${newName}`)
        const e = find(p)
        if (!e) return fail('NOT_FOUND', `${p} does not exist.`)
        const to = `${dirOf(p)}/${newName}`
        if (find(to)) return fail('ALREADY_EXISTS', `${to} already exists.`)
        Object.assign(e, { path: to, name: newName })
        return ok({ ...e })
      },
      names: (onItems, p) => {
        calls.push(`links:names ${p}`)
        return job(async (emit) => {
          const e = find(p)
          if (!e) return fail('NOT_FOUND', `${p} does not exist.`)
          const paths = sameFile(e.id).map((o) => o.path)
          await tick()
          emit(paths)
          return ok({ id: e.id, links: e.links, paths })
        }, onItems)
      },
    },
    scan: {
      ...base.scan,
      candidates: (onItems) => job(async () => ok([]), onItems),
      // the links held whose resolved target is the place or under it
      linksInto: (onItems, target, root) => {
        calls.push(`scan:linksInto ${target}${root ? ` ${root}` : ''}`)
        return job(async (emit) => {
          const links = [...fs.values()]
            .flat()
            .filter((e) => e.resolved !== undefined && (e.resolved === target || e.resolved.startsWith(`${target}/`)))
          await tick()
          emit(links)
          return ok({ target, root: root ?? '/', entries: [...fs.values()].flat().length, links: links.length, ms: 1 })
        }, onItems)
      },
    },
    jobs: { ...base.jobs, cancel: async () => ok(true) },
    shell: {
      ...base.shell,
      reveal: async (p) => {
        calls.push(`shell:reveal ${p}`)
        return fail('UNSUPPORTED_ON_PLATFORM', 'Desktop only.')
      },
    },
    actions: {
      ...base.actions,
      // a watch runs until cancelled; sendChange pushes to it
      watch: (onItems, dir) => {
        calls.push(`actions:watch ${dir}`)
        let stop = (): void => {}
        const done = new Promise<Result<null>>((resolve) => {
          const listener = (change: FolderChange): void => {
            if (change.dir === dir) onItems([change])
          }
          watchers.add(listener)
          stop = () => {
            watchers.delete(listener)
            calls.push(`actions:unwatch ${dir}`)
            resolve(fail('CANCELLED', 'Cancelled.'))
          }
        })
        return { id: `job-watch-${calls.length}`, done, cancel: () => stop() }
      },
    },
  }
  const result = Object.assign(api, {
    calls,
    folders: fs,
    batchSize: 2,
    sendEvent: (event: AppEvent) => {
      for (const l of eventListeners) l([event])
    },
    sendChange: (change: FolderChange) => {
      for (const l of watchers) l(change)
    },
  })
  return result
}

/**
 * Bounds for waiting on the condition a test asserts next (testing-library's waitFor/findBy*, vi.waitFor)
 * instead of sleeping: streams, flushes and refreshes end when they end on a loaded host. Short of the
 * per-test timeout so a broken behaviour fails as a failed expectation, not as a hung test.
 */
export const UNTIL = { timeout: 4000, interval: 10 }

/** Wait until `check` stops throwing (its expectations hold), within UNTIL; for store tests without React. */
export const until = (check: () => void): Promise<void> => vi.waitFor(check, UNTIL)
