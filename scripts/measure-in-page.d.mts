export function countFileReads(): void;
export function storedFileBase64(args: [string, string]): Promise<string>;
export function scratchFileCount(): Promise<number>;
export function storedPaths(id: string): Promise<string[]>;
