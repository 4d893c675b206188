import { Module } from '@nestjs/common';
import { SecurityActivityController } from './security-activity.controller.js';
import { SecurityActivityRepository } from './security-activity.repository.js';
import { SecurityActivityRetention } from './security-activity-retention.js';
import { SecurityActivityService } from './security-activity.service.js';

/** Reading the activity log and its retention; writing is SecurityActivityRecorderModule's. */
@Module({
  controllers: [SecurityActivityController],
  providers: [SecurityActivityRepository, SecurityActivityService, SecurityActivityRetention],
})
export class SecurityActivityModule {}
