import { Body, Controller, Get, Param, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { InvalidInputError } from '#libs/core';
import { PageRenderer, submit, uuidParam, view } from '#libs/web';
import { detectFormat } from './catalogue-file.js';
import { DraftEditor } from './draft-editor.service.js';
import { QualityModelImporter } from './quality-model.importer.js';
import { QualityModelRepository } from './quality-model.repository.js';
import { expectedVersionOf, QualityModelService } from './quality-model.service.js';
import {
  QUALITY_MODELS_PATH as BASE,
  diffView,
  type Form,
  fromForm,
  kindOf,
  modelView,
  type NodeKindSegment,
  nodeFormView,
  settingsLabels,
} from './quality-model.views.js';
import { rollupFields, rollupFromForm } from './rollup-form.js';
import { VERSION_STATUS_LABELS } from './vocabulary.js';

const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Browse and search for every role (drafts for region staff); import, edit, publish for region staff. */
@ApiExcludeController()
@Controller(BASE.slice(1))
export class QualityModelPagesController {
  constructor(
    private readonly models: QualityModelService,
    private readonly importer: QualityModelImporter,
    private readonly editor: DraftEditor,
    private readonly repo: QualityModelRepository,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Authenticated()
  async list(@CurrentUser() user: AuthUser) {
    const versions = (await this.models.list(user)).map((v) => ({
      ...v,
      statusLabel: VERSION_STATUS_LABELS[v.status],
    }));
    return view('quality-model-list', 'Kvalitetsmodeller', {
      versions,
      canEdit: user.role === Role.RegionStaff,
    });
  }

  @Get('import')
  @Authenticated(Role.RegionStaff)
  importForm() {
    return view('quality-model-import', 'Indlæs kvalitetsmodel');
  }

  @Post('import')
  @Authenticated(Role.RegionStaff)
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  async import(@Req() req: Request, @UploadedFile() file?: { buffer: Buffer; originalname: string }) {
    return submit(
      async () => {
        if (!file?.buffer.length)
          throw new InvalidInputError('Vælg en fil', [
            { field: 'fil', rule: 'isNotEmpty', message: 'Vælg en YAML- eller JSON-fil' },
          ]);
        const text = file.buffer.toString('utf8');
        const v = await this.importer.importText(text, detectFormat(text, file.originalname));
        this.pages.flash(req, `${v.name} er indlæst som kladde (version ${v.number}).`);
        return `${BASE}/${v.id}`;
      },
      () => view('quality-model-import', 'Indlæs kvalitetsmodel', {}),
    );
  }

  @Get(':id')
  @Authenticated()
  async show(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Query('q') q?: string) {
    const [tree, versions, types] = await Promise.all([
      this.models.tree(user, id),
      this.models.list(user),
      this.repo.facilityTypes(),
    ]);
    const canManage = user.role === Role.RegionStaff;
    return view(
      'quality-model',
      `${tree.name}, version ${tree.number}`,
      modelView(tree, versions, types, canManage, q),
    );
  }

  @Post(':id/udgiv')
  @Authenticated(Role.RegionStaff)
  async publish(@Req() req: Request, @Param('id', uuidParam) id: string, @Body() body: Form) {
    return this.act(async () => {
      const v = await this.models.publish(id, expectedVersionOf(body));
      this.pages.flash(req, `Version ${v.number} er udgivet og kan ikke længere ændres.`);
      return `${BASE}/${id}`;
    });
  }

  /** Retiring cannot be undone: a confirmation page says what follows and asks why. */
  @Get(':id/udfas')
  @Authenticated(Role.RegionStaff)
  async confirmRetire(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return view('confirm', 'Udfas kvalitetsmodel', await this.retireConfirm(user, id));
  }

  @Post(':id/udfas')
  @Authenticated(Role.RegionStaff)
  async retire(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Form,
  ) {
    return submit(
      async () => {
        const reason = typeof body.reason === 'string' ? body.reason : '';
        if (!reason.trim())
          throw new InvalidInputError('Skriv hvorfor versionen udfases', [
            { field: 'reason', rule: 'isNotEmpty', message: 'en udfasning kan ikke fortrydes; skriv begrundelsen' },
          ]);
        const v = await this.models.retire(id, expectedVersionOf(body), reason);
        this.pages.flash(req, `Version ${v.number} er udgået.`);
        return `${BASE}/${id}`;
      },
      async () => view('confirm', 'Udfas kvalitetsmodel', await this.retireConfirm(user, id)),
    );
  }

  private async retireConfirm(user: AuthUser, id: string) {
    const tree = await this.models.tree(user, id);
    return {
      fieldLabels: { reason: 'Begrundelse', version: 'Version' },
      confirm: {
        title: 'Udfas kvalitetsmodel',
        subject: `${tree.name}, version ${tree.number}`,
        question:
          'En udgået version kan ikke vælges til nye besøg og undersøgelser, og den kan ikke udgives igen. Det kan ikke fortrydes; udfasningen og begrundelsen gemmes i loggen.',
        warning: '',
        button: 'Udfas versionen',
        reason: 'Hvorfor udfases versionen?',
        action: `${BASE}/${id}/udfas`,
        back: `${BASE}/${id}`,
        hidden: [{ name: 'version', value: tree.version }],
      },
    };
  }

  @Post(':id/kopier')
  @Authenticated(Role.RegionStaff)
  async copy(@CurrentUser() user: AuthUser, @Req() req: Request, @Param('id', uuidParam) id: string) {
    return this.act(async () => {
      const v = await this.models.copy(user, id);
      this.pages.flash(req, `Ny kladde oprettet som version ${v.number}.`);
      return `${BASE}/${v.id}`;
    });
  }

  @Post(':id/slet')
  @Authenticated(Role.RegionStaff)
  async remove(@Req() req: Request, @Param('id', uuidParam) id: string, @Body() body: Form) {
    return this.act(async () => {
      await this.models.remove(id, expectedVersionOf(body));
      this.pages.flash(req, 'Kladden er slettet.');
      return BASE;
    });
  }

  /** A lifecycle button's action; a refusal is shown as an error page with the reason and a way back. */
  private act(action: () => Promise<string>) {
    return submit(action, () => view('error', 'Handlingen blev ikke udført', {}));
  }

  @Get(':id/sammenlign')
  @Authenticated()
  async diff(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Query('med', uuidParam) fromId: string,
  ) {
    const { from, to, diff } = await this.models.diff(user, fromId, id);
    return view('quality-model-diff', 'Sammenlign versioner', diffView(from, to, diff));
  }

  @Get(':id/indstillinger')
  @Authenticated(Role.RegionStaff)
  async settingsForm(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    const tree = await this.models.tree(user, id);
    const form = { ...tree, green: tree.trafficLight.green, yellow: tree.trafficLight.yellow };
    return view('quality-model-settings', 'Ret versionens oplysninger', {
      model: tree,
      form,
      rollup: rollupFields(tree),
      fieldLabels: settingsLabels(tree),
    });
  }

  @Post(':id/indstillinger')
  @Authenticated(Role.RegionStaff)
  async saveSettings(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Form,
  ) {
    const model = await this.models.tree(user, id);
    const num = (v: unknown) =>
      typeof v === 'string' && /^\s*\d+([.,]\d+)?\s*$/.test(v) ? Number(v.replace(',', '.')) : v;
    return submit(
      async () => {
        const change = {
          version: expectedVersionOf(body),
          name: body.name,
          description: body.description,
          note: body.note,
          standardLabel: body.standardLabel,
        };
        const rollup = rollupFromForm(body, num);
        await this.models.updateSettings(
          id,
          { ...change, trafficLight: { green: num(body.green), yellow: num(body.yellow) }, rollup },
          await this.importer.context(),
        );
        this.pages.flash(req, 'Oplysningerne er gemt.');
        return `${BASE}/${id}`;
      },
      () =>
        view('quality-model-settings', 'Ret versionens oplysninger', {
          model,
          rollup: rollupFields(model, body),
          fieldLabels: settingsLabels(model),
        }),
    );
  }

  @Get(':id/:kind/ny')
  @Authenticated(Role.RegionStaff)
  async newNode(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('kind') segment: string,
    @Query() parent: Form,
  ) {
    const k = kindOf(segment);
    return view('quality-model-node-form', `Ny ${k.one}`, await this.nodeView(user, id, k, undefined, { ...parent }));
  }

  @Post(':id/:kind/ny')
  @Authenticated(Role.RegionStaff)
  async addNode(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('kind') segment: string,
    @Body() body: Form,
  ) {
    const k = kindOf(segment);
    return submit(
      async () => {
        const parent = {
          standardId: (body.standardId as string) || undefined,
          criterionId: (body.criterionId as string) || undefined,
        };
        await this.editor.add(id, k.kind, parent, fromForm(k.kind, body));
        this.pages.flash(
          req,
          `${k.one[0].toUpperCase()}${k.one.slice(1)} ${String(body.code ?? '').trim()} er tilføjet.`,
        );
        return `${BASE}/${id}`;
      },
      async () => view('quality-model-node-form', `Ny ${k.one}`, await this.nodeView(user, id, k, undefined, body)),
    );
  }

  @Get(':id/:kind/:nodeId')
  @Authenticated(Role.RegionStaff)
  async editNode(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('kind') segment: string,
    @Param('nodeId', uuidParam) nodeId: string,
  ) {
    const k = kindOf(segment);
    return view('quality-model-node-form', `Ret ${k.one}`, await this.nodeView(user, id, k, nodeId));
  }

  @Post(':id/:kind/:nodeId')
  @Authenticated(Role.RegionStaff)
  async updateNode(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('kind') segment: string,
    @Param('nodeId', uuidParam) nodeId: string,
    @Body() body: Form,
  ) {
    const k = kindOf(segment);
    return submit(
      async () => {
        await this.editor.update(k.kind, nodeId, { ...fromForm(k.kind, body), version: body.version });
        this.pages.flash(req, `${String(body.code ?? '').trim()} er gemt.`);
        return `${BASE}/${id}`;
      },
      async () => view('quality-model-node-form', `Ret ${k.one}`, await this.nodeView(user, id, k, nodeId, body)),
    );
  }

  @Post(':id/:kind/:nodeId/flyt')
  @Authenticated(Role.RegionStaff)
  async moveNode(
    @Param('id', uuidParam) id: string,
    @Param('kind') segment: string,
    @Param('nodeId', uuidParam) nodeId: string,
    @Body() body: Form,
  ) {
    const k = kindOf(segment);
    return this.act(async () => {
      if (body.retning !== 'op' && body.retning !== 'ned')
        throw new InvalidInputError('Ukendt retning', [
          { field: 'retning', rule: 'isIn', message: 'skal være op eller ned' },
        ]);
      const moved = await this.editor.move(
        k.kind,
        nodeId,
        body.retning === 'op' ? 'up' : 'down',
        expectedVersionOf(body),
      );
      return `${BASE}/${id}#node-${moved.id}`;
    });
  }

  @Post(':id/:kind/:nodeId/slet')
  @Authenticated(Role.RegionStaff)
  async removeNode(
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('kind') segment: string,
    @Param('nodeId', uuidParam) nodeId: string,
    @Body() body: Form,
  ) {
    const k = kindOf(segment);
    return this.act(async () => {
      await this.editor.remove(k.kind, nodeId, expectedVersionOf(body));
      this.pages.flash(req, `${k.one[0].toUpperCase()}${k.one.slice(1)} ${String(body.code ?? '')} er fjernet.`);
      return `${BASE}/${id}`;
    });
  }

  /** What the node form shows: the stored or submitted values, with the choices marked. */
  private async nodeView(user: AuthUser, id: string, k: NodeKindSegment, nodeId?: string, submitted?: Form) {
    const model = await this.models.tree(user, id);
    return nodeFormView(model, k, nodeId, submitted, await this.repo.facilityTypes());
  }
}
