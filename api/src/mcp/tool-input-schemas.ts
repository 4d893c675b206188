import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;
const REF_PREFIX = '#/components/schemas/';

/**
 * A tool's inputSchema, taken from the OpenAPI document's schema of its arguments DTO — the one
 * @nestjs/swagger writes from the same decorators class-validator enforces — so the limits are
 * written once. OpenAPI 3.0 is turned into plain JSON Schema: references inlined, `nullable`
 * folded into `type`, `example` dropped.
 */
export function toolInputSchema(document: OpenAPIObject, model: string): Schema & { type: 'object' } {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  if (!schemas[model]) throw new Error(`The OpenAPI document has no schema ${model}`);
  return toJsonSchema({ $ref: `${REF_PREFIX}${model}` }, schemas, []) as Schema & { type: 'object' };
}

function toJsonSchema(value: unknown, schemas: Record<string, Schema>, seen: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => toJsonSchema(item, schemas, seen));
  if (value === null || typeof value !== 'object') return value;
  const schema = value as Schema;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.slice(REF_PREFIX.length);
    if (!schema.$ref.startsWith(REF_PREFIX) || !schemas[name] || seen.includes(name))
      throw new Error(`Cannot inline ${schema.$ref}`);
    return toJsonSchema(schemas[name], schemas, [...seen, name]);
  }
  const out: Schema = {};
  for (const [key, child] of Object.entries(schema)) {
    if (key === 'example' || key === 'nullable') continue;
    out[key] = key === 'properties' ? mapValues(child as Schema, schemas, seen) : toJsonSchema(child, schemas, seen);
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

function mapValues(properties: Schema, schemas: Record<string, Schema>, seen: string[]): Schema {
  return Object.fromEntries(
    Object.entries(properties).map(([name, child]) => [name, toJsonSchema(child, schemas, seen)]),
  );
}
