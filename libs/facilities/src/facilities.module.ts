import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Role } from '#libs/auth';
import { PageRenderer } from '#libs/web';
import { FacilitiesController } from './facilities.controller.js';
import { FacilitiesRepository } from './facilities.repository.js';
import { FacilitiesService } from './facilities.service.js';
import { FacilityEntity } from './facility.entity.js';
import { FacilityEvents } from './facility-events.js';
import { FacilityImportService } from './facility-import.service.js';
import { FacilityPagesController } from './facility-pages.controller.js';
import { FacilityTypeEntity } from './facility-type.entity.js';
import { OrgTreeController } from './org-tree.controller.js';
import { OrgTreeService } from './org-tree.service.js';
import { OrgTreePagesController } from './org-tree-pages.controller.js';
import { OrgUnitEntity } from './org-unit.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([FacilityEntity, FacilityTypeEntity, OrgUnitEntity])],
  controllers: [FacilitiesController, FacilityPagesController, OrgTreeController, OrgTreePagesController],
  providers: [FacilitiesRepository, FacilitiesService, FacilityImportService, FacilityEvents, OrgTreeService],
  exports: [FacilitiesRepository, FacilitiesService, FacilityImportService, FacilityEvents, OrgTreeService],
})
export class FacilitiesModule implements OnModuleInit {
  constructor(private readonly pages: PageRenderer) {}

  onModuleInit() {
    for (const role of Object.values(Role)) {
      this.pages.addNav(role, {
        href: '/tilbud',
        label: role === Role.FacilityLeader ? 'Mine tilbud' : 'Tilbud',
        position: 10,
      });
    }
    this.pages.addNav(Role.RegionStaff, { href: '/tilbudstyper', label: 'Tilbudstyper', position: 15 });
    this.pages.addNav(Role.RegionStaff, { href: '/organisation', label: 'Organisation', position: 16 });
  }
}
