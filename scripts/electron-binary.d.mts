/** The Electron binary's path when it is installed (never triggers electron's lazy download), else null. */
export function electronBinary(): string | null;
/** Runs electron's own installer once; the binary's path, or null when it cannot be fetched. */
export function fetchElectronBinary(spawnSync: typeof import('node:child_process').spawnSync): Promise<string | null>;
