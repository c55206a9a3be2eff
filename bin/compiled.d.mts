/** The project's folder. */
export const ROOT: string;
export const SRC: string;
export const DIST: string;
export const STAMP: string;
/** The compiled entry file of the command under `root` when it is current, or null. */
export function compiledMain(root?: string, env?: Record<string, string | undefined>): string | null;
