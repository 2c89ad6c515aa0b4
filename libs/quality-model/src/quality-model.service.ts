import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, Role } from '#libs/auth';
import { ConflictError, InvalidInputError, NotFoundError, now } from '#libs/core';
import { Transactional } from '#libs/database';
import {
  type CatalogueContext,
  CatalogueReader,
  completenessIssues,
  formatPath,
  type QualityModelDocument,
  readJustifyAtOrBelow,
  readRollup,
  readScale,
  readTrafficLight,
} from './catalogue-format.js';
import { type QualityModelSummary, type QualityModelTree, toDocument, toSummary, toTree } from './quality-model.dto.js';
import { QualityModelRepository } from './quality-model.repository.js';
import { diffDocuments, type QualityModelDiff } from './quality-model-diff.js';
import type { QualityModelVersionEntity } from './quality-model-version.entity.js';
import { VERSION_STATUS_LABELS, type VersionStatus } from './vocabulary.js';

/** Who may see which versions: drafts are region staff's work in progress. */
const readableStatuses = (user: AuthUser | undefined): VersionStatus[] =>
  !user || user.role === Role.RegionStaff ? ['draft', 'published', 'retired'] : ['published', 'retired'];

const NOT_FOUND = 'Kvalitetsmodellen findes ikke';

/** The settings of a version a user may change while it is a draft (the content is edited per node). */
export interface VersionSettingsChange {
  version: number;
  name?: unknown;
  description?: unknown;
  note?: unknown;
  standardLabel?: unknown;
  scale?: unknown;
  trafficLight?: unknown;
  rollup?: unknown;
}

/** Versions of quality models: reading, the draft → published → retired lifecycle, copies and diffs. */
@Injectable()
export class QualityModelService {
  constructor(
    private readonly repo: QualityModelRepository,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser | undefined): Promise<QualityModelSummary[]> {
    return (await this.repo.list(readableStatuses(user))).map(toSummary);
  }

  /** The whole version; a version the user may not read is reported as missing. */
  async tree(user: AuthUser | undefined, id: string): Promise<QualityModelTree> {
    const v = await this.repo.get(id);
    if (!v || !readableStatuses(user).includes(v.status)) throw new NotFoundError(NOT_FOUND);
    return toTree(await this.repo.rows(v));
  }

  async document(user: AuthUser | undefined, id: string): Promise<QualityModelDocument> {
    return toDocument(await this.tree(user, id));
  }

  async diff(
    user: AuthUser | undefined,
    fromId: string,
    toId: string,
  ): Promise<{ from: QualityModelTree; to: QualityModelTree; diff: QualityModelDiff }> {
    const [from, to] = await Promise.all([this.tree(user, fromId), this.tree(user, toId)]);
    return { from, to, diff: diffDocuments(toDocument(from), toDocument(to)) };
  }

  /** Stores a validated document as a new draft version of its model (import, copy, seed). */
  @Transactional()
  async createDraft(
    doc: QualityModelDocument,
    origin: { action: 'imported' | 'copied'; copiedFromId?: string },
  ): Promise<QualityModelSummary> {
    const v = await this.repo.saveVersion({
      modelKey: doc.key,
      number: await this.repo.nextNumber(doc.key),
      name: doc.name,
      description: doc.description,
      note: doc.note,
      standardLabel: doc.standardLabel,
      scale: doc.scale,
      trafficLight: doc.trafficLight,
      justifyAtOrBelow: doc.justifyAtOrBelow,
      rollup: doc.rollup,
      status: 'draft',
      copiedFromId: origin.copiedFromId ?? null,
    });
    await this.repo.insertContent(v.id, doc.standards);
    const summary = toSummary(v);
    await this.audit.record({
      action: `quality_model.${origin.action}`,
      entityType: 'quality_model_version',
      entityId: v.id,
      // an import records the file's content; a copy points at its source, which is kept
      after: origin.action === 'imported' ? { ...summary, document: doc } : summary,
    });
    return summary;
  }

  /** A new draft with the content of any readable version: how the next version of a model starts. */
  @Transactional()
  async copy(user: AuthUser | undefined, id: string): Promise<QualityModelSummary> {
    return this.createDraft(await this.document(user, id), { action: 'copied', copiedFromId: id });
  }

  /** The version, locked, if it is still a draft at `expectedVersion`; else 404/409 with a Danish reason. */
  async lockDraft(id: string, expectedVersion?: number): Promise<QualityModelVersionEntity> {
    const v = await this.repo.getForUpdate(id);
    if (!v) throw new NotFoundError(NOT_FOUND);
    if (v.status !== 'draft') {
      throw new ConflictError(
        `Version ${v.number} af ${v.name} er ${VERSION_STATUS_LABELS[v.status].toLowerCase()} og kan ikke ændres. Lav en ny version ud fra den, og ret i den.`,
        [],
        { current: toSummary(v) },
        'model-version-locked',
      );
    }
    if (expectedVersion !== undefined) this.assertCurrent(v, expectedVersion);
    return v;
  }

  private assertCurrent(v: QualityModelVersionEntity, expectedVersion: number) {
    if (v.version !== expectedVersion) {
      throw new ConflictError(
        `Versionen er ændret af en anden (revision ${v.version}, du sendte ${expectedVersion}). Genindlæs, og prøv igen.`,
        [],
        {
          current: toSummary(v),
        },
        'stale-version',
      );
    }
  }

