import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { IsEmail } from 'class-validator';
import { AdminController } from '../common/admin-controller.decorator';
import { TestMailService } from './test-mail.service';

export class SendTestMailDto {
  @ApiProperty({ example: 'you@example.com' })
  @IsEmail({}, { message: 'to must be an email address' })
  to: string;
}

export class TestMailResultDto {
  @ApiProperty() messageId: string;
  @ApiProperty({ type: [String] }) accepted: string[];
  @ApiProperty() response: string;
}

@AdminController('mail', 'mail')
export class TestMailController {
  constructor(private readonly testMail: TestMailService) {}

  @Post('test')
  @HttpCode(200)
  @ApiOkResponse({ type: TestMailResultDto })
  send(@Body() dto: SendTestMailDto): Promise<TestMailResultDto> {
    return this.testMail.send(dto.to);
  }
}
