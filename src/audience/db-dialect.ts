import type { DataSource } from 'typeorm';
import type { Dialect } from './segments/segment-fields';

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
}
