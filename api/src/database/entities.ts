/** Every TypeORM entity of the app. */
export const entities: Function[] = [];
