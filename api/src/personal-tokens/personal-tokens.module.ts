import { Module } from '@nestjs/common';
import { PersonalTokenStoreModule } from './personal-token-store.module.js';
import { PersonalTokensController } from './personal-tokens.controller.js';
import { PersonalTokensService } from './personal-tokens.service.js';

@Module({
  imports: [PersonalTokenStoreModule],
  controllers: [PersonalTokensController],
  providers: [PersonalTokensService],
})
export class PersonalTokensModule {}
