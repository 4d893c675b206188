import { type ArgumentsHost, Catch, Injectable } from '@nestjs/common';
import { BearerChallengeException } from '../auth/jwt/bearer-challenge.exception.js';
import { InsufficientScopeException } from '../auth/scopes/insufficient-scope.exception.js';
import { ProblemDetailsFilter } from '../common/problem-details/problem-details.filter.js';
import { AppConfig } from '../config/app-config.service.js';
import { PROTECTED_RESOURCE_METADATA_PATH } from '../auth/oauth/oauth-metadata.controller.js';

/**
 * The MCP authorization spec: a 401 from the MCP endpoint names the protected-resource metadata
 * (RFC 9728 §5.1), from which a client finds the authorization server and signs the user in; a
 * 403 `insufficient_scope` names it too, so the client can ask the user for the missing scope.
 */
@Catch()
@Injectable()
export class McpChallengeFilter extends ProblemDetailsFilter {
  private readonly resourceMetadata: string;

  constructor(config: AppConfig) {
    super();
    this.resourceMetadata = new URL(PROTECTED_RESOURCE_METADATA_PATH, config.publicUrl).href;
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof BearerChallengeException || exception instanceof InsufficientScopeException) {
      const challenge = exception.headers['WWW-Authenticate'];
      if (!challenge.includes('resource_metadata='))
        exception.headers['WWW-Authenticate'] = `${challenge}, resource_metadata="${this.resourceMetadata}"`;
    }
    super.catch(exception, host);
  }
}
