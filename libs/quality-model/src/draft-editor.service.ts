import { Injectable } from '@nestjs/common';
import { AuditService } from '#libs/auth';
import { ConflictError, InvalidInputError, NotFoundError } from '#libs/core';
import { Transactional } from '#libs/database';
import { CatalogueReader, EDITABLE_FIELDS, type NodeKind, readNode } from './catalogue-format.js';
import { type NodeEntity, QualityModelRepository } from './quality-model.repository.js';
import { expectedVersionOf, QualityModelService, refuseIssues } from './quality-model.service.js';

/** Where a new node goes: a criterion under a standard; an indicator under a standard or a criterion. */
export interface NodeParent {
  standardId?: string;
  criterionId?: string;
}

const LABEL: Record<NodeKind, string> = { standard: 'Standarden', criterion: 'Kriteriet', indicator: 'Indikatoren' };

const fieldError = (field: string, rule: string, message: string) =>
  new InvalidInputError(message, [{ field, rule, message }]);

/** Stored fields only: what the audit trail and a 409 show. */
function snapshot(kind: NodeKind, n: NodeEntity) {
  const fields = Object.fromEntries(
    EDITABLE_FIELDS[kind].map((f) => [f, (n as unknown as Record<string, unknown>)[f]]),
  );
  return { id: n.id, versionId: n.versionId, version: n.version, ...fields };
}

/**
 * Adds, changes and removes standards, criteria and indicators of a draft. Each change is checked
 * with the same rules as an imported file, locks the draft and is audited.
 */
