import { Injectable } from '@nestjs/common';

/** The idempotency records' notion of now: one provider, so tests can move it past 24 hours. */
@Injectable()
export class IdempotencyClock {
  now(): Date {
    return new Date();
  }
}
