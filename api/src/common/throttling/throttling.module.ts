import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RequestBudgetGuard } from './request-budget.guard.js';

/** Import after AuthModule: global guards run in registration order, and the budget needs the user. */
@Module({ providers: [{ provide: APP_GUARD, useClass: RequestBudgetGuard }] })
export class ThrottlingModule {}
