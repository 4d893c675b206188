import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IdempotencyClock } from './idempotency-clock.js';
import { IdempotencyKeyInFlightException, IdempotencyKeyReusedException } from './idempotency.exceptions.js';
import { IdempotencyRepository, type IdempotentRequest, type StoredResponse } from './idempotency.repository.js';

/** How long a first answer is kept and given again (the contract: 24 hours). */
export const KEEP_SECONDS = 24 * 60 * 60;
/**
 * How long a claim holds the key without an answer. A creation takes milliseconds; a claim this
 * old belongs to an instance that crashed or lost its database mid-request, and the next retry
 * takes it over rather than meeting 409 for 24 hours.
 */
export const IN_FLIGHT_SECONDS = 60;
/** Claim, then read what holds the key: a row can vanish in between (released, purged); try again. */
const ATTEMPTS = 3;

export type Begun = { kind: 'claimed'; claimId: string } | { kind: 'replay'; response: StoredResponse };

/**
 * The rules of Idempotency-Key (IETF httpapi draft): the first request with a key runs and its
 * answer is kept; the same request again gets that answer; another request with the key is
 * refused (422); one that comes while the first runs is told to wait (409). Keys are per user:
 * the user is part of the record's primary key, so one user's key never meets another's.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly clock: IdempotencyClock,
  ) {}

  async begin(request: IdempotentRequest): Promise<Begun> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const now = this.clock.now();
      const claimId = randomUUID();
      if (await this.records.claim(request, claimId, now, IN_FLIGHT_SECONDS, KEEP_SECONDS)) {
        return { kind: 'claimed', claimId };
      }
      const existing = await this.records.find(request.userId, request.key, now);
      if (!existing) continue;
      if (existing.route !== request.route || !existing.fingerprint.equals(request.fingerprint)) {
        throw new IdempotencyKeyReusedException();
      }
      if (!existing.response) {
        const seconds = Math.ceil((existing.lockedUntil.getTime() - now.getTime()) / 1000);
        throw new IdempotencyKeyInFlightException(Math.min(IN_FLIGHT_SECONDS, Math.max(1, seconds)));
      }
      return { kind: 'replay', response: existing.response };
    }
    throw new IdempotencyKeyInFlightException(1);
  }

  /** Keeps the first answer for KEEP_SECONDS from the claim. */
  complete(request: IdempotentRequest, claimId: string, response: StoredResponse): Promise<void> {
    return this.records.complete(request.userId, request.key, claimId, response);
  }

  /**
   * Gives the key back after an error answer: the creation is one statement that stored nothing,
   * so running the request again cannot duplicate anything, and a client may fix its request
   * (or free a place under the task cap) and retry with the same key.
   */
  release(request: IdempotentRequest, claimId: string): Promise<void> {
    return this.records.release(request.userId, request.key, claimId);
  }

  /** Deletes the records past their 24 hours, in batches; answers how many. */
  async purgeExpired(batch = 5000): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    for (;;) {
      const deleted = await this.records.purgeExpired(now, batch);
      total += deleted;
      if (deleted < batch) return total;
    }
  }
}
