import { Injectable } from '@nestjs/common';
import type { AuthUser } from '#libs/auth';
import type { VisitView } from './visit.views.js';
import type { VisitStep } from './visit-workflow.js';

/** A workflow step that was taken, as listeners see it. */
export interface VisitStepEvent {
  step: VisitStep;
  visit: VisitView;
  user: AuthUser;
  /** The comment or reason written with the step, if any. */
  note: string;
}

export type VisitStepListener = (e: VisitStepEvent) => Promise<void>;

/**
 * Where other libs hear that a visit moved on (follow-up plans on publication, the draft report and
 * mails on høring). Listeners run inside the step's transaction, so what they write commits or rolls
 * back with the step; a registry, so inspections need not know who listens.
 */
@Injectable()
export class VisitEvents {
  private readonly listeners: VisitStepListener[] = [];

  subscribe(listener: VisitStepListener): void {
    this.listeners.push(listener);
  }

  async stepTaken(e: VisitStepEvent): Promise<void> {
    for (const l of this.listeners) await l(e);
  }
}
