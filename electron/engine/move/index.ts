/** Move a folder to another drive leaving a link behind, and back (issue 16). */
export { moveBack, moveFolder, previewMove, previewMoveBack, type MoveOptions } from './move'
export { recoverMoves, type Recovered } from './recover'
export { madeByMove } from './made-by-move'
