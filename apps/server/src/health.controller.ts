import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '#libs/auth';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability (503 when the database is down)' })
  async health(@Res() res: Response) {
    const started = Date.now();
    try {
      await this.db.query('select 1');
      res.json({ status: 'ok', database: 'up', databaseMs: Date.now() - started });
    } catch {
      res.status(503).json({ status: 'error', database: 'down' });
    }
  }
}
