import { Body, Delete, Get, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { AdminController } from '../common/admin-controller.decorator';
import { ApiKeysService } from './api-keys.service';
import { Roles } from './roles';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { IdParam } from '../common/whole-number';

@AdminController('keys', 'api keys')
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOkResponse({ type: CreatedApiKeyDto })
  create(@Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(dto.name);
  }

  @Get()
  @ApiOkResponse({ type: [ApiKeyDto] })
  list(): Promise<ApiKeyDto[]> {
    return this.apiKeys.list().then((keys) => keys.map(({ hash: _hash, ...key }) => key));
  }

  @Delete(':id')
  @ApiOkResponse({ type: ApiKeyDto })
  async revoke(@IdParam() id: number): Promise<ApiKeyDto> {
    const { hash: _hash, ...key } = await this.apiKeys.revoke(id);
    return key;
  }
}
