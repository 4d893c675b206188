import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service.js';
import { postgresPool } from '../database/postgres-pool.js';
import { JsonBodyMiddleware } from '../common/http/json-body.middleware.js';
import { BETTER_AUTH } from './auth.constants.js';
import { createBetterAuth } from './better-auth.factory.js';
import { BetterAuthMiddleware } from './better-auth.middleware.js';
import { JwksKeyStore } from './jwt/jwks-key-store.js';
import { NonBrowserClientsMiddleware } from './non-browser-clients.middleware.js';
import { JwtAuthGuard } from './jwt/jwt-auth.guard.js';
import { JwtStrategy } from './jwt/jwt.strategy.js';
import { AuthRateLimitMiddleware } from './rate-limit/auth-rate-limit.middleware.js';
import { SessionRevocationService } from './sessions/session-revocation.service.js';

@Module({
  imports: [PassportModule],
  providers: [
    {
      provide: BETTER_AUTH,
      inject: [AppConfig, getDataSourceToken()],
      useFactory: (config: AppConfig, dataSource: DataSource) => createBetterAuth(config, postgresPool(dataSource)),
    },
    JwksKeyStore,
    SessionRevocationService,
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [BETTER_AUTH],
})
export class AuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(JsonBodyMiddleware, AuthRateLimitMiddleware, NonBrowserClientsMiddleware, BetterAuthMiddleware)
      .forRoutes({ path: 'auth/*splat', method: RequestMethod.ALL });
  }
}
