/** Words for a measured folder's "only here" bytes: data whose every name is inside it. */
import { formatSize } from '../../lib/format'

export const onlyHereText = (bytes: number): string => `${formatSize(bytes)} only here (what removing it would free)`
