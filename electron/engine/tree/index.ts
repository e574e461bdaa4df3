/** Trees with their links intact: copy, compare by identity, record and restore link structure. */
export { copyTree, type CopyNote, type CopyOptions, type CopyProgress, type CopyResult, type CopySummary } from './copy'
export { compareTrees, COMPARE_STATES, type CompareRecord, type CompareResult, type CompareState, type CompareSummary, type SameContentPair } from './compare'
export { buildManifest, parseManifest, MANIFEST_FORMAT, MANIFEST_VERSION, type Manifest, type ManifestGroup, type ManifestLink } from './manifest'
export { restoreLinks, RESTORE_ACTIONS, type RestoreAction, type RestoreRecord, type RestoreSummary } from './restore-links'
export { listTree, type Tree, type TreeEntry } from './list-tree'
export { retargetPrefix, undoPrefixBatch, type PrefixRecord, type PrefixStyle, type PrefixSummary } from './retarget-prefix'
