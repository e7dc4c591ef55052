import Vips from 'wasm-vips';

let instance: Promise<typeof Vips> | undefined;

/** One wasm-vips instance for a Node test file, with caching off as in the worker. */
export function nodeVips(): Promise<typeof Vips> {
  instance ??= Vips().then((vips) => {
    vips.Cache.max(0);
    return vips;
  });
  return instance;
}
