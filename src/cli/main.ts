import { availableParallelism } from 'node:os';
import { assembleCommand } from './assemble-command';
import { bundleInFolder } from './collect';
import { parseOptions } from './options';
import { shardCommand } from './shard-command';
import { tileCommand } from './tile-command';
import { writeBundleDocuments } from './write-bundle';

/** `vitrine tile|assemble|collect …`: the app's engine on Node worker threads, writing the same static bundle to a folder. */
async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), availableParallelism());
  if (options.command === 'collect') {
    const content = await bundleInFolder(options.out);
    const images = content.images;
    await writeBundleDocuments(options.out, content, options.baseUrl, options.title);
    process.stderr.write(`${images.length} images collected in ${options.out} for ${options.baseUrl}\n`);
    return images.length ? 0 : 1;
  }
  if (options.command === 'assemble') return assembleCommand(options);
  if (options.shard) return shardCommand({ ...options, shard: options.shard });
  return tileCommand(options);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
