import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { JsonBodyMiddleware } from './json-body.middleware.js';

@Module({ providers: [JsonBodyMiddleware], exports: [JsonBodyMiddleware] })
export class HttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware).forRoutes('*splat');
  }
}
