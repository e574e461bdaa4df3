/** The scanner (issue 5): whole-tree scans, every name of a file, repair candidates for broken links. */
export { runScan } from './run-scan'
export { findNames } from './find-names'
export { findCandidates } from './candidates'