@Injectable()
export class DraftEditor {
  constructor(
    private readonly repo: QualityModelRepository,
    private readonly versions: QualityModelService,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async add(versionId: string, kind: NodeKind, parent: NodeParent, input: Record<string, unknown>) {
    await this.versions.lockDraft(versionId);
    const fields = await this.read(kind, input);
    const placement = await this.place(versionId, kind, parent);
    await this.assertCodeFree(versionId, kind, fields.code);
    const saved = await this.repo.saveNode(kind, {
      ...fields,
      ...placement,
      versionId,
      position: await this.repo.nextPosition(kind, { versionId, ...placement }),
    } as never);
    const after = snapshot(kind, saved);
    await this.audit.record({
      action: `quality_model.${kind}_added`,
      entityType: `quality_${kind}`,
      entityId: saved.id,
      after,
    });
    return after;
  }

  /** Changes the given fields (others stay) if `input.version` is still the node's version. */
  @Transactional()
  async update(kind: NodeKind, id: string, input: Record<string, unknown>) {
    const expected = expectedVersionOf(input);
    const node = await this.lockedNode(kind, id);
    if (node.version !== expected) {
      throw new ConflictError(
        `${LABEL[kind]} er ændret af en anden (version ${node.version}, du sendte ${expected}). Genindlæs, og prøv igen.`,
        [],
        {
          current: snapshot(kind, node),
        },
        'stale-version',
      );
    }
    const before = snapshot(kind, node);
    const { version: _v, ...change } = input;
    const fields = await this.read(kind, { ...pick(before, EDITABLE_FIELDS[kind]), ...change });
    if (fields.code !== node.code) await this.assertCodeFree(node.versionId, kind, fields.code);
    const saved = await this.repo.saveNode(kind, Object.assign(node, fields) as never);
    const after = snapshot(kind, saved);
    await this.audit.record({
      action: `quality_model.${kind}_updated`,
      entityType: `quality_${kind}`,
      entityId: id,
      before,
      after,
    });
    return after;
  }

  /** Removes a node with everything under it. */
  @Transactional()
  async remove(kind: NodeKind, id: string, expectedVersion: number) {
    const node = await this.lockedNode(kind, id);
    if (node.version !== expectedVersion) {
      throw new ConflictError(
        `${LABEL[kind]} er ændret af en anden. Genindlæs, og prøv igen.`,
        [],
        {
          current: snapshot(kind, node),
        },
        'stale-version',
      );
    }
    await this.repo.removeNode(kind, id);
    await this.audit.record({
      action: `quality_model.${kind}_removed`,
      entityType: `quality_${kind}`,
      entityId: id,
      before: snapshot(kind, node),
    });
  }

  /** Moves a node one place up or down among its siblings; at either end it stays where it is. */
  @Transactional()
  async move(kind: NodeKind, id: string, direction: 'up' | 'down', expectedVersion: number) {
    const node = await this.lockedNode(kind, id);
    if (node.version !== expectedVersion) {
      throw new ConflictError(
        `${LABEL[kind]} er ændret af en anden. Genindlæs, og prøv igen.`,
        [],
        {
          current: snapshot(kind, node),
        },
        'stale-version',
      );
    }
    const siblings = await this.repo.siblings(kind, node);
    const at = siblings.findIndex((s) => s.id === id);
    const other = siblings[direction === 'up' ? at - 1 : at + 1];
    if (!other) return snapshot(kind, node);
    const from = node.position;
    [node.position, other.position] = [other.position, node.position];
    await this.repo.saveNode(kind, other as never);
    const saved = await this.repo.saveNode(kind, node as never);
    await this.audit.record({
      action: `quality_model.${kind}_moved`,
      entityType: `quality_${kind}`,
      entityId: id,
      before: { code: node.code, position: from },
      after: { code: node.code, position: saved.position, swappedWith: other.code },
    });
    return snapshot(kind, saved);
  }

  private async lockedNode(kind: NodeKind, id: string): Promise<NodeEntity> {
    const node = await this.repo.node(kind, id);
    if (!node) throw new NotFoundError(`${LABEL[kind]} findes ikke`);
    await this.versions.lockDraft(node.versionId);
    return node;
  }

  private async read(kind: NodeKind, input: Record<string, unknown>) {
    const r = new CatalogueReader({ facilityTypes: (await this.repo.facilityTypes()).map((t) => t.code) });
    const { criteria: _c, indicators: _i, ...fields } = readNode(r, kind, input) as unknown as Record<string, unknown>;
    refuseIssues(r);
    return fields as { code: string } & Record<string, unknown>;
  }

  /** The parent columns of a new node, checked to belong to the same draft and to fit its shape. */
  private async place(versionId: string, kind: NodeKind, parent: NodeParent): Promise<Record<string, string | null>> {
    if (kind === 'standard') return {};
    if (kind === 'indicator' && parent.criterionId) {
      const criterion = await this.repo.node('criterion', parent.criterionId);
      if (criterion?.versionId !== versionId)
        throw fieldError('criterionId', 'exists', 'Kriteriet findes ikke i denne version');
      return { standardId: criterion.standardId, criterionId: criterion.id };
    }
    const standard = parent.standardId ? await this.repo.node('standard', parent.standardId) : null;
    if (standard?.versionId !== versionId)
      throw fieldError('standardId', 'exists', 'Standarden findes ikke i denne version');
    // a standard holds either criteria or indicators directly, as in the file format
    const other =
      kind === 'criterion'
        ? { kind: 'indicator' as const, text: 'indikatorer direkte under sig' }
        : { kind: 'criterion' as const, text: 'kriterier' };
    if (
      await this.repo.anyNode(
        other.kind,
        other.kind === 'indicator' ? { standardId: standard.id, criterionId: null } : { standardId: standard.id },
      )
    )
      throw fieldError('standardId', 'exclusive', `${standard.code} ${standard.title} har allerede ${other.text}`);
    return kind === 'criterion' ? { standardId: standard.id } : { standardId: standard.id, criterionId: null };
  }

  private async assertCodeFree(versionId: string, kind: NodeKind, code: string) {
    if (await this.repo.anyNode(kind, { versionId, code }))
      throw fieldError('code', 'unique', `koden "${code}" er allerede brugt i denne version`);
  }
}

const pick = (o: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));
