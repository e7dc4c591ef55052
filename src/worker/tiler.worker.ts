import * as Comlink from 'comlink';
import { openVitrineDb, type VitrineDb } from '../shared/db';
import type { RowHelper } from '../shared/row-job';
import { SNIFF_LENGTH } from '../shared/sniff';
import type { TileEvent, TileRequest, TileResult, TilerApi } from '../shared/tiler-contract';
import { SEEKABLE_BYTES } from './engine/seek';
import { padTiles } from './engine/pad-tile';
import { tileImage } from './engine/tile-image';
import { fileHead, fileReadAt, fileSourceOpener } from './file-source';
import { openJpegInstance, openJpegMemoryBytes } from './openjpeg-instance';
import { IdbSink } from './idb-sink';
import { openOpfsScratch, sweepScratchFiles } from './opfs-scratch';
import { helperApi, remoteHelper } from './row-helper-port';
import { vipsInstance } from './vips-instance';
import { wasmMemoryBytes } from './wasm-memory';
import { BrowserRowEncoder } from './browser-row-encoder';
import { browserEngine, usesBrowserEncoder } from '../shared/encoder-route';

let db: Promise<VitrineDb> | undefined;
let swept = false;
/** This worker's end of its current lending, if any. */
let lentPort: MessagePort | undefined;

const api = {
  async tile(request: TileRequest, onEvent: (event: TileEvent) => void, helperPort?: MessagePort): Promise<TileResult> {
    const helper = helperPort && remoteHelper(helperPort, (failed) => onEvent({ type: 'helper-released', failed }));
    try {
      return await tileRequest(request, onEvent, helper);
    } finally {
      helper?.release(false);
    }
  },
  async wasmBytes(): Promise<number> {
    return wasmMemoryBytes() + openJpegMemoryBytes();
  },
  async lend(port: MessagePort): Promise<void> {
    // One lending at a time: a new one closes the last port, which an owner stopped mid-job (cancel,
    // stall) never released, and whose listener would otherwise keep it open for good.
    lentPort?.close();
    lentPort = port;
    Comlink.expose(helperApi, port);
  },
  async warmUp(): Promise<void> {
    await vipsInstance();
  },
  async padTiles(jpegs: ArrayBuffer[], tileSize: number, quality: number): Promise<ArrayBuffer[]> {
    const padded = padTiles(
      await vipsInstance(),
      jpegs.map((j) => new Uint8Array(j)),
      tileSize,
      quality,
    );
    const buffers = padded.map((p) => p.slice().buffer);
    return Comlink.transfer(buffers, buffers);
  },
} satisfies TilerApi;

async function tileRequest(
  request: TileRequest,
  onEvent: (event: TileEvent) => void,
  helper: RowHelper | undefined,
): Promise<TileResult> {
  const vips = await vipsInstance();
  db ??= openVitrineDb();
  const sink = new IdbSink(await db, request.imageId);
  onEvent({ type: 'ready' });
  // A worker stopped mid-job leaves its scratch file behind; a new one clears them (not awaited).
  if (!swept) void sweepScratchFiles().catch(() => {});
  swept = true;
  await sink.clear();
  const engine = browserEngine(navigator.userAgent);
  const browser = usesBrowserEncoder(request.encoder ?? 'libvips', typeof OffscreenCanvas === 'function');
  const outcome = await tileImage(
    vips,
    {
      head: await fileHead(request.file, SNIFF_LENGTH),
      byteLength: request.file.size,
      openSource: fileSourceOpener(vips, request.file),
      readAt: fileReadAt(request.file),
      openJpeg: openJpegInstance,
      seekableBytes: SEEKABLE_BYTES,
      settings: request.settings,
      policy: request.policy,
      openScratch: openOpfsScratch,
      helper,
      rowEncoder: browser ? new BrowserRowEncoder(engine) : undefined,
      page: request.page,
    },
    sink,
    {
      onStart: (size) => onEvent({ type: 'started', ...size }),
      onProgress: (progress) => onEvent({ type: 'progress', ...progress }),
      onTurnProgress: (rowsDone, rowsTotal) => onEvent({ type: 'turning', rowsDone, rowsTotal }),
    },
  );
  return {
    format: outcome.format,
    route: outcome.route,
    width: outcome.width,
    height: outcome.height,
    notes: outcome.notes,
    warnings: outcome.warnings,
    metadata: outcome.metadata,
    damaged: outcome.damaged,
    storedBytes: sink.storedBytes,
    wasmBytes: wasmMemoryBytes() + openJpegMemoryBytes(),
  };
}

Comlink.expose(api);
