/**
 * ajv instances over the shared schemas and the one way an ajv error becomes a 400 that names the field.
 * Bodies are validated strictly (no coercion, unknown fields refused); query strings and path params are
 * text, so numbers there are coerced and a single `fq` becomes an array.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { badRequest, type HttpError } from './errors.js';
import { SHARED_SCHEMAS } from './schemas.js';

export function makeAjv(forText: boolean): Ajv {
  const ajv = new Ajv({
    strict: true,
    allErrors: false,
    allowUnionTypes: true,
    removeAdditional: false,
    coerceTypes: forText ? 'array' : false,
    useDefaults: forText,
  });
  ajv.addFormat('date-time', true);
  for (const s of SHARED_SCHEMAS) ajv.addSchema(s);
  return ajv;
}

/** `field` (dotted, `[i]` for array items) and a message naming it. `part`: body, querystring, params. */
export function describeAjvError(e: ErrorObject | undefined, part: string, prefix = ''): HttpError {
  if (!e) return badRequest(undefined, `the ${part} is invalid`);
  const segments = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') segments.push(String(params.missingProperty));
  if (e.keyword === 'additionalProperties') segments.push(String(params.additionalProperty));
  const field = segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), prefix);
  const name = field || part;
  let message: string;
  switch (e.keyword) {
    case 'required':
      message = `${name} is required`;
      break;
    case 'additionalProperties':
      message = `${name} is not a known field`;
      break;
    case 'enum':
      message = `${name} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
      break;
    case 'const':
      message = `${name} must be ${JSON.stringify(params.allowedValue)}`;
      break;
    default:
      message = `${name} ${e.message ?? 'is invalid'}`;
  }
  return badRequest(
    field || (part === 'body' ? undefined : part),
    part === 'body' || part === 'document' || !field ? message : `${message} (${part})`,
  );
}

const documentAjv = makeAjv(false);
const compiled = new Map<string, ValidateFunction>();

/** Checks a whole document (e.g. settings after a patch) against a shared schema; 400 naming the field. */
export function checkDocument(schemaId: string, value: unknown): void {
  let validate = compiled.get(schemaId);
  if (!validate) {
    validate = documentAjv.getSchema(schemaId);
    if (!validate) throw new Error(`no schema ${schemaId}`);
    compiled.set(schemaId, validate);
  }
  if (!validate(value)) throw describeAjvError(validate.errors?.[0], 'document');
}
