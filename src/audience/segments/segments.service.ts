import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { AudienceException } from '../audience.exception';
import { dialectOf } from '../db-dialect';
import { CreateSegmentDto, SegmentPreviewDto, UpdateSegmentDto } from '../dto/segment.dto';
import { SubscriberDto } from '../dto/subscriber.dto';
import { Subscriber } from '../subscriber.entity';
import { compileSegment, validateSegmentFilter } from './segment.compiler';
import { Segment } from './segment.entity';

@Injectable()
export class SegmentsService {
  constructor(
    @InjectRepository(Segment) private readonly segments: Repository<Segment>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  create(dto: CreateSegmentDto): Promise<Segment> {
    validateSegmentFilter(dto.filter);
    return this.segments.save(
      this.segments.create({ name: dto.name, description: dto.description ?? '', filter: dto.filter }),
    );
  }

  all(): Promise<Segment[]> {
    return this.segments.find({ order: { id: 'ASC' } });
  }

  async get(id: number): Promise<Segment> {
    const segment = await this.segments.findOne({ where: { id } });
    if (!segment) throw AudienceException.notFound('Segment', id);
    return segment;
  }

  async update(id: number, dto: UpdateSegmentDto): Promise<Segment> {
    const segment = await this.get(id);
    if (dto.filter !== undefined) validateSegmentFilter(dto.filter);
    Object.assign(segment, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    return this.segments.save(segment);
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.segments.delete({ id });
  }

  /** Applies a filter to any query over `subscribers s` (used by previews, exports, bulk adds and campaign audiences). */
  applyFilter<T extends object>(qb: SelectQueryBuilder<T>, filter: unknown, prefix = 'seg'): SelectQueryBuilder<T> {
    const { sql, params } = compileSegment(filter, dialectOf(this.dataSource), prefix);
    return qb.andWhere(sql, params);
  }

  async preview(filter: unknown, limit = 20): Promise<SegmentPreviewDto> {
    const qb = this.applyFilter(this.dataSource.getRepository(Subscriber).createQueryBuilder('s'), filter).andWhere(
      's.erased_at IS NULL',
    );
    const [items, count] = await qb.orderBy('s.id', 'ASC').take(limit).getManyAndCount();
    return { count, items: items.map(SubscriberDto.of) };
  }

  async previewSaved(id: number, limit?: number): Promise<SegmentPreviewDto> {
    return this.preview((await this.get(id)).filter, limit);
  }

  /** Subscriber ids matching a saved segment, in id order after a checkpoint. */
  async idsPage(segmentId: number, afterId: number, limit: number): Promise<number[]> {
    const segment = await this.get(segmentId);
    const qb = this.applyFilter(
      this.dataSource.createQueryBuilder().select('s.id', 'id').from('subscribers', 's'),
      segment.filter,
    )
      .andWhere('s.id > :after', { after: afterId })
      .andWhere('s.erased_at IS NULL')
      .orderBy('s.id', 'ASC')
      .limit(limit);
    const rows: Array<{ id: number | string }> = await qb.getRawMany();
    return rows.map((r) => Number(r.id));
  }
}
