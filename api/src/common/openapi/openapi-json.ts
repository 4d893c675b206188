import type { OpenAPIObject } from '@nestjs/swagger';

/** The committed form of the document: stable, pretty, one trailing newline. */
export function openApiJson(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
