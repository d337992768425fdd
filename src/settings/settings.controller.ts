import { Body, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { AdminController } from '../common/admin-controller.decorator';
import { DkimKeyService } from './dkim-key.service';
import {
  DkimDto,
  DkimTargetDto,
  PutDkimDto,
  SettingsDto,
  SmtpTestDto,
  SmtpTestResultDto,
  SmtpTransportsDto,
  UpdateSettingsDto,
} from './dto/settings.dto';
import { SettingsService } from './settings.service';
import { SmtpTransportsService } from './smtp-transports.service';

/** Everyone signed in reads brand and tracking; the sending configuration (SMTP, DKIM) is for admins only. */
@AdminController('settings', 'settings')
export class SettingsController {
  constructor(
    private readonly settings: SettingsService,
    private readonly dkim: DkimKeyService,
    private readonly smtp: SmtpTransportsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: SettingsDto })
  get(): Promise<SettingsDto> {
    return this.settings.get();
  }

  @Patch()
  @Roles('admin')
  @ApiOkResponse({
    type: SettingsDto,
    description: 'Applies to the next render and message; other processes within 5 s',
  })
  update(@Body() dto: UpdateSettingsDto): Promise<SettingsDto> {
    return this.settings.update(dto);
  }

  @Get('dkim')
  @Roles('admin')
  @ApiOkResponse({ type: DkimDto })
  getDkim(): Promise<DkimDto> {
    return this.dkim.get();
  }

  @Put('dkim')
  @Roles('admin')
  @ApiOkResponse({ type: DkimDto })
  putDkim(@Body() dto: PutDkimDto): Promise<DkimDto> {
    return this.dkim.put(dto);
  }

  @Post('dkim/generate')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: DkimDto, description: 'A new 2048-bit RSA key, used from now on: publish dnsRecord first' })
  generateDkim(@Body() dto: DkimTargetDto): Promise<DkimDto> {
    return this.dkim.generate(dto);
  }

  @Delete('dkim')
  @Roles('admin')
  @ApiOkResponse({ type: DkimDto, description: 'Back to DKIM_* from the environment, or no signing' })
  removeDkim(): Promise<DkimDto> {
    return this.dkim.remove();
  }

  @Get('smtp')
  @Roles('admin')
  @ApiOkResponse({ type: SmtpTransportsDto })
  smtpTransports(): SmtpTransportsDto {
    return this.smtp.list();
  }

  @Post('smtp/:name/test')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: SmtpTestResultDto })
  testSmtp(@Param('name') name: string, @Body() dto: SmtpTestDto): Promise<SmtpTestResultDto> {
    return this.smtp.test(name, dto.to);
  }
}
