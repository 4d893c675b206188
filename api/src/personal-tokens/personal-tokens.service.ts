import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { type ActivityOrigin, SecurityActivityRecorder } from '../security-activity/security-activity.recorder.js';
import { normaliseScopes } from '../auth/scopes/scopes.js';
import { type CreatePersonalTokenDto, TOKEN_LIMITS } from './dto/create-personal-token.dto.js';
import {
  type CreatedPersonalTokenDto,
  type PersonalTokenListDto,
  toPersonalTokenResponse,
} from './dto/personal-token-response.dto.js';
import { generateSecret } from './personal-token-secret.js';
import { PersonalTokenVerifier } from './personal-token-verifier.js';
import { PersonalTokensRepository } from './personal-tokens.repository.js';

const DAY_MS = 86_400_000;
const LISTED_MAX = 100;

/** Creating, listing and revoking a user's personal access tokens. */
@Injectable()
export class PersonalTokensService {
  constructor(
    private readonly tokens: PersonalTokensRepository,
    private readonly verifier: PersonalTokenVerifier,
    private readonly activity: SecurityActivityRecorder,
  ) {}

  async create(userId: string, body: CreatePersonalTokenDto, origin: ActivityOrigin): Promise<CreatedPersonalTokenDto> {
    const secret = generateSecret();
    const days = body.expiresInDays ?? TOKEN_LIMITS.expiresInDaysDefault;
    const created = await this.tokens.createForUser(
      userId,
      {
        name: body.name,
        scopes: normaliseScopes(body.scopes),
        secretHash: secret.hash,
        prefix: secret.prefix,
        expiresAt: new Date(Date.now() + days * DAY_MS),
      },
      TOKEN_LIMITS.liveTokensMax,
    );
    if (created === 'limit') {
      throw new ConflictException(
        `You already have ${TOKEN_LIMITS.liveTokensMax} active personal access tokens; revoke one before creating another.`,
      );
    }
    this.activity.record(userId, 'personal_token_created', origin, { tokenName: created.name });
    return { ...toPersonalTokenResponse(created), token: secret.token };
  }

  async list(userId: string): Promise<PersonalTokenListDto> {
    const rows = await this.tokens.listForUser(userId, LISTED_MAX);
    return { items: rows.map(toPersonalTokenResponse) };
  }

  /**
   * Deletes the token: this instance refuses it from the next request on, the others as soon as
   * the trigger's NOTIFY reaches them (see PersonalTokenVerifier).
   */
  async revoke(userId: string, id: string, origin: ActivityOrigin): Promise<void> {
    const name = await this.tokens.deleteForUser(id, userId);
    if (name === undefined) throw new NotFoundException('No such token.');
    this.verifier.revoked(id);
    this.activity.record(userId, 'personal_token_revoked', origin, { tokenName: name });
  }
}
