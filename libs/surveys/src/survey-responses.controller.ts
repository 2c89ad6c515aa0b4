import { Body, Controller, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { AnswersDto, CodeDto } from './survey.dto.js';
import { SurveyResponsesService } from './survey-responses.service.js';

/** The respondent's API: no login, the code is the only key (sent in the body, never in the URL). */
@ApiTags('surveys')
@Controller('api/v1/survey-responses')
export class SurveyResponsesController {
  constructor(private readonly responses: SurveyResponsesService) {}

  @Post('open')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Spørgeskemaet for en kode, med svar gemt tidligere (422 ukendt kode, 409 brugt kode eller lukket runde)',
  })
  open(@Body() body: CodeDto) {
    return this.responses.open(body.code);
  }

  @Put('draft')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'Gem svarene indtil videre og fortsæt senere med samme kode' })
  draft(@Body() body: AnswersDto) {
    return this.responses.saveDraft(body.code, body.answers);
  }

  @Post()
  @Public()
  @ApiOperation({ summary: 'Send svarene; hver kode kan bruges én gang (409 ved gentagelse)' })
  async submit(@Body() body: AnswersDto) {
    await this.responses.submit(body.code, body.answers);
    return { received: true };
  }
}
