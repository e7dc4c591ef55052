import type { EncodeRoute } from '../../shared/encoder-route';
import type { RowHelper } from '../../shared/row-job';
import type { RowOffload } from './row-offload';

/** An encoder of tile rows in the job's own thread, counting the rows it encoded itself. */
export interface LocalRowEncoder extends RowHelper {
  readonly rowsEncoded: number;
}

/** Which encoder wrote this attempt's rows, with a note saying how many. */
export function encodeRoute(
  input: { helper?: RowHelper; rowEncoder?: LocalRowEncoder },
  offload: RowOffload | undefined,
  browserBefore: number,
  notes: string[],
): EncodeRoute {
  if (input.helper) {
    if (offload?.rowsHelped) notes.push(`${offload.rowsHelped} tile rows encoded by an idle second worker`);
    return offload?.rowsHelped ? 'lent-worker' : 'libvips';
  }
  const browserRows = (input.rowEncoder?.rowsEncoded ?? 0) - browserBefore;
  if (browserRows) notes.push(`${browserRows} tile rows encoded by the browser's JPEG encoder, the rest by libvips`);
  return browserRows ? 'browser' : 'libvips';
}
