/** The scanner (issue 5): whole-tree scans, every name of a file, repair candidates for broken links, links pointing into a place. */
export { runScan } from './run-scan'
export { enterPhase, leavePhase, phaseLine } from './phase-clock'
export { findNames } from './find-names'
export { findCandidates } from './candidates'
export { findLinksInto } from './links-into'
export { findByName } from './find-by-name'
