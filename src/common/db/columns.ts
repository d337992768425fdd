import { Column, ColumnOptions, ColumnType, CreateDateColumn, TableColumnOptions, UpdateDateColumn } from 'typeorm';

// Decorators are evaluated at import time, before the config object exists, so
// the driver is read from the same variable the config reads (DATABASE_URL).
const isPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

export const TIMESTAMP_TYPE: ColumnType = isPostgres ? 'timestamptz' : 'datetime';

export const TimestampColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: TIMESTAMP_TYPE, ...options });

export const CreatedAtColumn = (): PropertyDecorator => CreateDateColumn({ type: TIMESTAMP_TYPE, name: 'created_at' });
export const UpdatedAtColumn = (): PropertyDecorator => UpdateDateColumn({ type: TIMESTAMP_TYPE, name: 'updated_at' });

/** JSON stored as text on both databases (TypeORM simple-json). */
export const JsonColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'simple-json', ...options });

/** Column builders for migrations, which know their driver at run time. */
export const migrationColumns = (driver: string) => {
  const timestamp = driver === 'postgres' ? 'timestamptz' : 'datetime';
  const now = driver === 'postgres' ? 'now()' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
  return {
    id: (name = 'id'): TableColumnOptions => ({
      name,
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    timestamp: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: timestamp,
      isNullable: nullable,
    }),
    createdAt: (): TableColumnOptions => ({ name: 'created_at', type: timestamp, default: now }),
    updatedAt: (): TableColumnOptions => ({ name: 'updated_at', type: timestamp, default: now }),
    json: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    varchar: (name: string, length = 255, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    integer: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
      ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    }),
    bigint: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
      name,
      type: 'bigint',
      isNullable: nullable,
      ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    }),
    boolean: (name: string, defaultValue = false): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: defaultValue,
    }),
    /** An IEEE double on both (exact round trip, unlike decimal). */
    double: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
      name,
      type: driver === 'postgres' ? 'double precision' : 'real',
      isNullable: nullable,
      ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    }),
    decimal: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'decimal',
      precision: 14,
      scale: 2,
      isNullable: nullable,
    }),
  };
};
