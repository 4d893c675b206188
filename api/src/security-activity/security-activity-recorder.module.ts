import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { postgresPool } from '../database/postgres-pool.js';
import { SecurityActivityRecorder } from './security-activity.recorder.js';

/** The one recorder, shared by Better Auth's hooks and the API's own services. */
@Global()
@Module({
  providers: [
    {
      provide: SecurityActivityRecorder,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new SecurityActivityRecorder(postgresPool(dataSource)),
    },
  ],
  exports: [SecurityActivityRecorder],
})
export class SecurityActivityRecorderModule {}
