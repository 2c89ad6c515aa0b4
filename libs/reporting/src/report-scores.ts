import { Injectable } from '@nestjs/common';
import type { ScoreBasis } from '#libs/quality-model';

/** The visit a report is about: its facility, model version, date (its period), and whether it is published yet. */
export interface ReportedVisit {
  id: string;
  facilityId: string;
  modelVersionId: string;
  date: string;
  published: boolean;
}

/** The scores behind a visit's report: the stored ones of its facility, model version and period. */
export type ReportScoreSource = (visit: ReportedVisit) => Promise<ScoreBasis>;

/**
 * Where the report reads its scores: the score engine (libs/scoring) registers itself here at start.
 * Scoring sits above reporting in the libs' layers (it reads surveys, which print through reporting),
 * so reporting asks through this seam rather than importing it; the report then prints exactly
 * what the dashboard shows and never rolls the ratings up itself.
 */
@Injectable()
export class ReportScores {
  private source: ReportScoreSource | null = null;

  use(source: ReportScoreSource): void {
    this.source = source;
  }

  forVisit(visit: ReportedVisit): Promise<ScoreBasis> {
    if (!this.source) throw new Error('no score source: the app must import ScoringModule beside ReportingModule');
    return this.source(visit);
  }
}
