import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../../common/admin-controller.decorator';
import { ExplainValue } from './explain-value';
import { ExplainQueryDto, ValueExplanationDto } from './value-explanation.dto';
import { IdParam } from '../../common/whole-number';

@AdminController('subscribers', 'scores')
export class ExplainController {
  constructor(private readonly explain: ExplainValue) {}

  @Get(':id/value')
  @ApiOperation({
    summary: 'Every value score of a subscriber at now, with the events that made it and what each contributed',
  })
  @ApiOkResponse({ type: ValueExplanationDto })
  value(@IdParam() id: number, @Query() query: ExplainQueryDto): Promise<ValueExplanationDto> {
    return this.explain.execute(id, query.limit);
  }
}
