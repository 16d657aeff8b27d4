// The operations of an OpenAPI 3 document as the fuzz needs them (parameters, JSON body, the
// documented responses), and a check of an answer against what its operation documents.
import AjvCompiler from '@fastify/ajv-compiler';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minProperties?: number;
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
};

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface DocumentedResponse {
  /** Content types the response documents; empty for a response without a body. */
  contentTypes: string[];
  json?: JsonSchema;
}

export interface Operation {
  method: string;
  /** The documented path, e.g. `/api/webinars/{id}/`. */
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  responses: Map<number, DocumentedResponse>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}
interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const responses = new Map<number, DocumentedResponse>();
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = response.content ?? {};
        responses.set(Number(status), {
          contentTypes: Object.keys(content),
          ...(content['application/json']?.schema ? { json: content['application/json'].schema } : {}),
        });
      }
      const body = operation.requestBody?.content['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((p) => ({
          in: p.in as Parameter['in'],
          name: p.name,
          required: p.required ?? false,
          schema: p.schema,
        })),
        ...(body ? { body } : {}),
        responses,
      });
    }
  }
  return operations;
}

// Fastify's own Ajv setup, minus what would hide a problem: no defaults filled in, no unknown
// fields dropped, every error reported.
const compilerOptions = { removeAdditional: false, useDefaults: false, allErrors: true, strict: false };
const strictCompiler = AjvCompiler()({}, { customOptions: { ...compilerOptions, coerceTypes: false } });
const coercingCompiler = AjvCompiler()({}, { customOptions: { ...compilerOptions, coerceTypes: 'array' } });

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
const strictValidators = new WeakMap<JsonSchema, Validate>();
const coercingValidators = new WeakMap<JsonSchema, Validate>();

function validator(schema: JsonSchema, coerce: boolean): Validate {
  const cache = coerce ? coercingValidators : strictValidators;
  let validate = cache.get(schema);
  if (!validate) {
    const compile = coerce ? coercingCompiler : strictCompiler;
    validate = compile({
      schema,
      method: 'GET',
      url: '/',
      httpPart: coerce ? 'querystring' : 'body',
    }) as Validate;
    cache.set(schema, validate);
  }
  return validate;
}

/** Whether a JSON value fits a schema, as a JSON body is judged (no type coercion). */
export function fitsBody(schema: JsonSchema, value: unknown): { ok: boolean; errors?: unknown } {
  const validate = validator(schema, false);
  const ok = validate(value);
  return ok ? { ok } : { ok, errors: validate.errors };
}

/**
 * Whether the path, query or header values (text, or lists of text for a repeated query
 * parameter) fit the operation's parameters, coerced as Fastify coerces them.
 */
const parameterSchemas = new WeakMap<Parameter[], Map<Parameter['in'], JsonSchema>>();

export function fitsParameters(
  parameters: Parameter[],
  where: Parameter['in'],
  values: Record<string, unknown>,
): boolean {
  let byPlace = parameterSchemas.get(parameters);
  if (!byPlace) {
    byPlace = new Map();
    parameterSchemas.set(parameters, byPlace);
  }
  let schema = byPlace.get(where);
  if (!schema) {
    const own = parameters.filter((p) => p.in === where);
    schema = {
      type: 'object',
      properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
      required: own.filter((p) => p.required).map((p) => p.name),
    };
    byPlace.set(where, schema);
  }
  return validator(schema, true)(structuredClone(values));
}

/** What is wrong with an answer, given what its operation documents; empty when nothing is. */
export function checkResponse(
  operation: Operation,
  status: number,
  contentType: string | undefined,
  body: string,
): string[] {
  const documented = operation.responses.get(status);
  if (!documented) return [`undocumented status ${status}`];
  if (documented.contentTypes.length === 0) {
    return body === '' ? [] : [`status ${status} documents no body but has one`];
  }
  if (!documented.json) return [];
  if (!contentType?.startsWith('application/json')) return [`status ${status} is not JSON (${contentType})`];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [`status ${status} body is not valid JSON`];
  }
  const verdict = fitsBody(documented.json, parsed);
  return verdict.ok ? [] : [`body does not match the ${status} schema: ${JSON.stringify(verdict.errors)}`];
}
