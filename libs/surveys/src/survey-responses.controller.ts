import { Body, Controller, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { ApiProblems } from '#libs/web';
import { AnswersDto, CodeDto } from './survey.dto.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { ReceivedDto } from './surveys.responses.js';

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
  @ApiOkResponse({
    description: 'Spørgeskemaet og de gemte svar',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiProblems(409, 422, 429)
  open(@Body() body: CodeDto) {
    return this.responses.open(body.code);
  }

  @Put('draft')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'Gem svarene indtil videre og fortsæt senere med samme kode' })
  @ApiNoContentResponse({ description: 'Gemt' })
  @ApiProblems(409, 422, 429)
  draft(@Body() body: AnswersDto) {
    return this.responses.saveDraft(body.code, body.answers);
  }

  @Post()
  @Public()
  @ApiOperation({ summary: 'Send svarene; hver kode kan bruges én gang (409 ved gentagelse)' })
  @ApiCreatedResponse({ type: ReceivedDto })
  @ApiProblems(409, 422, 429)
  async submit(@Body() body: AnswersDto): Promise<ReceivedDto> {
    await this.responses.submit(body.code, body.answers);
    return { received: true };
  }
}
