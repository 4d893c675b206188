import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { TaskEntity } from './task.entity.js';
import { TasksController } from './tasks.controller.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksService } from './tasks.service.js';
import { UserTasksController } from './user-tasks.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity]), IdempotencyModule],
  controllers: [TasksController, UserTasksController],
  providers: [TasksRepository, TasksService],
  // The MCP tools call the same service as the REST routes.
  exports: [TasksService],
})
export class TasksModule {}
