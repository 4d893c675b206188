import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest as Request } from 'fastify';
import passport from 'passport';
import { LRUCache } from 'lru-cache';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config.service.js';
import type { AuthenticatedUser } from '../current-user.decorator.js';
import { OAuthGrantRevocationService } from '../oauth/oauth-grant-revocation.service.js';
import { ISSUED_AT_MS_CLAIM, oauthResource } from '../oauth/oauth-provider.config.js';
import { normaliseScopes, SESSION_SCOPES } from '../scopes/scopes.js';
import { SessionRevocationService } from '../sessions/session-revocation.service.js';
import { JwksKeyStore } from './jwks-key-store.js';
import { rememberVerifiedTokens } from './verified-token-cache.js';

rememberVerifiedTokens();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Far above any real token (~600 bytes); refusing early keeps 1 MB tokens away from the parser. */
export const MAX_TOKEN_LENGTH = 4096;

interface TaskvaultClaims {
  sub?: unknown;
  sid?: unknown;
  email?: unknown;
  exp?: unknown;
  iat?: unknown;
  aud?: unknown;
  /** OAuth access tokens (RFC 9068) only. */
  client_id?: unknown;
  scope?: unknown;
  [ISSUED_AT_MS_CLAIM]?: unknown;
}

/**
 * Each strategy's own passport registry. @nestjs/passport registers strategies on passport's
 * process-wide one by name, so a second app in the same process (the multi-instance tests) would
 * replace the first one's 'jwt' strategy, with its revocation sets and keys, for both apps.
 */
type Registry = InstanceType<typeof passport.Authenticator>;
const registries = new WeakMap<object, Registry>();

/** RFC 9068 §2.1: OAuth access tokens say so in their header; session JWTs do not. */
const ACCESS_TOKEN_TYPE = 'at+jwt';
const CLIENT_ID = /^[\w-]{1,255}$/;
const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Verifies Better Auth's JWTs: ES256 only, signed by a key of Better Auth's JWKS (looked up by
 * `kid` in memory), the configured issuer, an `exp` that has not passed. Header fields such as
 * `jwk`, `jku` or `x5u` are never used. Two kinds share this one path, told apart by audience
 * and header type, and neither passes for the other:
 * - session JWTs (`aud` JWT_AUDIENCE, no `typ: at+jwt`): a session that has not ended, every scope;
 * - OAuth access tokens (`aud` the API's resource URL, `typ: at+jwt`, `client_id`, `scope`): a
 *   grant that has not been revoked, only the scopes the user granted the app.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly config: AppConfig,
    keys: JwksKeyStore,
    private readonly revocations: SessionRevocationService,
    private readonly grants: OAuthGrantRevocationService,
  ) {
    super({
      jwtFromRequest: bearerToken,
      passReqToCallback: true,
      algorithms: ['ES256'],
      issuer: config.jwtIssuer,
      audience: [config.jwtAudience, oauthResource(config)],
      ignoreExpiration: false,
      // In seconds (a number, so verified-token-cache.ts can replay the age check exactly).
      jsonWebTokenOptions: { maxAge: config.jwtTtlSeconds + 60 },
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

  // Called by PassportStrategy's constructor, before this class's fields exist: hence the WeakMap.
  getPassportInstance(): Registry {
    let registry = registries.get(this);
    if (!registry) registries.set(this, (registry = new passport.Authenticator()));
    return registry;
  }

  /** The request's JWT checked by this strategy (through its own registry): the user, or false. */
  verifyRequest(request: Request, reply: unknown): Promise<AuthenticatedUser | false> {
    return new Promise((resolve, reject) =>
      this.getPassportInstance().authenticate(
        'jwt',
        { session: false },
        (error: unknown, user: AuthenticatedUser | false | undefined) =>
          error ? reject(error) : resolve(user ?? false),
      )(request, reply, reject),
    );
  }

  async validate(request: Request, claims: TaskvaultClaims): Promise<AuthenticatedUser | false> {
    const isAccessToken = headerOf(bearerToken(request) ?? '')?.typ === ACCESS_TOKEN_TYPE;
    if (isAccessToken !== (claims.aud === oauthResource(this.config))) return false;
    return isAccessToken ? this.validateAccessToken(claims) : this.validateSessionJwt(claims);
  }

  /** An RFC 9068 access token Better Auth's OAuth provider issued to a third-party app. */
  private async validateAccessToken(claims: TaskvaultClaims): Promise<AuthenticatedUser | false> {
    const { sub, email, iat, client_id: clientId, scope } = claims;
    if (typeof iat !== 'number' || typeof email !== 'string' || typeof scope !== 'string') return false;
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof clientId !== 'string' || !CLIENT_ID.test(clientId))
      return false;
    const issuedAtMs = claims[ISSUED_AT_MS_CLAIM];
    // Without the precise time, the latest instant of its second (fail closed).
    const issuedAt =
      typeof issuedAtMs === 'number' && Math.floor(issuedAtMs / 1000) === iat ? issuedAtMs : iat * 1000 + 999;
    if (await this.grants.isRevoked(sub, clientId, issuedAt)) return false;
    return { id: sub, email, credential: 'oauth', clientId, scopes: normaliseScopes(scope.split(' ')) };
  }

  private async validateSessionJwt(claims: TaskvaultClaims): Promise<AuthenticatedUser | false> {
    const { sub, sid, email, exp } = claims;
    if (claims.client_id !== undefined || claims.scope !== undefined) return false;
    if (typeof exp !== 'number' || typeof email !== 'string') return false;
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid)) return false;
    if (await this.revocations.isRevoked(sid)) return false;
    // A JWT minted for a signed-in session may do whatever its user may.
    return { id: sub, email, sessionId: sid, credential: 'session-jwt', scopes: SESSION_SCOPES };
  }
}

function headerKid(rawJwt: string): string | undefined {
  const kid = headerOf(rawJwt)?.kid;
  return typeof kid === 'string' && kid.length <= 128 ? kid : undefined;
}

interface JoseHeader {
  readonly kid?: unknown;
  readonly typ?: unknown;
}

/**
 * Decoded JOSE headers by their encoded text. Every token of one key and kind has the same
 * header, so a process meets a handful and each request (which reads `kid` and `typ`) decodes
 * none; bounded, since any caller may send new ones. Only the fields read here are kept, frozen.
 */
const decodedHeaders = new LRUCache<string, JoseHeader>({ max: 64 });

function headerOf(rawJwt: string): JoseHeader | undefined {
  const dot = rawJwt.indexOf('.');
  const encoded = dot === -1 ? rawJwt : rawJwt.slice(0, dot);
  const known = decodedHeaders.get(encoded);
  if (known) return known;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof header !== 'object' || header === null) return undefined;
  const { kid, typ } = header as JoseHeader;
  const decoded = Object.freeze({ kid, typ });
  decodedHeaders.set(encoded, decoded);
  return decoded;
}
