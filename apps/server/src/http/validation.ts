// Request validation: the Ajv compilers Fastify uses by default, with one change. Query strings,
// path params and headers arrive as text, so they are coerced ("20" → 20, "true" → true); a JSON
// body already has types, so `"false"`, `0`, `null` or `[false]` where a boolean belongs is a 400,
// not a silent `false`.
import AjvCompiler from '@fastify/ajv-compiler';

type CompilerFromPool = AjvCompiler.BuildCompilerFromPool;

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
    return ((route: { httpPart?: string }) =>
      (route.httpPart === 'body' ? strict : coercing)(route)) as ReturnType<CompilerFromPool>;
  };
}
