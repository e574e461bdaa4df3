/** Link operations (issue 3): create, drop, remove, retarget, rename. Validated first; never overwrite. */
export { createLink } from './create'
export { dropLinks } from './drop'
export { removeLink } from './remove'
export { renameEntry } from './rename'
export { retargetLink } from './retarget'
