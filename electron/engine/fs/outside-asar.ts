/**
 * In the packaged app the bundles live in app.asar, which Node's worker-thread loader cannot read; the
 * worker and helper scripts therefore ship unpacked beside it (package.json build.asarUnpack) and are
 * loaded from there. Outside a package the path is unchanged.
 */
export const outsideAsar = (p: string): string => p.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1')
