import { Logger } from '@nestjs/common';
import type pg from 'pg';
import { deviceSummary } from './device-summary.js';
import {
  RETENTION_DAYS,
  type SecurityEventDetail,
  type SecurityEventKind,
  type SignInMethod,
} from './security-event-kinds.js';

const IP_MAX_LENGTH = 64;
const USER_AGENT_MAX_LENGTH = 512;

/** Where an action came from, as the server saw it (the IP under the TRUST_PROXY rules). */
export interface ActivityOrigin {
  ip: string | null | undefined;
  userAgent: string | null | undefined;
  /** The session that acted, or the one the sign-in created: how the list marks "this device". */
  sessionId?: string | null;
}

const COLUMNS = `"user_id", "kind", "ip", "user_agent", "device", "session_id", "detail"`;

/**
 * Writes the security activity log: one INSERT per action, sent without waiting for it, so the
 * action (a sign-in, above all) costs no extra round trip, and a failed write is logged and never
 * fails the action. Only the server's own code calls it, with the user id it verified.
 */
export class SecurityActivityRecorder {
  private readonly logger = new Logger(SecurityActivityRecorder.name);

  constructor(private readonly pool: pg.Pool) {}

  record(userId: string, kind: SecurityEventKind, origin: ActivityOrigin, detail: SecurityEventDetail = {}): void {
    this.send(`insert into "security_event" (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7)`, [
      userId,
      kind,
      ...this.originValues(origin),
      JSON.stringify(detail),
    ]);
  }

  /**
   * A successful sign-in, and in the same statement a `new_device` row when the user has not
   * signed in from this device (browser and system) in the retention window. `firstDevice` (the
   * sign-up's own session) is nobody's "new" device.
   */
  recordSignIn(userId: string, origin: ActivityOrigin, method: SignInMethod, firstDevice = false): void {
    this.send(
      `insert into "security_event" (${COLUMNS})
       select $1::uuid, k."kind", $2::varchar, $3::varchar, $4::varchar, $5::uuid, case when k."kind" = 'sign_in' then $6::jsonb else '{}'::jsonb end
       from (values ('sign_in'), ('new_device')) as k("kind")
       where k."kind" = 'sign_in' or (not $7::boolean and not exists (
         select 1 from "security_event" e
         where e."user_id" = $1::uuid and e."kind" = 'sign_in' and e."device" is not distinct from $4::varchar
           and e."occurred_at" > now() - make_interval(days => ${RETENTION_DAYS})))`,
      [userId, ...this.originValues(origin), JSON.stringify({ method }), firstDevice],
    );
  }

  /**
   * A wrong password for an address: a row only when the address has an account (nothing is
   * stored about addresses that do not), found in the same statement.
   */
  recordFailedPassword(email: string, origin: ActivityOrigin): void {
    this.send(
      `insert into "security_event" (${COLUMNS})
       select u."id", 'sign_in_failed', $2, $3, $4, null, $5 from "user" u where u."email" = $1`,
      [
        email.toLowerCase(),
        ...this.originValues({ ...origin, sessionId: null }).slice(0, 3),
        JSON.stringify({ method: 'password' }),
      ],
    );
  }

  /**
   * A wrong second-step code: the account is the one Better Auth's two-factor challenge names
   * (its verification row, keyed by the signed `two_factor` cookie's value).
   */
  recordFailedSecondStep(challenge: string, method: SignInMethod, origin: ActivityOrigin): void {
    this.send(
      `insert into "security_event" (${COLUMNS})
       select u."id", 'sign_in_failed', $2, $3, $4, null, $5
       from "verification" v join "user" u on u."id"::text = v."value"
       where v."identifier" = $1`,
      [challenge, ...this.originValues({ ...origin, sessionId: null }).slice(0, 3), JSON.stringify({ method })],
    );
  }

  private originValues(origin: ActivityOrigin): [string | null, string | null, string | null, string | null] {
    const userAgent = origin.userAgent ? [...origin.userAgent].slice(0, USER_AGENT_MAX_LENGTH).join('') : null;
    return [
      origin.ip ? origin.ip.slice(0, IP_MAX_LENGTH) : null,
      userAgent,
      deviceSummary(userAgent),
      origin.sessionId ?? null,
    ];
  }

  private send(sql: string, values: unknown[]): void {
    this.pool.query(sql, values).catch((error: unknown) => {
      // The action stands; only its record is lost. The values are not logged (they name a person).
      this.logger.warn({ err: error }, 'a security activity row could not be written');
    });
  }
}
