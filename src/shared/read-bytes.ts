/** Reads `length` bytes at `position`; fewer at the end of the file. */
export type ReadBytes = (position: number, length: number) => Uint8Array;
