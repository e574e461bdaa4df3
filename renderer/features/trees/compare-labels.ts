/** How the Compare folders view names each state, and what it means. */
import type { CompareState } from '../../../shared/types/trees'

export const STATE_LABELS: Record<CompareState, string> = {
  'same-file': 'Same file',
  'same-content': 'Same content',
  differs: 'Differs',
  'link-differs': 'Link differs',
  'only-a': 'Only in A',
  'only-b': 'Only in B',
}

export const STATE_HINTS: Record<CompareState, string> = {
  'same-file': 'One file under both names: already hard-linked',
  'same-content': 'Two separate files with equal bytes: Link these can make them one',
  differs: 'Different bytes, or a file on one side and something else on the other',
  'link-differs': 'Links that lead to different places',
  'only-a': 'Present under A only',
  'only-b': 'Present under B only',
}
