import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest as Request } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config.service.js';
import type { AuthenticatedUser } from '../current-user.decorator.js';
import { SESSION_SCOPES } from '../scopes/scopes.js';
import { SessionRevocationService } from '../sessions/session-revocation.service.js';
import { JwksKeyStore } from './jwks-key-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Far above any real token (~600 bytes); refusing early keeps 1 MB tokens away from the parser. */
export const MAX_TOKEN_LENGTH = 4096;

interface TaskvaultClaims {
  sub?: unknown;
  sid?: unknown;
  email?: unknown;
  exp?: unknown;
}

/**
 * Verifies Better Auth's JWTs: ES256 only, signed by a key of Better Auth's JWKS (looked up by
 * `kid` in memory), the configured issuer and audience, an `exp` that has not passed, and a
 * session that has not ended. Header fields such as `jwk`, `jku` or `x5u` are never used.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    keys: JwksKeyStore,
    private readonly revocations: SessionRevocationService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: ['ES256'],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { maxAge: `${config.jwtTtlSeconds + 60}s` },
      secretOrKeyProvider: (
        _request: Request,
        rawJwt: string,
        done: (error: unknown, key?: string | Buffer) => void,
      ) => {
        const kid = rawJwt.length <= MAX_TOKEN_LENGTH ? headerKid(rawJwt) : undefined;
        if (!kid) return done(null, undefined);
        keys.publicKeyFor(kid).then(
          // jsonwebtoken takes a KeyObject too, though passport-jwt's types say string | Buffer.
          (key) => done(null, key as unknown as Buffer | undefined),
          (error: unknown) => done(error),
        );
      },
    });
  }

  async validate(claims: TaskvaultClaims): Promise<AuthenticatedUser | false> {
    const { sub, sid, email, exp } = claims;
    if (typeof exp !== 'number' || typeof email !== 'string') return false;
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid)) return false;
    if (await this.revocations.isRevoked(sid)) return false;
    // A JWT minted for a signed-in session may do whatever its user may.
    return { id: sub, email, sessionId: sid, credential: 'session-jwt', scopes: SESSION_SCOPES };
  }
}

function headerKid(rawJwt: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(rawJwt.split('.')[0], 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof header.kid === 'string' && header.kid.length <= 128 ? header.kid : undefined;
  } catch {
    return undefined;
  }
}
