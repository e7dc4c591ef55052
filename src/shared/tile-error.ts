/** A failure with a reason a person can act on; `name` survives the Comlink boundary, so it is the code. */
export type TileErrorCode =
  | 'NotAnImage'
  | 'UnsupportedFormat'
  | 'DecodeFailed'
  | 'Damaged'
  | 'TooLarge'
  | 'StorageFailed'
  /** No room for the scratch file a large rotated image needs; smaller images may still fit. */
  | 'NoScratchSpace'
  | 'WorkerCrashed'
  | 'EngineCrashed'
  | 'Stalled'
  | 'Cancelled';

/** Failures that leave the worker's libvips in a known state: the worker can take the next job. */
export const CLEAN_FAILURES: ReadonlySet<string> = new Set<TileErrorCode>([
  'NotAnImage',
  'UnsupportedFormat',
  'DecodeFailed',
  'Damaged',
  'TooLarge',
  'NoScratchSpace',
]);

/** Refused input: the same file fails the same way again, so a retry is never offered for these. */
const REFUSED: ReadonlySet<string> = new Set<TileErrorCode>([
  'NotAnImage',
  'UnsupportedFormat',
  'DecodeFailed',
  'Damaged',
  'TooLarge',
]);

/** Whether running the job again can end differently: a stall, a full disk, a crash, a cancel. */
export function canRetry(code: string | undefined): boolean {
  return code === undefined || !REFUSED.has(code);
}

export class TileError extends Error {
  constructor(
    readonly code: TileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** The message to show for anything thrown by a tiling job, whatever its type. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error && 'message' in error) return String(error.message);
  return String(error);
}
