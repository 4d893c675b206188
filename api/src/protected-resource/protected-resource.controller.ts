import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SCOPES } from '../auth/scopes/scopes.js';
import { Public } from '../common/access/public.decorator.js';
import { AppConfig } from '../config/app-config.service.js';

export const PROTECTED_RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

export class ProtectedResourceMetadataDto {
  @ApiProperty({ format: 'uri', maxLength: 2048, description: 'The API’s identifier: its public origin.' })
  resource: string;

  @ApiProperty({ type: [String], maxItems: 4, items: { type: 'string', format: 'uri', maxLength: 2048 } })
  authorization_servers: string[];

  @ApiProperty({ type: [String], maxItems: 32, items: { type: 'string', maxLength: 64 } })
  scopes_supported: string[];

  @ApiProperty({ type: [String], maxItems: 1, items: { type: 'string', enum: ['header'] } })
  bearer_methods_supported: string[];
}

/**
 * RFC 9728 protected-resource metadata, at the origin's root where MCP and OAuth clients look.
 * Minimal on purpose: the OAuth work (issue 12, part A) owns the full document.
 */
@ApiTags('oauth')
@Controller()
export class ProtectedResourceController {
  constructor(private readonly config: AppConfig) {}

  @Get(PROTECTED_RESOURCE_METADATA_PATH.slice(1))
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The API’s protected-resource metadata (RFC 9728)',
    description:
      'Named by the `resource_metadata` parameter of the 401 challenge: the resource identifier, the ' +
      'authorization server that issues its tokens, the scopes and how to present a token.',
  })
  @ApiOkResponse({ type: ProtectedResourceMetadataDto })
  getProtectedResourceMetadata(): ProtectedResourceMetadataDto {
    return {
      resource: this.config.publicUrl,
      authorization_servers: [this.config.publicUrl],
      scopes_supported: [...SCOPES],
      bearer_methods_supported: ['header'],
    };
  }
}
