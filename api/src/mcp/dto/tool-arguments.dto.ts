import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CompleteTaskDto } from '../../tasks/dto/complete-task.dto.js';
import { CreateTaskDto } from '../../tasks/dto/create-task.dto.js';
import { ListTasksQueryDto } from '../../tasks/dto/list-tasks-query.dto.js';
import { UpdateTaskDto } from '../../tasks/dto/update-task.dto.js';

/**
 * The MCP tools' arguments are the REST DTOs themselves (validation and documentation both come
 * from their decorators), plus the task id that REST carries in the path.
 */
export class TaskIdArgumentsDto {
  @ApiProperty({ format: 'uuid', minLength: 36, maxLength: 36, description: 'The task’s id.' })
  @IsUUID()
  id: string;
}

export class ListTasksArgumentsDto extends ListTasksQueryDto {}

export class CreateTaskArgumentsDto extends CreateTaskDto {}

export class CompleteTaskArgumentsDto extends IntersectionType(TaskIdArgumentsDto, CompleteTaskDto) {}

export class UpdateTaskArgumentsDto extends IntersectionType(TaskIdArgumentsDto, UpdateTaskDto) {}

export class DeleteTaskArgumentsDto extends TaskIdArgumentsDto {}

export const TOOL_ARGUMENT_MODELS = [
  ListTasksArgumentsDto,
  CreateTaskArgumentsDto,
  CompleteTaskArgumentsDto,
  UpdateTaskArgumentsDto,
  DeleteTaskArgumentsDto,
];
