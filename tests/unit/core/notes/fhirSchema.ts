/** Validates JSON against the vendored official FHIR R4 JSON schema (tests/fixtures/fhir/README.md). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { repoRoot } from './referenceTable';

let validate: ValidateFunction | undefined;

export function fhirValidator(): ValidateFunction {
  if (validate) return validate;
  const schema = JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/fhir/fhir.schema.json'), 'utf8'));
  // The R4 schema names itself with the draft-04 keyword `id`; ajv 8 wants `$id` (same meaning).
  if (typeof schema.id === 'string' && schema.$id === undefined) {
    schema.$id = schema.id;
    delete schema.id;
  }
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(draft6);
  validate = ajv.compile(schema);
  return validate;
}

/** Errors as short strings, [] when valid. */
export function fhirErrors(json: unknown): string[] {
  const v = fhirValidator();
  if (v(json)) return [];
  return (v.errors ?? []).slice(0, 20).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
