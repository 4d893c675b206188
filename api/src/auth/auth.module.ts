import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { MailService } from '../mail/mail.service.js';
import { postgresPool } from '../database/postgres-pool.js';
import { SecurityActivityRecorder } from '../security-activity/security-activity.recorder.js';
import { PersonalTokenStoreModule } from '../personal-tokens/personal-token-store.module.js';
import { BETTER_AUTH } from './auth.constants.js';
import { BetterAuthController } from './better-auth.controller.js';
import { createBetterAuth } from './better-auth.factory.js';
import { OAuthGrantRevocationService } from './oauth/oauth-grant-revocation.service.js';
import { OAuthMetadataController } from './oauth/oauth-metadata.controller.js';
import { JwksKeyStore } from './jwt/jwks-key-store.js';
import { JwtAuthGuard } from './jwt/jwt-auth.guard.js';
import { JwtStrategy } from './jwt/jwt.strategy.js';
import { AuthRateLimitGuard } from './rate-limit/auth-rate-limit.guard.js';
import { SessionAuthenticator } from './sessions/session-authenticator.js';
import { SessionRevocationService } from './sessions/session-revocation.service.js';

@Module({
  imports: [PassportModule, PersonalTokenStoreModule],
  controllers: [BetterAuthController, OAuthMetadataController],
  providers: [
    {
      provide: BETTER_AUTH,
      inject: [AppConfig, getDataSourceToken(), MailService, JobQueue, SecurityActivityRecorder],
      useFactory: (
        config: AppConfig,
        dataSource: DataSource,
        mail: MailService,
        jobs: JobQueue,
        activity: SecurityActivityRecorder,
      ) => createBetterAuth(config, postgresPool(dataSource), mail, jobs, activity),
    },
    JwksKeyStore,
    SessionRevocationService,
    OAuthGrantRevocationService,
    SessionAuthenticator,
    JwtStrategy,
    AuthRateLimitGuard,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [BETTER_AUTH],
})
export class AuthModule {}
