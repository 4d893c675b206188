import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator.js';
import { RequiresScope } from '../auth/scopes/access.decorators.js';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import { CompleteTaskDto } from './dto/complete-task.dto.js';
import { CreateTaskDto } from './dto/create-task.dto.js';
import { ListTasksQueryDto } from './dto/list-tasks-query.dto.js';
import { ReplaceTaskDto } from './dto/replace-task.dto.js';
import { CompletedTaskResponseDto, TaskListResponseDto, TaskResponseDto } from './dto/task-response.dto.js';
import { UpdateTaskDto } from './dto/update-task.dto.js';
import {
  ApiIfMatch,
  ApiIfNoneMatch,
  IfMatch,
  TASK_ETAG_HEADER,
  TaskEtag,
  type TaskEtagAnswer,
  type TaskPrecondition,
} from './task-etag.js';
import { TaskIdPipe } from './task-id.pipe.js';
import { TasksService } from './tasks.service.js';

/**
 * The caller's tasks at /api/tasks. Every method passes the token's user as the owner.
 * The routes whose answer is one task answer it through TaskEtag (its ETag header, and 304 for a
 * current If-None-Match); the list does not pay for it.
 */
@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @RequiresScope('tasks:read')
  @ApiOkResponse({ type: TaskListResponseDto })
  @ApiProblemResponses(400)
  listTasks(@CurrentUser() user: AuthenticatedUser, @Query() query: ListTasksQueryDto): Promise<TaskListResponseDto> {
    return this.tasks.list(user.id, query);
  }

  @Post()
  @RequiresScope('tasks:write')
  @Idempotent()
  @ApiCreatedResponse({ type: TaskResponseDto, headers: TASK_ETAG_HEADER })
  @ApiProblemResponses(400, 409, 413)
  async createTask(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateTaskDto,
    @TaskEtag() answer: TaskEtagAnswer,
  ): Promise<TaskResponseDto> {
    return answer.of(await this.tasks.create(user.id, body));
  }

  @Get(':id')
  @RequiresScope('tasks:read')
  @ApiOkResponse({ type: TaskResponseDto, headers: TASK_ETAG_HEADER })
  @ApiIfNoneMatch()
  @ApiProblemResponses(400, 404)
  async getTask(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TaskIdPipe) id: string,
    @TaskEtag() answer: TaskEtagAnswer,
  ): Promise<TaskResponseDto | undefined> {
    return answer.orNotModified(await this.tasks.get(user.id, id));
  }

  @Put(':id')
  @RequiresScope('tasks:write')
  @ApiOkResponse({ type: TaskResponseDto, headers: TASK_ETAG_HEADER })
  @ApiIfMatch()
  @ApiProblemResponses(400, 404, 409, 413)
  async replaceTask(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TaskIdPipe) id: string,
    @Body() body: ReplaceTaskDto,
    @TaskEtag() answer: TaskEtagAnswer,
    @IfMatch() ifMatch?: TaskPrecondition,
  ): Promise<TaskResponseDto> {
    return answer.of(await this.tasks.replace(user.id, id, body, ifMatch));
  }

  @Patch(':id')
  @RequiresScope('tasks:write')
  @ApiOkResponse({ type: TaskResponseDto, headers: TASK_ETAG_HEADER })
  @ApiIfMatch()
  @ApiProblemResponses(400, 404, 409, 413)
  async updateTask(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TaskIdPipe) id: string,
    @Body() body: UpdateTaskDto,
    @TaskEtag() answer: TaskEtagAnswer,
    @IfMatch() ifMatch?: TaskPrecondition,
  ): Promise<TaskResponseDto> {
    return answer.of(await this.tasks.update(user.id, id, body, ifMatch));
  }

  @Patch(':id/complete')
  @RequiresScope('tasks:write')
  @ApiOkResponse({ type: CompletedTaskResponseDto, headers: TASK_ETAG_HEADER })
  @ApiIfMatch()
  @ApiProblemResponses(400, 404, 409, 413)
  async completeTask(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TaskIdPipe) id: string,
    @Body() body: CompleteTaskDto,
    @TaskEtag() answer: TaskEtagAnswer,
    @IfMatch() ifMatch?: TaskPrecondition,
  ): Promise<CompletedTaskResponseDto> {
    return answer.of(await this.tasks.complete(user.id, id, body?.completed ?? true, ifMatch));
  }

  @Delete(':id')
  @RequiresScope('tasks:write')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiIfMatch()
  @ApiProblemResponses(400, 404)
  async deleteTask(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TaskIdPipe) id: string,
    @IfMatch() ifMatch?: TaskPrecondition,
  ): Promise<void> {
    await this.tasks.remove(user.id, id, ifMatch);
  }
}
