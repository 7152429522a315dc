import fs from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

/** docs/report.schema.json as the repository has it (what /schemas/report.json serves). */
export const REPORT_SCHEMA_TEXT = fs.readFileSync(new URL('../../../docs/report.schema.json', import.meta.url), 'utf8');

/** Validates a `reportFormat=3` document against the published schema; the errors as one line each. */
export function reportSchemaErrors(doc: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(REPORT_SCHEMA_TEXT) as object);
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