  @Transactional()
  async updateSettings(
    id: string,
    change: VersionSettingsChange,
    context: CatalogueContext,
  ): Promise<QualityModelSummary> {
    const v = await this.lockDraft(id, expectedVersionOf(change));
    const r = new CatalogueReader(context);
    const o =
      r.object(
        change,
        [],
        [
          'version',
          'name',
          'description',
          'note',
          'standardLabel',
          'scale',
          'trafficLight',
          'justifyAtOrBelow',
          'rollup',
        ],
      ) ?? {};
    const scale = o.scale === undefined ? v.scale : readScale(r, o.scale, ['scale']);
    // thresholds and caps are checked against the (possibly new) scale
    const trafficLight = readTrafficLight(r, o.trafficLight ?? v.trafficLight, ['trafficLight'], scale);
    const next = {
      name: o.name === undefined ? v.name : r.text(o, 'name', [], { required: true, max: 200 }),
      description: o.description === undefined ? v.description : r.text(o, 'description', [], { max: 4000 }),
      note: o.note === undefined ? v.note : r.text(o, 'note', [], { max: 4000 }),
      standardLabel:
        o.standardLabel === undefined ? v.standardLabel : r.text(o, 'standardLabel', [], { required: true, max: 40 }),
      scale,
      trafficLight,
      justifyAtOrBelow: readJustifyAtOrBelow(r, o.justifyAtOrBelow ?? v.justifyAtOrBelow, trafficLight, scale),
      rollup: readRollup(r, o.rollup ?? v.rollup, ['rollup'], scale),
    };
    refuseIssues(r);
    const before = toSummary(v);
    const beforeSettings = pickSettings(v);
    Object.assign(v, next);
    const saved = await this.repo.saveVersion(v);
    await this.audit.record({
      action: 'quality_model.settings_updated',
      entityType: 'quality_model_version',
      entityId: id,
      before: { ...before, ...beforeSettings },
      after: { ...toSummary(saved), ...pickSettings(saved) },
    });
    return toSummary(saved);
  }

  /** Publishes a complete draft; the model's previously published version is retired at the same time. */
  @Transactional()
  async publish(id: string, expectedVersion: number): Promise<QualityModelSummary> {
    const v = await this.lockDraft(id, expectedVersion);
    const issues = completenessIssues(toDocument(toTree(await this.repo.rows(v))));
    if (issues.length) {
      throw new InvalidInputError(
        'Versionen kan ikke udgives, før alle standarder og kriterier har indikatorer',
        issues.map((i) => ({ field: formatPath(i.path), rule: i.rule, message: i.message })),
      );
    }
    const previous = await this.repo.published(v.modelKey);
    if (previous) await this.changeStatus(previous, 'retired');
    return this.changeStatus(v, 'published');
  }

  /** Retiring cannot be undone; the reason (the page asks for it) is kept in the audit trail. */
  @Transactional()
  async retire(id: string, expectedVersion: number, reason = ''): Promise<QualityModelSummary> {
    const v = await this.repo.getForUpdate(id);
    if (!v) throw new NotFoundError(NOT_FOUND);
    this.assertCurrent(v, expectedVersion);
    if (v.status !== 'published') {
      throw new ConflictError(
        v.status === 'draft'
          ? 'En kladde kan ikke udfases; slet den i stedet.'
          : `Version ${v.number} er allerede udgået.`,
        [],
        { current: toSummary(v) },
        'model-version-not-retirable',
      );
    }
    return this.changeStatus(v, 'retired', reason.trim());
  }

  /** Only drafts can be deleted: visits and surveys may point at anything that was published. */
  @Transactional()
  async remove(id: string, expectedVersion: number): Promise<void> {
    const v = await this.lockDraft(id, expectedVersion);
    await this.repo.deleteVersion(id);
    await this.audit.record({
      action: 'quality_model.deleted',
      entityType: 'quality_model_version',
      entityId: id,
      before: toSummary(v),
    });
  }

  private async changeStatus(
    v: QualityModelVersionEntity,
    status: 'published' | 'retired',
    reason = '',
  ): Promise<QualityModelSummary> {
    const before = toSummary(v);
    v.status = status;
    if (status === 'published') v.publishedAt = now();
    else v.retiredAt = now();
    const saved = toSummary(await this.repo.saveVersion(v));
    await this.audit.record({
      action: `quality_model.${status}`,
      entityType: 'quality_model_version',
      entityId: v.id,
      before,
      after: reason ? { ...saved, reason } : saved,
    });
    return saved;
  }
}

const pickSettings = (v: QualityModelVersionEntity) => ({
  description: v.description,
  note: v.note,
  scale: v.scale,
  trafficLight: v.trafficLight,
  justifyAtOrBelow: v.justifyAtOrBelow,
  rollup: v.rollup,
});

/** The optimistic-lock `version` every change must carry, as a positive whole number. */
export function expectedVersionOf(input: { version?: unknown }): number {
  const v = typeof input.version === 'string' && /^\d+$/.test(input.version) ? Number(input.version) : input.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new InvalidInputError('version: skal være et heltal', [
      { field: 'version', rule: 'isInt', message: 'skal være et heltal' },
    ]);
  }
  return v;
}

/** Turns collected issues into one 422 listing them all. */
export function refuseIssues(r: CatalogueReader): void {
  if (!r.issues.length) return;
  const errors = r.issues.map((i) => ({ field: formatPath(i.path), rule: i.rule, message: i.message }));
  throw new InvalidInputError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}
