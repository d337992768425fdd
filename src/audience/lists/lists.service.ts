import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AudienceException } from '../audience.exception';
import { CreateListDto, UpdateListDto } from '../dto/list.dto';
import { MailingList } from '../mailing-list.entity';

@Injectable()
export class ListsService {
  constructor(@InjectRepository(MailingList) private readonly lists: Repository<MailingList>) {}

  create(dto: CreateListDto): Promise<MailingList> {
    return this.lists.save(
      this.lists.create({
        name: dto.name,
        description: dto.description ?? '',
        optIn: dto.optIn ?? 'single',
        publicForm: dto.publicForm ?? false,
        tags: dto.tags ?? [],
      }),
    );
  }

  all(): Promise<MailingList[]> {
    return this.lists.find({ order: { id: 'ASC' } });
  }

  async get(id: number): Promise<MailingList> {
    const list = await this.lists.findOne({ where: { id } });
    if (!list) throw AudienceException.notFound('List', id);
    return list;
  }

  async update(id: number, dto: UpdateListDto): Promise<MailingList> {
    const list = await this.get(id);
    Object.assign(list, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    return this.lists.save(list);
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.lists.delete({ id });
  }
}
