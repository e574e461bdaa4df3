/** linkscope move-back LINK: the reverse of `move`, sharing its command (move.ts). */
export { moveBackCommand } from './move'
