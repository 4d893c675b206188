import { CreateAuthTables1764000000000 } from './1764000000000-create-auth-tables.js';
import { CreateSessionRevocations1764000000001 } from './1764000000001-create-session-revocations.js';
import { CreateRateLimitTable1764000000002 } from './1764000000002-create-rate-limit-table.js';
import { CreateTasks1764000000003 } from './1764000000003-create-tasks.js';
import { CreatePersonalAccessTokens1764000000004 } from './1764000000004-create-personal-access-tokens.js';
import { CreateUsedEmailChangeLinks1764000000005 } from './1764000000005-create-used-email-change-links.js';
import { CreateTwoFactor1764000000006 } from './1764000000006-create-two-factor.js';
import { CountTasksPerOwner1764000000007 } from './1764000000007-count-tasks-per-owner.js';
import { CreateOAuthTables1764000001200 } from './1764000001200-create-oauth-tables.js';
import { AddOAuthConsentLastUsed1764000001300 } from './1764000001300-add-oauth-consent-last-used.js';
import { CreatePasskeys1764000001400 } from './1764000001400-create-passkeys.js';
import { CreateSecurityEvents1764000001500 } from './1764000001500-create-security-events.js';
import { AddTaskRecurrence1764000001600 } from './1764000001600-add-task-recurrence.js';
import { AddTaskReminders1764000001700 } from './1764000001700-add-task-reminders.js';
import { CreateIdempotencyKeys1764000001800 } from './1764000001800-create-idempotency-keys.js';
import { AddTaskVersion1764000001810 } from './1764000001810-add-task-version.js';
import { CreateWebhooks1764000001820 } from './1764000001820-create-webhooks.js';
import { TrimSessionsInDatabase1764000001830 } from './1764000001830-trim-sessions-in-database.js';

/** Every migration, oldest first. A new migration is added here as well as generated. */
export const migrations = [
  CreateAuthTables1764000000000,
  CreateSessionRevocations1764000000001,
  CreateRateLimitTable1764000000002,
  CreateTasks1764000000003,
  CreatePersonalAccessTokens1764000000004,
  CreateUsedEmailChangeLinks1764000000005,
  CreateTwoFactor1764000000006,
  CountTasksPerOwner1764000000007,
  CreateOAuthTables1764000001200,
  AddOAuthConsentLastUsed1764000001300,
  CreatePasskeys1764000001400,
  CreateSecurityEvents1764000001500,
  AddTaskRecurrence1764000001600,
  AddTaskReminders1764000001700,
  CreateIdempotencyKeys1764000001800,
  AddTaskVersion1764000001810,
  CreateWebhooks1764000001820,
  TrimSessionsInDatabase1764000001830,
];
