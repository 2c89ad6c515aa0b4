import { Module } from '@nestjs/common';
import { FacilitiesModule } from '#libs/facilities';
import { QualityModelModule } from '#libs/quality-model';
import { DemoSeed } from './demo-seed.js';

@Module({ imports: [FacilitiesModule, QualityModelModule], providers: [DemoSeed], exports: [DemoSeed] })
export class DemoModule {}
