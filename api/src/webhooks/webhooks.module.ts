import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { WEBHOOK_CLOCK, type WebhookClock, webhookClock } from './webhook-clock.js';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';
import { systemNetwork, WEBHOOK_NETWORK, type WebhookNetwork } from './webhook-network.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/** What a test may put in place of the real network and clock. */
export interface WebhooksModuleOptions {
  network?: WebhookNetwork;
  clock?: WebhookClock;
}

/** Webhooks: the routes, and the worker that delivers (the mail module is global). */
@Module({})
export class WebhooksModule {
  static register(options: WebhooksModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [
      WebhooksRepository,
      WebhooksService,
      WebhookDispatcher,
      { provide: WEBHOOK_NETWORK, useValue: options.network ?? systemNetwork },
      options.clock
        ? { provide: WEBHOOK_CLOCK, useValue: options.clock }
        : {
            provide: WEBHOOK_CLOCK,
            inject: [AppConfig],
            useFactory: (config: AppConfig) => webhookClock(config.webhooks.clockOffsetFile),
          },
    ];
    return { module: WebhooksModule, controllers: [WebhooksController], providers, exports: [WebhookDispatcher] };
  }
}
