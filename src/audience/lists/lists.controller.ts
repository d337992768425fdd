import { Body, Delete, Get, Header, HttpCode, Ip, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { AdminController } from '../../common/admin-controller.decorator';
import {
  CreateListDto,
  ListDto,
  ListMembersPageDto,
  ListMembersQueryDto,
  MembersChangeDto,
  MembersChangeResultDto,
  UpdateListDto,
} from '../dto/list.dto';
import { CsvExportService } from '../exports/csv-export.service';
import { ListsService } from './lists.service';
import { MembershipsService } from './memberships.service';
import { IdParam } from '../../common/whole-number';

@AdminController('lists', 'lists')
export class ListsController {
  constructor(
    private readonly lists: ListsService,
    private readonly memberships: MembershipsService,
    private readonly exports: CsvExportService,
  ) {}

  @Post()
  @ApiOkResponse({ type: ListDto })
  create(@Body() dto: CreateListDto): Promise<ListDto> {
    return this.lists.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: [ListDto] })
  all(): Promise<ListDto[]> {
    return this.lists.all();
  }

  @Get(':id')
  @ApiOkResponse({ type: ListDto })
  get(@IdParam() id: number): Promise<ListDto> {
    return this.lists.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ListDto })
  update(@IdParam() id: number, @Body() dto: UpdateListDto): Promise<ListDto> {
    return this.lists.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@IdParam() id: number): Promise<void> {
    return this.lists.remove(id);
  }

  @Post(':id/members')
  @HttpCode(200)
  @ApiOkResponse({ type: MembersChangeResultDto })
  addMembers(@IdParam() id: number, @Body() dto: MembersChangeDto, @Ip() ip: string): Promise<MembersChangeResultDto> {
    return this.memberships.addMany(id, dto, { method: 'api', source: 'api', ip });
  }

  @Delete(':id/members')
  @ApiOkResponse({ type: MembersChangeResultDto })
  removeMembers(@IdParam() id: number, @Body() dto: MembersChangeDto): Promise<MembersChangeResultDto> {
    return this.memberships.removeMany(id, dto);
  }

  @Get(':id/members')
  @ApiOkResponse({ type: ListMembersPageDto })
  members(@IdParam() id: number, @Query() query: ListMembersQueryDto): Promise<ListMembersPageDto> {
    return this.memberships.members(id, query);
  }

  @Get(':id/export.csv')
  @ApiProduces('text/csv')
  @Header('cache-control', 'no-store')
  export(@IdParam() id: number): Promise<StreamableFile> {
    return this.exports.list(id);
  }
}
