import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access/public.decorator.js';
import { AppConfig } from '../../config/app-config.service.js';
import { BETTER_AUTH } from '../auth.constants.js';
import { AUTH_BASE_PATH, type BetterAuth } from '../better-auth.factory.js';
import { OAUTH_SCOPES, oauthResource } from './oauth-provider.config.js';
import { AUTHORIZATION_SERVER_METADATA_SCHEMA, PROTECTED_RESOURCE_METADATA_SCHEMA } from './oauth-schemas.js';

/** RFC 9728 §3.1: where a client finds the metadata of the resource at the origin's root (named by MCP's 401). */
export const PROTECTED_RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

/**
 * The discovery documents on the API's origin, where RFC 8414 and RFC 9728 clients look for them
 * (Better Auth's own copy is server-only). Served outside the /api prefix.
 */
@ApiTags('oauth')
@Public()
@Controller('.well-known')
export class OAuthMetadataController {
  constructor(
    @Inject(BETTER_AUTH) private readonly auth: BetterAuth,
    private readonly config: AppConfig,
  ) {}

  @Get('oauth-authorization-server')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'OAuth 2.1 authorization server metadata (RFC 8414)',
    description:
      'Every endpoint a client needs, and only what is offered: authorization code with PKCE (S256), refresh ' +
      'tokens, the device authorization grant; no implicit, password or client-credentials grant.',
  })
  @ApiOkResponse({ description: 'The metadata.', schema: AUTHORIZATION_SERVER_METADATA_SCHEMA })
  async getAuthorizationServerMetadata(): Promise<Record<string, unknown>> {
    const metadata = await this.auth.api.getOAuthServerConfig();
    const base = `${this.config.publicUrl}${AUTH_BASE_PATH}`;
    const clientAuth = ['none', 'client_secret_basic', 'client_secret_post'];
    // Better Auth's document, less what Taskvault does not offer (introspection, private-key JWT
    // client authentication, DPoP, back-channel logout), plus the device grant's endpoint.
    return {
      issuer: metadata.issuer,
      authorization_endpoint: metadata.authorization_endpoint,
      token_endpoint: metadata.token_endpoint,
      jwks_uri: metadata.jwks_uri,
      revocation_endpoint: metadata.revocation_endpoint,
      token_endpoint_auth_methods_supported: clientAuth,
      revocation_endpoint_auth_methods_supported: clientAuth,
      grant_types_supported: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      device_authorization_endpoint: `${base}/device/code`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      scopes_supported: [...OAUTH_SCOPES],
    };
  }

  @Get('oauth-protected-resource')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'OAuth protected resource metadata (RFC 9728)',
    description:
      'The API as an OAuth protected resource: its authorization server, scopes and bearer method. Named by the ' +
      '`resource_metadata` parameter of the MCP endpoint’s 401 and 403 challenges.',
  })
  @ApiOkResponse({ description: 'The metadata.', schema: PROTECTED_RESOURCE_METADATA_SCHEMA })
  getProtectedResourceMetadata(): Record<string, unknown> {
    return {
      resource: oauthResource(this.config),
      authorization_servers: [this.config.jwtIssuer],
      jwks_uri: `${this.config.publicUrl}${AUTH_BASE_PATH}/jwks`,
      scopes_supported: [...OAUTH_SCOPES],
      bearer_methods_supported: ['header'],
      resource_signing_alg_values_supported: ['ES256'],
      resource_name: 'Taskvault API',
    };
  }
}
