import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonalTokenEntity } from './personal-token.entity.js';
import { PersonalTokenVerifier } from './personal-token-verifier.js';
import { PersonalTokensRepository } from './personal-tokens.repository.js';

/**
 * Storage and verification of personal access tokens: what the global guard needs (AuthModule
 * imports it) and what the /api/tokens routes build on, without either depending on the other.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PersonalTokenEntity])],
  providers: [PersonalTokensRepository, PersonalTokenVerifier],
  exports: [PersonalTokensRepository, PersonalTokenVerifier],
})
export class PersonalTokenStoreModule {}
