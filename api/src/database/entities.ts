import { PersonalTokenEntity } from '../personal-tokens/personal-token.entity.js';
import { TaskEntity } from '../tasks/task.entity.js';
import { UserReference } from '../users/user-reference.entity.js';

/** Every TypeORM entity of the app. */
export const entities: Function[] = [UserReference, TaskEntity, PersonalTokenEntity];
