import { Module } from '@nestjs/common';
import { FacilitiesModule } from '#libs/facilities';
import { DemoSeed } from './demo-seed.js';

@Module({ imports: [FacilitiesModule], providers: [DemoSeed], exports: [DemoSeed] })
export class DemoModule {}
