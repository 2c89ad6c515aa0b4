import { Injectable } from '@nestjs/common';
import { today } from '#libs/core';
import { FacilitiesRepository } from '#libs/facilities';
import { InspectionsRepository } from './inspections.repository.js';
import { type PlanningStatus, planningStatus } from './visit-planning.js';
import { VISIT_KINDS, type VisitKind } from './vocabulary.js';

export interface PlanningRow extends PlanningStatus {
  facilityId: string;
  facilityName: string;
  municipality: string;
  kind: VisitKind;
}

/** Due and overdue visits per facility and kind, against each facility type's targets. */
@Injectable()
export class VisitPlanningService {
  constructor(
    private readonly repo: InspectionsRepository,
    private readonly facilities: FacilitiesRepository,
  ) {}

  async status(on: string = today(), horizonDays = 60): Promise<PlanningRow[]> {
    const [facilities, visits] = await Promise.all([this.facilities.list({ ids: 'all' }), this.repo.visitDates()]);
    const datesOf = new Map(visits.map((v) => [`${v.facility_id}|${v.kind}`, v.dates]));
    return facilities.flatMap((f) =>
      VISIT_KINDS.map((kind) => ({
        facilityId: f.id,
        facilityName: f.name,
        municipality: f.municipality,
        kind,
        ...planningStatus(
          datesOf.get(`${f.id}|${kind}`) ?? [],
          on,
          {
            min: kind === 'announced' ? f.type.minAnnounced : f.type.minUnannounced,
            windowMonths: f.type.windowMonths,
          },
          horizonDays,
        ),
      })),
    );
  }
}
