import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { toolInputSchema } from './tool-input-schemas.js';

const documentWith = (schemas: Record<string, unknown>) =>
  ({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas } }) as OpenAPIObject;

describe('toolInputSchema', () => {
  it('inlines references, folds nullable into type and drops OpenAPI-only keywords', () => {
    const document = documentWith({
      Priority: { type: 'string', enum: ['low', 'high'] },
      Args: {
        type: 'object',
        additionalProperties: false,
        required: ['title'],
        properties: {
          title: { type: 'string', maxLength: 200, example: 'x' },
          dueAt: { type: 'string', format: 'date-time', nullable: true },
          priority: { allOf: [{ $ref: '#/components/schemas/Priority' }] },
        },
      },
    });
    expect(toolInputSchema(document, 'Args')).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['title'],
      properties: {
        title: { type: 'string', maxLength: 200 },
        dueAt: { type: ['string', 'null'], format: 'date-time' },
        priority: { allOf: [{ type: 'string', enum: ['low', 'high'] }] },
      },
    });
  });

  it('refuses a missing schema, an outside reference or a cycle rather than advertise a wrong schema', () => {
    expect(() => toolInputSchema(documentWith({}), 'Args')).toThrow(/no schema Args/);
    const outside = documentWith({ Args: { type: 'object', properties: { a: { $ref: 'https://x/y' } } } });
    expect(() => toolInputSchema(outside, 'Args')).toThrow(/Cannot inline/);
    const cycle = documentWith({ Args: { type: 'object', properties: { a: { $ref: '#/components/schemas/Args' } } } });
    expect(() => toolInputSchema(cycle, 'Args')).toThrow(/Cannot inline/);
  });
});
