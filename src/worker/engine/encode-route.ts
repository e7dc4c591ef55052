import type { EncodeRoute } from '../../shared/encoder-route';
import type { RowHelper } from '../../shared/row-job';
import type { RowOffload } from './row-offload';

/** Which encoder wrote this attempt's rows, with a note saying how many went to the helper or the browser. */
export function encodeRoute(
  input: { helper?: RowHelper; rowEncoder?: RowHelper },
  offload: RowOffload | undefined,
  notes: string[],
): EncodeRoute {
  const rows = offload?.rowsHelped ?? 0;
  if (!rows) return 'libvips';
  if (input.helper) {
    notes.push(`${rows} tile rows encoded by an idle second worker`);
    return 'lent-worker';
  }
  notes.push(`${rows} tile rows encoded by the browser's JPEG encoder, the rest by libvips`);
  return 'browser';
}
