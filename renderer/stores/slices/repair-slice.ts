/**
 * Repairing what a scan found: the candidates for one broken link, one-click fixes (use a candidate,
 * relative ↔ absolute), batch repair (look up each link's closest candidate, confirm, then the ops
 * slice retargets them with one report), removing, and a hard-link group's names.
 */
import type { AppError, Result } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { RetargetResult } from '../../../shared/types/ops'
import type { BrokenLink, Candidate, HardLinkGroup } from '../../../shared/types/scan'
import { type VersionConflict, versionConflict, versionsFirst } from '../../lib/package-version'
import { basenameOf } from '../../lib/paths'
import { isRelativeLink } from '../../lib/scan-rows'
import type { AppSlice } from '../app-store'

export type CandidatesState = { link: string; loading: boolean; list: Candidate[]; error: AppError | null }
/** One planned repair of a batch: the link and the candidate it would point to (null: none found). */
export type RepairPlan = {
  link: BrokenLink
  to: Candidate | null
  /** no candidate of the version the link asked for: the closest other version, left alone */
  otherVersion?: VersionConflict
}
/** `checked`: how many links have been looked up so far (each lookup walks the tree once). */
export type BatchRepair = { loading: boolean; checked: number; plans: RepairPlan[] }

export type RepairSlice = {
  candidates: CandidatesState | null
  batchRepair: BatchRepair | null
  findCandidates(link: string): Promise<void>
  /** One click: point the link at a candidate, stored the way it was (relative stays relative). */
  useCandidate(link: string, candidate: string): Promise<Result<RetargetResult> | null>
  /** Store the same resolved path the other way: relative ↔ absolute. */
  convertForm(link: string): Promise<Result<RetargetResult> | null>
  requestRemoveBroken(paths: string[]): void
  /** Batch repair: look up the best candidate of each link, then confirm. */
  planBatchRepair(paths: string[]): Promise<void>
  runBatchRepair(): Promise<void>
  closeBatchRepair(): void
  showGroupNames(group: HardLinkGroup): Promise<void>
  /** Drop the candidates shown unless they are for one of `links` (the selection moved, the link was fixed). */
  forgetCandidatesUnless(links: ReadonlySet<string>): void
  /** A new scan: nothing of the last one's repairs stays. */
  resetRepairs(): void
}

/** Lookups a batch repair runs at once: each is a walk of the tree, and the engine has workers to spare. */
const BATCH_LOOKUPS = 3

export const createRepairSlice: AppSlice<RepairSlice> = (api) => (set, get) => {
  /** the running repair lookups: Find candidates (one), the batch repair's (a few) */
  let candidatesJob: Job<Candidate[]> | null = null
  const batchJobs = new Set<Job<Candidate[]>>()
  const linksAt = (paths: string[]): BrokenLink[] =>
    paths.map((p) => get().brokenAt(p)).filter((l): l is BrokenLink => l !== undefined)

  /** The closest candidate of the version the link asked for; another version is never picked unseen. */
  const closestFitting = (link: BrokenLink, list: readonly Candidate[]): RepairPlan => {
    const sep = get().info?.sep ?? '/'
    const best = versionsFirst(link.target, list, sep)[0]
    const conflict = best && link.target ? versionConflict(link.target, best.path, sep) : null
    return conflict ? { link, to: null, otherVersion: conflict } : { link, to: best ?? null }
  }

  /** Look up each link's closest candidate, a few at a time, while this plan is still the one shown. */
  const lookUpAll = async (plans: RepairPlan[], root: string): Promise<number> => {
    let next = 0
    let checked = 0
    const lookUp = async (): Promise<void> => {
      while (next < plans.length && get().batchRepair?.plans === plans) {
        const i = next++
        const link = plans[i]!.link
        const lookup = api.scan.candidates(() => {}, link.path, root)
        batchJobs.add(lookup)
        const r = await lookup.done
        batchJobs.delete(lookup)
        plans[i] = closestFitting(link, r.ok ? r.value : [])
        checked++
        const cur = get().batchRepair
        if (cur?.plans === plans) set({ batchRepair: { ...cur, checked } })
      }
    }
    await Promise.all(Array.from({ length: BATCH_LOOKUPS }, lookUp))
    return checked
  }

  return {
    candidates: null,
    batchRepair: null,
    async findCandidates(link) {
      candidatesJob?.cancel() // one lookup at a time: the one for the link in view
      set({ candidates: { link, loading: true, list: [], error: null } })
      const mine = api.scan.candidates(() => {}, link, get().scanRootShown())
      candidatesJob = mine
      const r = await mine.done
      if (candidatesJob === mine) candidatesJob = null
      if (get().candidates?.link !== link) return
      set({
        candidates: r.ok
          ? {
              link,
              loading: false,
              // another version of the same package is offered last, however close it is
              list: versionsFirst(get().brokenAt(link)?.target, r.value, get().info?.sep ?? '/'),
              error: null,
            }
          : { link, loading: false, list: [], error: r.error },
      })
    },
    async useCandidate(link, candidate) {
      const l = get().brokenAt(link)
      if (!l) return null
      return get().retarget({ path: link, target: candidate, relative: l.kind === 'symlink' && isRelativeLink(l) })
    },
    async convertForm(link) {
      const l = get().brokenAt(link)
      if (!l || !l.resolved || l.kind !== 'symlink') return null
      return get().retarget({ path: link, target: l.resolved, relative: !isRelativeLink(l) })
    },
    requestRemoveBroken(paths) {
      const entries = linksAt(paths)
      if (entries.length > 0) get().openDialog({ type: 'remove', entries })
    },
    async planBatchRepair(paths) {
      const links = linksAt(paths)
      if (links.length === 0) return
      const plans: RepairPlan[] = links.map((link) => ({ link, to: null }))
      set({ batchRepair: { loading: true, checked: 0, plans } })
      const checked = await lookUpAll(plans, get().scanRootShown())
      const cur = get().batchRepair
      if (cur?.plans === plans) set({ batchRepair: { loading: false, checked, plans: [...plans] } })
    },
    async runBatchRepair() {
      const plan = get().batchRepair
      if (!plan || plan.loading) return
      set({ batchRepair: null })
      const reqs = plan.plans.flatMap(({ link, to }) =>
        to ? [{ path: link.path, target: to.path, relative: link.kind === 'symlink' && isRelativeLink(link) }] : [],
      )
      await get().retargetMany(reqs, 'to the closest candidate')
    },
    closeBatchRepair() {
      for (const lookup of batchJobs) lookup.cancel() // closed while still looking: stop the walks
      set({ batchRepair: null })
    },
    async showGroupNames(group) {
      const first = group.paths[0]
      if (!first) return
      const entry = await get().statPath(first)
      if (entry) get().openDialog({ type: 'names', entry })
      else
        get().showNotice(
          'error',
          `“${basenameOf(first, get().info?.sep ?? '/')}” is no longer there; scan again to refresh the groups.`,
        )
    },
    forgetCandidatesUnless(links) {
      const c = get().candidates
      if (!c || links.has(c.link)) return
      candidatesJob?.cancel()
      set({ candidates: null })
    },
    resetRepairs() {
      set({ candidates: null, batchRepair: null })
    },
  }
}
