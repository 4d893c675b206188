import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config.service.js';
import type { EnvironmentVariables } from './environment.js';

/**
 * The environment is validated once, before the app is created (see bootstrap/), because the
 * database must be resolved first; this module hands the validated values to @nestjs/config.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(environment: EnvironmentVariables): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          skipProcessEnv: true,
          validate: () => ({ ...environment }),
        }),
      ],
      providers: [AppConfig],
      exports: [AppConfig],
    };
  }
}
