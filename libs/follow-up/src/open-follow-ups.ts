import { Injectable } from '@nestjs/common';
import { today } from '#libs/core';
import { TransactionHost } from '#libs/database';

/** A recommendation or order not yet met, where it came from and what follows it up. */
export interface OpenFollowUp {
  facilityId: string;
  facilityName: string;
  kind: 'recommendation' | 'order';
  text: string;
  owner: string;
  deadline: string | null;
  /** Where it came from: the visit's date, or for a free-standing plan the plan's title. */
  visitDate: string | null;
  planTitle: string | null;
  /** The plan item that follows it up, with its status; null while no plan does. */
  planId: string | null;
  itemId: string | null;
  statusLabel: string | null;
  indicatorCodes: string[];
}

/** The open recommendations and orders, as the dashboards and the region's overdue list show them. */
@Injectable()
export class OpenFollowUps {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Recommendations and orders not yet met. One in a follow-up plan is open until its status is a
   * "done" one (imødekommet), whichever visit it came from; one no plan follows up counts only while
   * it belongs to the facility's latest published visit, as each visit reassesses the facility and
   * repeats what still applies. Free-standing plans' recommendations count until met as well.
   * `overdue` keeps those past their deadline (Danish date).
   */
  list(where: { facilityId?: string; overdue?: boolean }): Promise<OpenFollowUp[]> {
    return this.tx.tx.query(
      `with latest as (
         select distinct on (facility_id) id from visit
          where status = 'published' and ($1::uuid is null or facility_id = $1)
          order by facility_id, planned_date desc, published_at desc),
       open as (
         select v.facility_id, f.kind, coalesce(i.text, f.text) as text, coalesce(i.owner, f.owner) as owner, coalesce(i.deadline, f.deadline) as deadline,
                v.planned_date as visit_date, null::text as plan_title, s.plan_id, i.id as item_id, st.label as status_label, f.indicator_ids
           from finding f
           join visit v on v.id = f.visit_id
           left join follow_up_item i on i.finding_id = f.id
           left join follow_up_section s on s.id = i.section_id
           left join follow_up_status st on st.id = i.status_id
          where v.status = 'published' and f.kind in ('recommendation', 'order') and ($1::uuid is null or v.facility_id = $1)
            and (case when i.id is null then f.visit_id in (select id from latest) else not st.done end)
         union all
         select p.facility_id, 'recommendation', i.text, i.owner, i.deadline, null, p.title, p.id, i.id, st.label, '{}'::uuid[]
           from follow_up_item i
           join follow_up_section s on s.id = i.section_id
           join follow_up_plan p on p.id = s.plan_id
           join follow_up_status st on st.id = i.status_id
          where i.finding_id is null and not st.done and ($1::uuid is null or p.facility_id = $1))
       select o.facility_id as "facilityId", fa.name as "facilityName", o.kind, o.text, o.owner, to_char(o.deadline, 'YYYY-MM-DD') as deadline,
              to_char(o.visit_date, 'YYYY-MM-DD') as "visitDate", o.plan_title as "planTitle", o.plan_id as "planId", o.item_id as "itemId",
              o.status_label as "statusLabel",
              coalesce((select array_agg(q.code order by q.code) from quality_indicator q where q.id = any(o.indicator_ids)), '{}') as "indicatorCodes"
         from open o join facility fa on fa.id = o.facility_id
        where not $2 or o.deadline < $3::date
        order by o.deadline nulls last, fa.name, o.kind desc, o.text`,
      [where.facilityId ?? null, where.overdue ?? false, today()],
    );
  }
}
