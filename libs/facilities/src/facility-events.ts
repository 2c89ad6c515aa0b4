import { Injectable } from '@nestjs/common';

/** Told, inside the writing transaction, that the published evidence about a facility changed. */
export interface EvidenceListener {
  evidenceChanged(facilityId: string): Promise<void>;
}

/**
 * Where other libs hear that a facility's published evidence changed: a visit published or amended
 * (inspections), a survey round closed (surveys). Listeners run in the same transaction as the
 * change, so whatever they derive (stored scores) commits or rolls back with it; a registry rather
 * than an injected token, so the libs that write evidence need not know who listens.
 */
@Injectable()
export class FacilityEvents {
  private readonly listeners: EvidenceListener[] = [];

  subscribe(listener: EvidenceListener): void {
    this.listeners.push(listener);
  }

  async evidenceChanged(facilityId: string): Promise<void> {
    for (const l of this.listeners) await l.evidenceChanged(facilityId);
  }
}
