// Request validation: the Ajv compilers Fastify uses by default, with two changes. Query strings,
// path params and headers arrive as text, so they are coerced ("20" → 20, "true" → true); a JSON
// body already has types, so `"false"`, `0`, `null` or `[false]` where a boolean belongs is a 400,
// not a silent `false`. And the text of a coerced integer must be plain decimal digits: Ajv turns
// "1e999" and "Infinity" into Infinity (which then skips `maximum`, so the database got it),
// "0x10" into 16 and " 1" into 1.
import AjvCompiler from '@fastify/ajv-compiler';
import { textIssue } from './text.ts';

type CompilerFromPool = AjvCompiler.BuildCompilerFromPool;

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

type Validate = ((data: unknown, context?: unknown) => boolean) & {
  errors?: unknown;
  schemaEnv?: unknown;
};

interface RouteSchema {
  schema?: { properties?: Record<string, { type?: string | string[] }> };
  httpPart?: string;
}

/** An optional minus sign and at most 20 digits, no leading zero: `maximum` judges the rest. */
const INTEGER_TEXT = /^-?(?:0|[1-9][0-9]{0,19})$/;

const isInteger = (type: string | string[] | undefined) =>
  type === 'integer' || (Array.isArray(type) && type.includes('integer'));

function issue(field: string, keyword: string, message: string): ValidationIssue {
  return { instancePath: `/${field}`, keyword, message, params: {} };
}

/** The first text of a query string or path that no schema keyword can refuse as it should. */
function rawTextIssue(
  data: unknown,
  integers: ReadonlySet<string>,
  checkText: boolean,
): ValidationIssue | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  for (const [field, value] of Object.entries(data)) {
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text !== 'string') continue;
      const bad = checkText ? textIssue(text) : undefined;
      if (bad) return issue(field, 'text', bad);
      if (integers.has(field) && !INTEGER_TEXT.test(text)) return issue(field, 'type', 'must be an integer');
    }
  }
  return undefined;
}

/** Runs the text checks on the raw strings first, then Ajv (which coerces them). */
function checkingText(validate: Validate, schema: RouteSchema['schema'], httpPart: string): Validate {
  const integers = new Set(
    Object.entries(schema?.properties ?? {})
      .filter(([, property]) => isInteger(property.type))
      .map(([name]) => name),
  );
  // Headers are Latin-1 and can hold no NUL (Node refuses it), so only their integers need a look.
  const checkText = httpPart !== 'headers';
  if (integers.size === 0 && !checkText) return validate;
  const checked: Validate = (data, context) => {
    const bad = rawTextIssue(data, integers, checkText);
    if (bad) {
      checked.errors = [bad];
      return false;
    }
    const valid = validate(data, context);
    checked.errors = validate.errors;
    return valid;
  };
  checked.schemaEnv = validate.schemaEnv;
  return checked;
}

export function buildValidator(): CompilerFromPool {
  const fromPool = AjvCompiler();
  return (externalSchemas, options = {}) => {
    const coercing = fromPool(externalSchemas, options);
    const strict = fromPool(externalSchemas, {
      ...options,
      mode: undefined, // plain Ajv (not JTD), where coerceTypes exists
      customOptions: { ...options.customOptions, coerceTypes: false },
    });
    // Fastify calls the compiler with the route's schema definition (ajv-compiler's types say
    // "a schema"); its `httpPart` says which part of the request the schema is for.
    return ((route: RouteSchema) => {
      if (route.httpPart === 'body') return strict(route as never);
      const validate = coercing(route as never) as unknown as Validate;
      return checkingText(validate, route.schema, route.httpPart ?? '');
    }) as unknown as ReturnType<CompilerFromPool>;
  };
}
