import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module.js';
import { McpChallengeFilter } from './mcp-challenge.filter.js';
import { McpController } from './mcp.controller.js';
import { McpOriginGuard } from './mcp-origin.guard.js';
import { McpService } from './mcp.service.js';

@Module({
  imports: [TasksModule],
  controllers: [McpController],
  providers: [McpService, McpOriginGuard, McpChallengeFilter],
})
export class McpModule {}
