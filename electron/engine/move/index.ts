/** Move a folder to another drive leaving a link behind, and back (issue 16). */
export { madeByMove } from './made-by-move'
export { moveBack, moveFolder, type MoveOptions, previewMove, previewMoveBack } from './move'
export { type Recovered, recoverMoves } from './recover'
export { stepLine } from './step-clock'
