import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The official Presentation 3 schema, beside the checkout in ../shared (not redistributed here). */
export const SCHEMA_PATH = resolve(import.meta.dirname, '../../shared/iiif-schema/iiif_3_0.json');
export const hasSchema = existsSync(SCHEMA_PATH);

let validate: ((doc: unknown) => string[]) | undefined;

/**
 * Schema errors of a manifest or collection, as the official validator judges them: plain draft-07,
 * no format checks. Returns null when the schema file is absent (a fresh clone without ../shared).
 */
export function presentationSchemaErrors(doc: unknown): string[] | null {
  if (!hasSchema) return null;
  if (!validate) {
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    const check = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
    validate = (d) => (check(d) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
  }
  return validate(doc);
}
