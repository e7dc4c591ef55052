/** Cache-Control for a bundle's objects in a bucket: the Publish panel's defaults and the CLI's S3 shards. */
export const DEFAULT_CACHE_RULES = {
  /** Tiles and sizes: they never change under the same path unless the image is tiled again. */
  images: 'public, max-age=604800',
  /** JSON, HTML and scripts, which change when the bundle is exported again. */
  documents: 'public, max-age=300',
} as const;
