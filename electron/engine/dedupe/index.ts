/** Duplicate files (issue 15): find groups, merge them into hard links, split names apart again, undo a merge. */
export { findDuplicates, type FindOptions, type FindResult } from './find'
export { planGroup, knownLinkLimit, DEFAULT_KEEP, type Plan, type PlanOptions } from './plan'
export { mergeGroups, type MergeOptions, type MergeRecord, type MergeSummary } from './merge'
export { splitPaths, type SplitRecord, type SplitSummary } from './split'
export { undoJournal, type UndoRecord, type UndoSummary } from './undo'
export { recoverUnfinished } from './recover'
export { readXattrs } from './metadata'
export type { DupeFile, DupeGroup, KeepRule, Refusal } from './types'
