import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ListsService } from '../lists/lists.service';
import { SegmentsService } from '../segments/segments.service';
import { neutraliseCell } from './csv-cell';

const PAGE = 1000;
const HEADER = ['email', 'name', 'status', 'external_id', 'locale', 'attributes', 'created_at'];

interface ExportRow {
  id: number | string;
  email: string | null;
  name: string;
  status: string;
  external_id: string | null;
  locale: string;
  attributes: string;
  created_at: Date | string;
  membership_status?: string;
}

/** Streams a list or segment as CSV, one keyset page at a time (constant memory). */
@Injectable()
export class CsvExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lists: ListsService,
    private readonly segments: SegmentsService,
  ) {}

  async list(listId: number): Promise<StreamableFile> {
    await this.lists.get(listId);
    const build = () =>
      this.base()
        .addSelect('m.status', 'membership_status')
        .innerJoin('list_memberships', 'm', 'm.subscriber_id = s.id AND m.list_id = :listId', { listId });
    return this.file(`list-${listId}.csv`, [...HEADER, 'list_status'], build, (r) => [r.membership_status]);
  }

  async segment(segmentId: number): Promise<StreamableFile> {
    const segment = await this.segments.get(segmentId);
    return this.file(
      `segment-${segmentId}.csv`,
      HEADER,
      () => this.segments.applyFilter(this.base(), segment.filter),
      () => [],
    );
  }

  private base(): SelectQueryBuilder<object> {
    return this.dataSource
      .createQueryBuilder()
      .select([
        's.id AS id',
        's.email AS email',
        's.name AS name',
        's.status AS status',
        's.external_id AS external_id',
        's.locale AS locale',
        's.attributes AS attributes',
        's.created_at AS created_at',
      ])
      .from('subscribers', 's')
      .where('s.erased_at IS NULL');
  }

  private file(
    name: string,
    header: string[],
    build: () => SelectQueryBuilder<object>,
    extra: (r: ExportRow) => unknown[],
  ): StreamableFile {
    async function* records(): AsyncGenerator<string[]> {
      yield header;
      for (let after = 0; ;) {
        const rows = await build()
          .andWhere('s.id > :after', { after })
          .orderBy('s.id', 'ASC')
          .limit(PAGE)
          .getRawMany<ExportRow>();
        for (const r of rows) {
          const created = r.created_at instanceof Date ? r.created_at.toISOString() : r.created_at;
          yield [r.email, r.name, r.status, r.external_id, r.locale, r.attributes, created, ...extra(r)].map(
            neutraliseCell,
          );
        }
        if (rows.length < PAGE) return;
        after = Number(rows[rows.length - 1].id);
      }
    }
    const stream = Readable.from(records()).pipe(stringify({ bom: true, record_delimiter: 'windows' }));
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${name}"`,
    });
  }
}
