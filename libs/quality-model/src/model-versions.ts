import { Injectable } from '@nestjs/common';
import { TransactionHost } from '#libs/database';
import type { Scale } from './catalogue-format.js';

/** What a visit or survey round needs to know of the model version it is made under. */
export interface ModelVersionRef {
  id: string;
  name: string;
  modelKey: string;
  scale: Scale;
  standardLabel: string;
  /** Ratings at or below this need a justification. */
  justifyAtOrBelow: number;
}

/** An indicator in scope for a facility type, with where it sits in the model. */
export interface ScopeIndicator {
  id: string;
  code: string;
  text: string;
  guidance: string;
  kind: string | null;
  evidence: string[];
  standardId: string;
  standardCode: string;
  standardTitle: string;
  criterionId: string | null;
  criterionCode: string | null;
  criterionText: string | null;
}

const REF = `select id, name, model_key as "modelKey", scale, standard_label as "standardLabel",
                    justify_at_or_below as "justifyAtOrBelow"
               from quality_model_version`;

/** The quality model as other libraries read it: versions and their indicators, in the caller's transaction. */
@Injectable()
export class ModelVersions {
  constructor(private readonly tx: TransactionHost) {}

  private get m() {
    return this.tx.tx;
  }

  /** A version, or null when there is none with the id (or, with `publishedOnly`, it is not published). */
  async find(id: string, publishedOnly = false): Promise<ModelVersionRef | null> {
    const [row] = await this.m.query(`${REF} where id = $1 and (not $2 or status = 'published')`, [id, publishedOnly]);
    return row ?? null;
  }

  /** A version known to exist (a visit's or round's own). */
  async get(id: string): Promise<ModelVersionRef> {
    const version = await this.find(id);
    if (!version) throw new Error(`model version ${id} not found`);
    return version;
  }

  published(): Promise<{ id: string; name: string; modelKey: string }[]> {
    return this.m.query(
      `select id, name, model_key as "modelKey" from quality_model_version where status = 'published' order by name`,
    );
  }

  indicatorsByCode(versionId: string, codes: string[]): Promise<{ id: string; code: string }[]> {
    return this.m.query('select id, code from quality_indicator where version_id = $1 and code = any($2)', [
      versionId,
      codes,
    ]);
  }

  /** Standards (themes) by id, optionally only those of one model version, in model order. */
  standards(ids: string[], versionId?: string): Promise<{ id: string; code: string; title: string }[]> {
    return this.m.query(
      `select id, code, title from quality_standard
        where id = any($1) and ($2::uuid is null or version_id = $2) order by position`,
      [ids, versionId ?? null],
    );
  }

  /** The standards (themes) of model versions, for choosing a visit's scope. */
  standardsOfVersions(
    versionIds: string[],
  ): Promise<{ id: string; versionId: string; code: string; title: string; label: string }[]> {
    return this.m.query(
      `select s.id, s.version_id as "versionId", s.code, s.title, v.standard_label as label
         from quality_standard s join quality_model_version v on v.id = s.version_id
        where s.version_id = any($1) order by v.name, s.position`,
      [versionIds],
    );
  }

  /**
   * Indicators of the version that apply to the facility type, in model order; only those of
   * `themeIds` when the visit is scoped to themes.
   */
  scope(versionId: string, facilityTypeCode: string, themeIds: string[] = []): Promise<ScopeIndicator[]> {
    return this.m.query(
      `select i.id, i.code, i.text, i.guidance, i.kind, i.evidence,
              s.id as "standardId", s.code as "standardCode", s.title as "standardTitle",
              c.id as "criterionId", c.code as "criterionCode", c.text as "criterionText"
         from quality_indicator i
         join quality_standard s on s.id = i.standard_id
         left join quality_criterion c on c.id = i.criterion_id
        where i.version_id = $1 and (cardinality(i.facility_types) = 0 or $2 = any(i.facility_types))
          and (cardinality($3::uuid[]) = 0 or s.id = any($3))
        order by s.position, c.position nulls first, i.position`,
      [versionId, facilityTypeCode, themeIds],
    );
  }

  async indicatorIds(versionId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.m.query('select id from quality_indicator where version_id = $1', [
      versionId,
    ]);
    return rows.map((r) => r.id);
  }
}
