import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { normaliseBaseUrl } from '../shared/base-url';
import { DEFAULT_INPUT_POLICY, type InputPolicy } from '../shared/input-policy';
import type { IiifVersion } from '../shared/iiif-version';
import type { ObjectsMode } from '../shared/object-plan';
import { parseShard, type Shard } from '../shared/shard';
import { DEFAULT_SETTINGS, validateSettings, type TileSettings } from '../shared/settings';

export const USAGE = `usage: vitrine tile <files or folders…> --out <dir> --base-url <URL>
  [--objects images|folders] [--metadata file.csv|file.json] [--key-column NAME] [--title "Collection title"]
  [--jobs N] [--tile-size 256|512] [--format jpg|webp] [--quality 85]
  [--max-megapixels 3000] [--in-memory-max-megapixels 80] [--allow-damaged] [--tiff]
  [--image-api 3|2] [--presentation 3|2|both] [--shard I/N [--skip-existing]]
       vitrine assemble <shard output folders or s3://bucket/prefix…> --out <dir or s3://…> --base-url <URL>
  [--metadata file.csv|file.json] [--key-column NAME] [--title "Collection title"]
       vitrine collect <dir> --base-url <URL> [--title "Collection title"]
  --objects folders: each folder is one object (one manifest, its images as canvases in natural order);
  a multi-page TIFF is always one object; a table's object, sequence and section columns group and order.
  --image-api 2: Image API 2.1 for older viewers, with Presentation 3 and 2.1 manifests (--presentation both,
  the default) or 2.1 only (--presentation 2).
  --tiff: also a pyramidal TIFF per image, tiff/<id>.tif, for IIPImage or Cantaloupe.
  --shard I/N: tile only the I-th of N parts (0 to N-1), into image folders and _shards/; no --base-url needed.
  assemble then checks every shard is there once and writes the collection, index, report and index.html.
  (collect rewrites the JSON documents, index.html and report of every folder in <dir>, for that base URL)`;

/** The subcommands, and every flag any of them takes (the docs test checks quoted commands against both). */
export const CLI_COMMANDS = ['tile', 'collect', 'assemble'] as const;
export const CLI_FLAGS = {
  out: { type: 'string' },
  'base-url': { type: 'string' },
  metadata: { type: 'string' },
  'key-column': { type: 'string' },
  objects: { type: 'string', default: 'images' },
  title: { type: 'string', default: 'Untitled collection' },
  jobs: { type: 'string' },
  'tile-size': { type: 'string', default: String(DEFAULT_SETTINGS.tileSize) },
  format: { type: 'string', default: DEFAULT_SETTINGS.format },
  quality: { type: 'string', default: String(DEFAULT_SETTINGS.quality) },
  'max-megapixels': { type: 'string', default: String(DEFAULT_INPUT_POLICY.maxMegapixels) },
  'in-memory-max-megapixels': { type: 'string', default: String(DEFAULT_INPUT_POLICY.inMemoryMaxMegapixels) },
  'allow-damaged': { type: 'boolean', default: false },
  tiff: { type: 'boolean', default: false },
  'image-api': { type: 'string', default: '3' },
  presentation: { type: 'string' },
  shard: { type: 'string' },
  'skip-existing': { type: 'boolean', default: false },
} satisfies ParseArgsOptionsConfig;

export interface CliOptions {
  command: (typeof CLI_COMMANDS)[number];
  inputs: string[];
  out: string;
  baseUrl: string;
  metadata?: string;
  keyColumn?: string;
  objects: ObjectsMode;
  title: string;
  jobs: number;
  /** Also write a pyramidal TIFF per image (tiff/<id>.tif). */
  tiff: boolean;
  /** Which IIIF versions the documents and file names follow. */
  version: IiifVersion;
  settings: TileSettings;
  policy: InputPolicy;
  /** `--shard I/N`: tile one part of the inputs, for `vitrine assemble` to join. */
  shard?: Shard;
  /** With --shard: keep images a previous run of the shard finished with the same settings. */
  skipExisting: boolean;
}

/** The command line as options; throws a message ending in the usage text on anything wrong. */
export function parseOptions(argv: string[], cpus: number): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: CLI_FLAGS,
  });
  const [command, ...inputs] = positionals;
  if (command === 'collect') {
    if (inputs.length !== 1) throw new Error(USAGE);
    values.out = inputs[0];
  } else if ((command !== 'tile' && command !== 'assemble') || inputs.length === 0) throw new Error(USAGE);
  if (!values.out) throw new Error(`--out is required\n${USAGE}`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (command !== 'tile' && shard) throw new Error(`--shard is for vitrine tile\n${USAGE}`);
  if (values['skip-existing'] && !shard) throw new Error(`--skip-existing needs --shard I/N\n${USAGE}`);
  if (shard && values.metadata)
    throw new Error(`--metadata goes to vitrine assemble: a shard writes no documents\n${USAGE}`);
  // A shard writes no document that holds a URL; assemble, which writes them all, takes it.
  if (shard && !values['base-url']) values['base-url'] = 'https://shard.invalid/';
  if (!values['base-url'])
    throw new Error(`--base-url is required: the address the bundle will be served from\n${USAGE}`);
  const jobs = values.jobs ? Number(values.jobs) : Math.min(4, cpus);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs must be a whole number of at least 1\n${USAGE}`);
  const objects = values.objects;
  if (objects !== 'images' && objects !== 'folders') throw new Error(`--objects must be images or folders\n${USAGE}`);
  const inMemoryMaxMegapixels = Number(values['in-memory-max-megapixels']);
  if (!(inMemoryMaxMegapixels > 0)) throw new Error(`--in-memory-max-megapixels must be a positive number\n${USAGE}`);
  return {
    command,
    inputs,
    out: values.out,
    baseUrl: normaliseBaseUrl(values['base-url']),
    metadata: values.metadata,
    keyColumn: values['key-column'],
    objects,
    title: values.title,
    jobs,
    tiff: values.tiff,
    version: iiifVersion(values['image-api'], values.presentation),
    settings: validateSettings({
      tileSize: Number(values['tile-size']) as TileSettings['tileSize'],
      format: values.format as TileSettings['format'],
      quality: Number(values.quality),
      maxSide: DEFAULT_SETTINGS.maxSide,
    }),
    policy: {
      maxMegapixels: Number(values['max-megapixels']),
      allowDamaged: values['allow-damaged'],
      inMemoryMaxMegapixels,
    },
    ...(shard ? { shard } : {}),
    skipExisting: values['skip-existing'],
  };
}

/** `--image-api` and `--presentation` as one IIIF version; 2.1 manifests cannot point to 3.0 services. */
function iiifVersion(imageApi: string, presentation: string | undefined): IiifVersion {
  if (imageApi === '3') {
    if (presentation === undefined || presentation === '3') return '3';
    throw new Error(
      `--presentation ${presentation} needs --image-api 2: 2.1 manifests point to 2.1 services\n${USAGE}`,
    );
  }
  if (imageApi !== '2') throw new Error(`--image-api must be 3 or 2\n${USAGE}`);
  if (presentation === undefined || presentation === 'both') return '2+3';
  if (presentation === '2') return '2';
  throw new Error(`--presentation must be 3, 2 or both\n${USAGE}`);
}
