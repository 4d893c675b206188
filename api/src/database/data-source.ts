import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeOrmOptions } from './typeorm-options.js';

// For the TypeORM CLI (`npm -w api run migration:*`), run against the compiled output.
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to run TypeORM migrations from the CLI');

export default new DataSource({ ...typeOrmOptions(url), migrationsRun: false });
