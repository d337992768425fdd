import { Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../../common/admin-controller.decorator';
import { ExplainValue } from './explain-value';
import { ExplainQueryDto, ValueExplanationDto } from './value-explanation.dto';

@AdminController('subscribers', 'scores')
export class ExplainController {
  constructor(private readonly explain: ExplainValue) {}

  @Get(':id/value')
  @ApiOperation({ summary: 'Every value score of a subscriber at now, with the events that made it and what each contributed' })
  @ApiOkResponse({ type: ValueExplanationDto })
  value(@Param('id', ParseIntPipe) id: number, @Query() query: ExplainQueryDto): Promise<ValueExplanationDto> {
    return this.explain.execute(id, query.limit);
  }
}
