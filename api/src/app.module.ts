import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module.js';
import type { EnvironmentVariables } from './config/environment.js';
import { LoggingModule } from './common/logging/logging.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { SecurityActivityRecorderModule } from './security-activity/security-activity-recorder.module.js';
import { SecurityActivityModule } from './security-activity/security-activity.module.js';
import { AuthModule } from './auth/auth.module.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import { UsersModule } from './users/users.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MailModule } from './mail/mail.module.js';
import { ThrottlingModule } from './common/throttling/throttling.module.js';
import { PersonalTokensModule } from './personal-tokens/personal-tokens.module.js';
import { McpModule } from './mcp/mcp.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { WebhooksModule, type WebhooksModuleOptions } from './webhooks/webhooks.module.js';

@Module({})
export class AppModule {
  /** `webhooks`: a test's network and clock for the webhook worker (the real ones otherwise). */
  static forRoot(environment: EnvironmentVariables, options: { webhooks?: WebhooksModuleOptions } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(environment),
        LoggingModule,
        DatabaseModule,
        RateLimitModule,
        JobsModule,
        MailModule,
        SecurityActivityRecorderModule,
        AuthModule,
        ThrottlingModule,
        HealthModule,
        UsersModule,
        TasksModule,
        PersonalTokensModule,
        SecurityActivityModule,
        McpModule,
        RemindersModule,
        WebhooksModule.register(options.webhooks),
      ],
    };
  }
}
