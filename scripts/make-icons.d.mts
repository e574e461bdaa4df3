export function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer }
export const ICNS_TYPES: Record<string, number>
export const LINUX_SIZES: number[]
export const ICO_SIZES: number[]
