export function newestMtime(dir: string): number;
export function apiEntryArgs(root: string, log?: (message: string) => void): Promise<string[]>;
