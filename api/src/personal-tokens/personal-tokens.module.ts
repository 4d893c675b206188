import { Module } from '@nestjs/common';
import { PersonalTokenStoreModule } from './personal-token-store.module.js';
import { PersonalTokensController } from './personal-tokens.controller.js';
import { PersonalTokensService } from './personal-tokens.service.js';

/**
 * Personal access tokens are ours, not Better Auth's `@better-auth/api-key` plugin: its newest
 * release (1.7.5) pins `@better-auth/utils` 0.4.2 and `better-call` 1.4.0 exactly, while
 * better-auth 1.7.25 needs 0.5.1 and 1.4.5 (npm refuses the install: ERESOLVE), and its
 * `verifyApiKey` reads the key from storage and writes its row (`updatedAt`, rate-limit counters)
 * on every verification — the per-request round trip and write this design avoids. What we do take
 * from Better Auth: the secret generator (`generateRandomString`), sessions (`getSession`) and its
 * trusted-origin matching.
 */
@Module({
  imports: [PersonalTokenStoreModule],
  controllers: [PersonalTokensController],
  providers: [PersonalTokensService],
})
export class PersonalTokensModule {}
