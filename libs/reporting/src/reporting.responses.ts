import { ApiProperty } from '@nestjs/swagger';
import type { BatchView } from './report-batches.service.js';
import type { ReportView } from './reports.service.js';
import type { TemplateView } from './templates/report-templates.service.js';
import { REPORT_STATUSES, type ReportStatus, TEMPLATE_STATUSES, type TemplateStatus } from './vocabulary.js';

/** The API's answers about reports; each class implements the view the service returns. */
export class ReportFileDto {
  @ApiProperty({ enum: ['pdf', 'html'] }) kind: 'pdf' | 'html';
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'SHA-256 (hex); også Digest-headeren ved download' }) sha256: string;
}

export class ReportDto implements ReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) visitId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) templateId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) batchId: string | null;
  @ApiProperty({ description: 'Et udkast i høring (kun regionens medarbejdere ser det)' }) preview: boolean;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty({ example: 'Færdig' }) statusLabel: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'Fejlbesked ved status failed, ellers tom' }) error: string;
  @ApiProperty({ type: Number, nullable: true }) pageCount: number | null;
  @ApiProperty() requestedByName: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: [ReportFileDto] }) files: ReportFileDto[];
}

export class BatchProgressDto {
  @ApiProperty() queued: number;
  @ApiProperty() rendering: number;
  @ApiProperty() done: number;
  @ApiProperty() failed: number;
  @ApiProperty() total: number;
}

export class BatchDto implements BatchView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) periodFrom: string;
  @ApiProperty({ format: 'date' }) periodTo: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) templateId: string | null;
  @ApiProperty() requestedByName: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: BatchProgressDto }) progress: BatchProgressDto;
  @ApiProperty({ description: 'Intet venter eller dannes længere' }) finished: boolean;
}

export class BatchWithReportsDto extends BatchDto {
  @ApiProperty({ type: [ReportDto] }) reports: ReportDto[];
}

export class TemplateDto implements TemplateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TEMPLATE_STATUSES }) status: TemplateStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) activatedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retiredAt: Date | null;
  @ApiProperty() version: number;
}
