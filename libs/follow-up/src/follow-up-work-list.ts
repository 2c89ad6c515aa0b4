import { Injectable } from '@nestjs/common';
import { type AuthUser, PolicyService } from '#libs/auth';
import { TransactionHost } from '#libs/database';

/** A follow-up item not yet met, as a to-do list shows it. */
export interface OpenItem {
  id: string;
  planId: string;
  facilityId: string;
  facilityName: string;
  number: string;
  text: string;
  owner: string;
  deadline: string | null;
  statusLabel: string;
  /** When someone last wrote a status on it; null while nobody has. */
  statusChangedAt: Date | null;
}

/**
 * Open follow-up items (their status is not a "done" one) of the facilities the user may read, for
 * the front page's to-do list; which are due or await a status is the front page's to decide.
 */
@Injectable()
export class FollowUpWorkList {
  constructor(
    private readonly tx: TransactionHost,
    private readonly policy: PolicyService,
  ) {}

  async open(user: AuthUser): Promise<OpenItem[]> {
    const readable = await this.policy.readableFacilities(user);
    return this.tx.tx.query(
      `select i.id, p.id as "planId", f.id as "facilityId", f.name as "facilityName", i.number, i.text, i.owner,
              to_char(i.deadline, 'YYYY-MM-DD') as deadline, st.label as "statusLabel", i.status_changed_at as "statusChangedAt"
         from follow_up_item i
         join follow_up_section s on s.id = i.section_id
         join follow_up_plan p on p.id = s.plan_id
         join facility f on f.id = p.facility_id
         join follow_up_status st on st.id = i.status_id
        where not st.done and ($1::uuid[] is null or p.facility_id = any($1))
        order by i.deadline nulls last, f.name, s.position, i.position`,
      [readable === 'all' ? null : readable],
    );
  }
}
