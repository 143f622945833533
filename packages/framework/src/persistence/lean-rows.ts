import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { lazyColumnsOf } from '../declarations/declaration';

/**
 * The rows of one entity read by plain SQL — `SELECT <every column but the lazy ones> FROM <table>
 * WHERE <column> IN (…)` — and hydrated as TypeORM hydrates them (the driver's conversion of each
 * column: JSON, booleans, numbers). The statement's text is built once per data source and entity
 * and a row is one object with its columns set: TypeORM's query builder spent more CPU building
 * and aliasing the same statement on every call, and mapping the aliases back, than SQLite spent
 * running it.
 */
export class LeanRows<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  private readonly columns: ColumnMetadata[];
  /** The table's name, escaped. */
  readonly table: string;
  private readonly select: string;

  private constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
  ) {
    this.metadata = dataSource.getMetadata(entity);
    const lazy = new Set(typeof entity === 'function' ? lazyColumnsOf(entity) : []);
    this.columns = this.metadata.columns.filter((c) => !lazy.has(c.propertyName));
    const { driver } = dataSource;
    this.table = this.metadata.tablePath
      .split('.')
      .map((part) => driver.escape(part))
      .join('.');
    this.select = `SELECT ${this.columnsOf()} FROM ${this.table}`;
  }

  /** The columns a row is read with (every one but the lazy ones), escaped, qualified by `alias` when given. */
  columnsOf(alias?: string): string {
    const { driver } = this.dataSource;
    const prefix = alias ? `${driver.escape(alias)}.` : '';
    return this.columns.map((c) => `${prefix}${driver.escape(c.databaseName)}`).join(', ');
  }

  private static readonly known = new WeakMap<DataSource, Map<unknown, LeanRows<ObjectLiteral>>>();

  /** The reader of this entity on this data source (built on first use). */
  static of<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>): LeanRows<T> {
    let readers = LeanRows.known.get(dataSource);
    if (!readers) LeanRows.known.set(dataSource, (readers = new Map()));
    let reader = readers.get(entity);
    if (!reader) readers.set(entity, (reader = new LeanRows(dataSource, entity) as LeanRows<ObjectLiteral>));
    return reader as LeanRows<T>;
  }

  private column(property: string): string {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.metadata.name} has no column ${property}`);
    return this.dataSource.driver.escape(column.databaseName);
  }

  /** The rows whose `property` is one of `values`, ordered by `orderBy` (ascending) when given. */
  async whereIn(property: string, values: readonly string[], orderBy: string[] = []): Promise<T[]> {
    const { driver } = this.dataSource;
    const parameters = values.map((_, i) => driver.createParameter(`p${i}`, i)).join(', ');
    const order = orderBy.length ? ` ORDER BY ${orderBy.map((p) => `${this.column(p)} ASC`).join(', ')}` : '';
    const raw: Record<string, unknown>[] = await this.dataSource.query(
      `${this.select} WHERE ${this.column(property)} IN (${parameters})${order}`,
      [...values],
    );
    return raw.map((row) => this.hydrate(row));
  }

  /** An entity from a raw row that holds the columns of columnsOf() under their own names. */
  hydrate(row: Record<string, unknown>): T {
    const entity = this.metadata.create() as T;
    const { driver } = this.dataSource;
    for (const column of this.columns) {
      const value = row[column.databaseName];
      if (value !== undefined) column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  }
}
