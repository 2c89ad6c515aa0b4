import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PageInterceptor } from './page.interceptor.js';
import { PageRenderer } from './page-renderer.js';

@Global()
@Module({ providers: [PageRenderer, { provide: APP_INTERCEPTOR, useClass: PageInterceptor }], exports: [PageRenderer] })
export class WebModule {}
