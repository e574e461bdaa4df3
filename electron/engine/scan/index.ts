/** The scanner (issue 5): whole-tree scans, every name of a file, repair candidates for broken links, links pointing into a place. */
export { findCandidates } from './candidates'
export { findByName } from './find-by-name'
export { findNames } from './find-names'
export { findLinksInto } from './links-into'
export { enterPhase, leavePhase, phaseLine } from './phase-clock'
export { runScan } from './run-scan'
