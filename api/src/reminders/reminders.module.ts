import { Module } from '@nestjs/common';
import { ReminderSweeper } from './reminder-sweeper.service.js';
import { RemindersRepository } from './reminders.repository.js';

/** Reminder mails for tasks (the mail and job queue modules are global). */
@Module({ providers: [RemindersRepository, ReminderSweeper] })
export class RemindersModule {}
