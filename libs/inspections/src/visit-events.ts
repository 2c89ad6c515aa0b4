import { Injectable } from '@nestjs/common';

/** Told, inside the writing transaction, that the published ratings of a facility changed. */
export interface PublishedRatingsListener {
  publishedRatingsChanged(facilityId: string): Promise<void>;
}

/**
 * Where other libs hear about publication and amendments of published answers. Listeners run in
 * the same transaction as the change, so whatever they derive (stored scores) commits or rolls
 * back with it; a registry rather than an injected token, so inspections need not know them.
 */
@Injectable()
export class VisitEvents {
  private readonly listeners: PublishedRatingsListener[] = [];

  subscribe(listener: PublishedRatingsListener): void {
    this.listeners.push(listener);
  }

  async publishedRatingsChanged(facilityId: string): Promise<void> {
    for (const l of this.listeners) await l.publishedRatingsChanged(facilityId);
  }
}
