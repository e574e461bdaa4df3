/** Trees with their links intact: copy, compare by identity, record and restore link structure. */
export {
  COMPARE_STATES,
  type CompareRecord,
  type CompareResult,
  type CompareState,
  type CompareSummary,
  compareTrees,
  type SameContentPair,
} from './compare'
export { compareLinesNative } from './compare-native'
export { type CopyNote, type CopyOptions, type CopyProgress, type CopyResult, type CopySummary, copyTree } from './copy'
export { listTree, type Tree, type TreeEntry } from './list-tree'
export {
  buildManifest,
  type Manifest,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  type ManifestGroup,
  type ManifestLink,
  parseManifest,
} from './manifest'
export {
  RESTORE_ACTIONS,
  type RestoreAction,
  restoreLinks,
  type RestoreRecord,
  type RestoreSummary,
} from './restore-links'
export {
  type PrefixRecord,
  type PrefixStyle,
  type PrefixSummary,
  retargetPrefix,
  undoPrefixBatch,
} from './retarget-prefix'
