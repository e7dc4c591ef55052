/**
 * A temporary file of a known size, written and read at byte offsets with blocking calls (libvips reads
 * through synchronous callbacks). The browser keeps it in OPFS, the CLI in the system's temp folder.
 */
export interface ScratchFile {
  readonly size: number;
  write(bytes: Uint8Array, at: number): void;
  /** Fills `into` from `at` on; returns how many bytes were read (fewer only at the end). */
  read(into: Uint8Array, at: number): number;
  /** Closes and deletes the file. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Makes a scratch file of `bytes` bytes, checking the space up front: when there is not enough, this
 * rejects (and later writes throw) with a TileError 'NoScratchSpace' that says how much is needed.
 */
export type OpenScratch = (bytes: number) => Promise<ScratchFile>;
