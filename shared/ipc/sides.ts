import type { AnySpec, Contract, Groups, Handlers } from './contract'
import { forEachSpec, ipcContract, JOB_CANCEL_CHANNEL } from './contract'

/**
 * Who serves each channel in the desktop app: the engine worker, or main (what needs the window or the
 * system shell). Main forwards the engine's channels; the engine answers main's only where there is no
 * main (browser mode). A cancel goes to whichever side runs the job.
 */
export type Side = 'engine' | 'main'
export const servedBy = {
  app: { info: 'engine', events: 'main', capabilities: 'engine' },
  picks: { list: 'engine', set: 'engine' },
  links: {
    list: 'engine',
    stat: 'engine',
    chain: 'engine',
    create: 'engine',
    drop: 'engine',
    remove: 'engine',
    retarget: 'engine',
    rename: 'engine',
    elevate: 'main',
    names: 'engine',
  },
  scan: { run: 'engine', candidates: 'engine', linksInto: 'engine' },
  settings: { explorerMenu: 'engine', setExplorerMenu: 'engine' },
  jobs: { cancel: 'engine' },
  shell: {
    reveal: 'main',
    openDeveloperSettings: 'main',
    openTerminal: 'main',
    saveFile: 'main',
    openDefault: 'main',
    chooseFolder: 'main',
  },
  move: {
    preview: 'engine',
    run: 'engine',
    previewBack: 'engine',
    back: 'engine',
    madeByMove: 'engine',
    prefix: 'engine',
    undoPrefix: 'engine',
  },
  dupes: { find: 'engine', merge: 'engine', undo: 'engine', split: 'engine' },
  actions: { watch: 'engine', complete: 'engine', findByName: 'engine' },
  trees: { compare: 'engine', link: 'engine', undo: 'engine', copy: 'engine' },
  places: { list: 'engine', bookmark: 'engine' },
} as const satisfies { readonly [G in Groups]: { readonly [M in keyof Contract[G]]: Side } }

/** The handlers one side serves, by the table above. */
export type HandlersOn<S extends Side> = {
  [G in Exclude<Groups, 'jobs'>]: {
    [
      M in keyof Contract[G] & keyof (typeof servedBy)[G] as (typeof servedBy)[G][M] extends S ? M : never
    ]: Handlers[G][M]
  }
}

/** Every spec one side serves, with its handler from `handlers` (in declaration order). */
export function sideTable<S extends Side>(
  side: S,
  handlers: HandlersOn<S>,
): Map<string, { spec: AnySpec; fn: (...args: unknown[]) => unknown }> {
  const table = new Map<string, { spec: AnySpec; fn: (...args: unknown[]) => unknown }>()
  const owners = servedBy as Record<string, Record<string, Side>>
  forEachSpec((group, method, spec) => {
    if (owners[group]?.[method] !== side || spec.channel === JOB_CANCEL_CHANNEL) return
    const fn = (handlers as unknown as Record<string, Record<string, (...args: unknown[]) => unknown> | undefined>)[
      group
    ]?.[method]
    if (typeof fn !== 'function') throw new Error(`No handler for ${spec.channel}`)
    table.set(spec.channel, { spec, fn })
  })
  return table
}

/** The one handler set both sides make together (browser mode and tests, where no main exists). */
export function joinSides(engine: HandlersOn<'engine'>, main: HandlersOn<'main'>): Omit<Handlers, 'jobs'> {
  const joined: Record<string, object> = {}
  for (const group of Object.keys(ipcContract)) {
    if (group === 'jobs') continue
    joined[group] = { ...(engine as Record<string, object>)[group], ...(main as Record<string, object>)[group] }
  }
  return joined as Omit<Handlers, 'jobs'>
}
