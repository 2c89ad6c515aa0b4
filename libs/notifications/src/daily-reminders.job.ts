import { addDays, today } from '#libs/core';
import { TransactionHost } from '#libs/database';
import { defineJob, JobHandler, type JobHandlerOf } from '#libs/jobs';
import { NotificationsService } from './notifications.service.js';

type NoPayload = Record<string, never>;

/** Each morning: høring deadlines in 3 days, follow-up deadlines in 14 days, and overdue follow-up items. */
export const DailyReminders = defineJob<NoPayload>({
  name: 'notifications.daily-reminders',
  queue: { policy: 'stately', retryLimit: 3, retryDelay: 300, expireInSeconds: 900 },
  schedule: { cron: '0 7 * * *', payload: {} },
});

/**
 * Writes the day's reminders to the leaders of each facility. Windows rather than exact days, with
 * one reminder per thing and deadline (dedupe key), so a day the worker missed is caught up without
 * anyone getting the same reminder twice.
 */
@JobHandler(DailyReminders)
export class DailyRemindersHandler implements JobHandlerOf<NoPayload> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly notifications: NotificationsService,
  ) {}

  run(): Promise<{ written: number }> {
    return this.tx.run(async () => {
      const day = today();
      let written = 0;
      const hearings: { id: string; facilityId: string; facilityName: string; deadline: string }[] =
        await this.tx.tx.query(
          `select v.id, v.facility_id as "facilityId", f.name as "facilityName", to_char(v.hearing_deadline, 'YYYY-MM-DD') as deadline
             from visit v join facility f on f.id = v.facility_id
            where v.status = 'in_hearing' and v.hearing_deadline between $1 and $2`,
          [day, addDays(day, 3)],
        );
      for (const h of hearings) {
        written += await this.notifications.notify(
          'hearing_deadline_soon',
          await this.notifications.leadersOf(h.facilityId),
          { facilityName: h.facilityName, date: h.deadline, path: `/besoeg/${h.id}#hoering` },
          `hearing_deadline_soon:${h.id}:${h.deadline}`,
        );
      }
      const items: {
        id: string;
        planId: string;
        facilityId: string;
        facilityName: string;
        text: string;
        deadline: string;
      }[] = await this.tx.tx.query(
        `select i.id, p.id as "planId", f.id as "facilityId", f.name as "facilityName", i.text,
                  to_char(i.deadline, 'YYYY-MM-DD') as deadline
             from follow_up_item i
             join follow_up_section s on s.id = i.section_id
             join follow_up_status st on st.id = coalesce(i.status_id, s.status_id)
             join follow_up_plan p on p.id = s.plan_id
             join facility f on f.id = coalesce(i.writer_facility_id, s.writer_facility_id, p.facility_id)
            where not st.done and i.deadline <= $1`,
        [addDays(day, 14)],
      );
      for (const i of items) {
        const kind = i.deadline < day ? 'follow_up_overdue' : 'follow_up_deadline_soon';
        written += await this.notifications.notify(
          kind,
          await this.notifications.leadersOf(i.facilityId),
          {
            facilityName: i.facilityName,
            date: i.deadline,
            text: i.text,
            path: `/opfoelgning/planer/${i.planId}#punkt-${i.id}`,
          },
          `${kind}:${i.id}:${i.deadline}`,
        );
      }
      return { written };
    });
  }
}
