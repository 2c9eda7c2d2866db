/** The path of a local Chromium (CHROMIUM_PATH, then Debian's), or null. */
export function findChromium(): string | null;
