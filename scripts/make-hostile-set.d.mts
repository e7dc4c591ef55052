export interface HostileFile {
  name: string;
  bytes: Uint8Array;
  expect: { state: 'done' } | { state: 'failed'; error: RegExp };
}
export function seededRandom(seed: number): () => number;
export function makeHostileSet(): Promise<HostileFile[]>;
